import type { CheckStatus, GateCheck } from './check';
import { templatesById } from '../assembly/read';
import type { OpenedAssembly } from '../assembly/open';
import {
  PLUGIN_FAILED_RULE,
  unacknowledgedFindings,
  type Finding,
  type ValidationReport,
} from '../assembly/validation-report';
import { DISRUPTION_LABELS } from '../dr/assess';
import { checkAssembly } from '../dr/check';
import { readAllowList } from '../safety/allow-list';
import { baselineSetProblem, readTemplates } from '../safety/baseline-files';
import { describeChange, guardChanges } from '../safety/change-guard';
import { acknowledgementRegister, type Acknowledgement } from './acknowledgements';
import { runCfnLint, type LintMatch, type LintResult } from './cfn-lint-check';
import { GATE_CHECK_RULES, NCSC_PRINCIPLES } from './ncsc-principles';
import type { LandingZoneConfig } from '../config/schema';
import { deployCheckReport } from '../deploy-check/report';
import { describeSafeguardChange, safeguardChanges } from '../safety/safeguards';
import { segmentationCheck } from './segmentation-check';

export type { CheckStatus, GateCheck };

export interface RuleStatus {
  readonly rule: string;
  readonly status: 'pass' | 'fail' | 'pass-with-acknowledgements';
  readonly violations: number;
  readonly acknowledged: number;
}

export interface PrincipleStatus {
  readonly number: number;
  readonly title: string;
  readonly status: 'pass' | 'fail' | 'not-evidenced';
  readonly evidence: string;
  readonly rules: RuleStatus[];
}

export interface GateResult {
  readonly passed: boolean;
  /** The stacks judged, when the gate was limited to some (`--stage`, `--stacks`); absent for all. */
  readonly scope?: readonly string[];
  readonly assembly: string;
  /** The assembly's provenance digest: the evidence is bound to this exact synth. */
  readonly assemblyDigest?: string;
  /** Why the assembly is not current, when --allow-stale let it through; empty otherwise. */
  readonly stale: readonly string[];
  readonly checks: GateCheck[];
  readonly findings: Finding[];
  readonly acknowledgements: Acknowledgement[];
  readonly principles: PrincipleStatus[];
}

export interface GateOptions {
  readonly assembly: OpenedAssembly;
  /**
   * The configuration the assembly was synthesised from. With it the gate also judges each backup
   * tier's DR-region promise; for a landing-zone assembly (`staged`), the deployment and the
   * segmentation proof too.
   */
  readonly config?: LandingZoneConfig;
  /** The assembly is deployed stage by stage from its deployment record (the landing-zone app). */
  readonly staged?: boolean;
  readonly baselines: string;
  readonly allowList: string;
  /** Told as each check starts. */
  readonly progress?: (check: string) => void;
  /** cfn-lint's result for this assembly's files, when already known (it reads only the files). */
  readonly lint?: LintResult;
  /**
   * Judge only these stacks (artifact ids), for an engineer fixing one stage at night: findings,
   * cfn-lint and the change guard look at them alone. The deployment check, the segmentation proof
   * and the DR posture still look at everything (they are about how the stacks fit together).
   */
  readonly scope?: readonly string[];
}

/** Rule name as reported, without a finding suffix such as `[Resource::*]`. */
function baseRule(name: string): string {
  return name.replace(/\[.*\]$/, '');
}

function ruleCounts(report: ValidationReport): Map<string, { violations: number; acknowledged: number }> {
  const counts = new Map<string, { violations: number; acknowledged: number }>();
  const bump = (rule: string, key: 'violations' | 'acknowledged'): void => {
    const entry = counts.get(rule) ?? { violations: 0, acknowledged: 0 };
    entry[key] += 1;
    counts.set(rule, entry);
  };
  for (const plugin of report.pluginReports) {
    plugin.violations.forEach((v) => {
      bump(baseRule(v.ruleName), 'violations');
    });
    plugin.suppressedViolations.forEach((v) => {
      bump(baseRule(v.ruleName), 'acknowledged');
    });
  }
  return counts;
}

function rulePacksCheck(report: ValidationReport, findings: Finding[]): GateCheck {
  const plugins = report.pluginReports.map((p) => p.pluginName);
  return {
    id: 'rule-packs',
    title:
      'cdk-nag AwsSolutions and NIST 800-53 rev 5, council and data-protection packs, Control Tower controls, CloudFormation validation',
    status: findings.length === 0 ? 'pass' : 'fail',
    summary:
      findings.length === 0
        ? `no unacknowledged finding (plugins with findings or acknowledgements: ${plugins.join(', ')})`
        : `${findings.length} unacknowledged finding(s)`,
    problems: findings.map((f) => `${f.plugin} ${f.rule} at ${f.resource}: ${f.description}`),
    notes: [],
  };
}

function cfnLintCheck(lint: LintResult): { check: GateCheck; matches: LintMatch[] } {
  if (!lint.ok) {
    return {
      check: {
        id: 'cfn-lint',
        title: 'cfn-lint',
        status: 'fail',
        summary: lint.error,
        problems: [lint.error],
        notes: [],
      },
      matches: [],
    };
  }
  const errors = lint.matches.filter((m) => m.level === 'error');
  const others = lint.matches.filter((m) => m.level !== 'error');
  const line = (m: LintMatch): string => `${m.rule} ${m.template} ${m.path}: ${m.message}`;
  return {
    check: {
      id: 'cfn-lint',
      title: 'cfn-lint',
      status: errors.length === 0 ? 'pass' : 'fail',
      summary: `${errors.length} error(s), ${others.length} warning(s) for review`,
      problems: errors.map(line),
      notes: others.map(line),
    },
    matches: lint.matches,
  };
}

function changeGuardCheck(options: GateOptions): GateCheck {
  const allow = readAllowList(options.allowList);
  const inScope = (stack: string): boolean => options.scope === undefined || options.scope.includes(stack);
  const baseline = Object.fromEntries(
    Object.entries(readTemplates(options.baselines)).filter(([id]) => inScope(id)),
  );
  const current = Object.fromEntries(
    Object.entries(templatesById(options.assembly)).filter(([id]) => inScope(id)),
  );
  const setProblem = baselineSetProblem(
    options.baselines,
    Object.keys(baseline),
    Object.keys(current),
    options.assembly.dir,
  );
  if (allow.diagnostics.length > 0 || setProblem !== undefined) {
    const problem =
      allow.diagnostics.length > 0
        ? `invalid ${options.allowList}: ${allow.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`).join('; ')}`
        : (setProblem ?? '');
    return {
      id: 'change-guard',
      title: 'Change guard',
      status: 'fail',
      summary: problem,
      problems: [problem],
      notes: [],
    };
  }
  const result = guardChanges(baseline, current, allow.entries);
  const safeguards = safeguardChanges(baseline, current);
  return {
    id: 'change-guard',
    title: 'Change guard (stateful resources of the accepted baseline)',
    status: result.blocked.length === 0 ? 'pass' : 'fail',
    summary:
      `${result.blocked.length} blocked, ${result.changes.length - result.blocked.length} allowed, ` +
      `${safeguards.length} safeguard change(s) to review, ${result.stacksCompared} stack(s) compared`,
    problems: result.blocked.map(describeChange),
    notes: [
      ...result.changes
        .filter((c) => c.allowedBy)
        .map((c) => `allowed: ${describeChange(c)} (${c.allowedBy?.reason ?? ''})`),
      ...result.unusedAllowances.map(
        (a) => `stale allow-list entry: ${a.stack}/${a.logicalId} (${a.change})`,
      ),
      ...safeguards.map((c) => `to review (a safeguard changes in place): ${describeSafeguardChange(c)}`),
    ],
  };
}

function deploymentCheck(assembly: OpenedAssembly, config: LandingZoneConfig): GateCheck {
  const report = deployCheckReport(assembly, config);
  const problems = report.checks.flatMap((c) => c.problems.map((p) => `${c.id}: ${p}`));
  return {
    id: 'deployment',
    title:
      'Deployment check (parameters, references, names, quotas, stage order, bootstrap, execution permissions)',
    status: report.passed ? 'pass' : 'fail',
    summary: `${report.stacks} stack(s) in ${report.stages} stage(s), ${problems.length} problem(s)`,
    problems,
    notes: report.checks.flatMap((c) => c.notes.map((n) => `${c.id}: ${n}`)),
  };
}

function drCheck(assembly: OpenedAssembly, config: LandingZoneConfig | undefined): GateCheck {
  const report = checkAssembly(assembly, config);
  const breaches = report.workloads.flatMap((w) =>
    w.assessments
      .filter((a) => a.status === 'breach')
      .map(
        (a) => `${w.workload} (${w.database}): ${DISRUPTION_LABELS[a.disruption]}: ${a.reasoning.join('; ')}`,
      ),
  );
  return {
    id: 'dr-posture',
    title: 'DR posture (achievable RPO and RTO against targets)',
    status: report.breaches === 0 ? 'pass' : 'fail',
    summary: `${report.workloads.length} database(s), ${report.breaches} breach(es)`,
    problems: breaches,
    notes: [],
  };
}

function principles(report: ValidationReport, checks: GateCheck[]): PrincipleStatus[] {
  const counts = ruleCounts(report);
  const checkStatus: Record<string, CheckStatus | undefined> = {
    [GATE_CHECK_RULES.changeGuard]: checks.find((c) => c.id === 'change-guard')?.status,
    [GATE_CHECK_RULES.drPosture]: checks.find((c) => c.id === 'dr-posture')?.status,
    [GATE_CHECK_RULES.cfnLint]: checks.find((c) => c.id === 'cfn-lint')?.status,
    [GATE_CHECK_RULES.deployment]: checks.find((c) => c.id === 'deployment')?.status,
    [GATE_CHECK_RULES.segmentation]: checks.find((c) => c.id === 'segmentation')?.status,
    // The built-in CloudFormation validation reports into the same validation report as the packs.
    [GATE_CHECK_RULES.cloudFormationValidate]: report.pluginReports.some(
      (p) => p.pluginName === 'CloudFormation Validate' && p.violations.length > 0,
    )
      ? 'fail'
      : 'pass',
  };
  return NCSC_PRINCIPLES.map((p) => {
    const rules: RuleStatus[] = p.rules.map((rule) => {
      const gateStatus = checkStatus[rule];
      if (gateStatus !== undefined) {
        return { rule, status: gateStatus, violations: gateStatus === 'fail' ? 1 : 0, acknowledged: 0 };
      }
      const c = counts.get(rule) ?? { violations: 0, acknowledged: 0 };
      return {
        rule,
        status: c.violations > 0 ? 'fail' : c.acknowledged > 0 ? 'pass-with-acknowledgements' : 'pass',
        ...c,
      };
    });
    const status =
      rules.length === 0 ? 'not-evidenced' : rules.some((r) => r.status === 'fail') ? 'fail' : 'pass';
    return { number: p.number, title: p.title, status, evidence: p.evidence, rules };
  });
}

/**
 * Every check of the pre-deployment gate over one synthesised assembly. cfn-lint, the slowest,
 * runs in its own processes alongside the other checks, which run here.
 */
export async function evaluateGate(options: GateOptions): Promise<GateResult> {
  const report = options.assembly.validationReport;
  if (report === undefined) {
    throw new Error(
      `${options.assembly.dir} has no validation report: it was synthesised without the checks`,
    );
  }
  const progress = options.progress ?? (() => undefined);
  const scope = options.scope;
  const inScope = (resource: string): boolean =>
    scope === undefined || scope.some((id) => resource === id || resource.startsWith(`${id}/`));
  const templates = options.assembly.stacks.filter((st) => inScope(st.stackId)).map((st) => st.templateFile);
  const linting = options.lint ?? runCfnLint(options.assembly.dir, templates);
  // A plugin that failed checked no stack, so it fails the gate whatever the scope.
  const findings = unacknowledgedFindings(report).filter(
    (f) => f.rule === PLUGIN_FAILED_RULE || inScope(f.resource),
  );
  progress('rule packs');
  const rulePacks = rulePacksCheck(report, findings);
  const staged = options.staged === true && options.config !== undefined ? options.config : undefined;
  progress('deployment check');
  const deployment = staged === undefined ? [] : [deploymentCheck(options.assembly, staged)];
  progress('change guard');
  const guard = changeGuardCheck(options);
  progress('segmentation proof');
  const segmentation = staged === undefined ? [] : [segmentationCheck(options.assembly, staged)];
  progress('DR posture');
  const dr = drCheck(options.assembly, options.config);
  // The wait for what cfn-lint has not finished while the checks above ran.
  progress('cfn-lint');
  const lint = cfnLintCheck(await linting).check;
  const checks = [rulePacks, lint, ...deployment, guard, ...segmentation, dr];
  return {
    passed: checks.every((c) => c.status === 'pass') && options.assembly.stale.length === 0,
    assembly: options.assembly.dir,
    ...(options.assembly.provenance === undefined
      ? {}
      : { assemblyDigest: options.assembly.provenance.assembly.digest }),
    stale: options.assembly.stale,
    checks,
    findings,
    acknowledgements: acknowledgementRegister(report).filter((a) => inScope(a.resource)),
    ...(scope === undefined ? {} : { scope }),
    principles: principles(report, checks),
  };
}
