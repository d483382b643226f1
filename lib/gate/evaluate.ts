import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  readValidationReport,
  unacknowledgedFindings,
  type Finding,
  type ValidationReport,
} from '../compliance/validation-report';
import { DISRUPTION_LABELS } from '../dr/assess';
import { checkAssembly } from '../dr/check';
import { readAllowList } from '../safety/allow-list';
import { readTemplates } from '../safety/baseline-files';
import { describeChange, guardChanges } from '../safety/change-guard';
import { acknowledgementRegister, type Acknowledgement } from './acknowledgements';
import { runCfnLint, type LintMatch } from './cfn-lint-check';
import { GATE_CHECK_RULES, NCSC_PRINCIPLES } from './ncsc-principles';

export type CheckStatus = 'pass' | 'fail';

export interface GateCheck {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly summary: string;
  /** One line per problem that fails the check. */
  readonly problems: string[];
  /** Lines worth reading that do not fail the check (cfn-lint warnings, allowed changes). */
  readonly notes: string[];
}

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
  readonly assembly: string;
  readonly checks: GateCheck[];
  readonly findings: Finding[];
  readonly acknowledgements: Acknowledgement[];
  readonly principles: PrincipleStatus[];
}

export interface GateOptions {
  readonly assembly: string;
  readonly baselines: string;
  readonly allowList: string;
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

function cfnLintCheck(assembly: string): { check: GateCheck; matches: LintMatch[] } {
  const lint = runCfnLint(assembly);
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
  const baseline = readTemplates(options.baselines);
  if (allow.diagnostics.length > 0 || Object.keys(baseline).length === 0) {
    const problem =
      allow.diagnostics.length > 0
        ? `invalid ${options.allowList}: ${allow.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`).join('; ')}`
        : `no baseline templates in ${options.baselines}`;
    return {
      id: 'change-guard',
      title: 'Change guard',
      status: 'fail',
      summary: problem,
      problems: [problem],
      notes: [],
    };
  }
  const result = guardChanges(baseline, readTemplates(options.assembly), allow.entries);
  return {
    id: 'change-guard',
    title: 'Change guard (stateful resources of the accepted baseline)',
    status: result.blocked.length === 0 ? 'pass' : 'fail',
    summary: `${result.blocked.length} blocked, ${result.changes.length - result.blocked.length} allowed, ${result.stacksCompared} stack(s) compared`,
    problems: result.blocked.map(describeChange),
    notes: [
      ...result.changes
        .filter((c) => c.allowedBy)
        .map((c) => `allowed: ${describeChange(c)} (${c.allowedBy?.reason ?? ''})`),
      ...result.unusedAllowances.map(
        (a) => `stale allow-list entry: ${a.stack}/${a.logicalId} (${a.change})`,
      ),
    ],
  };
}

function drCheck(assembly: string): GateCheck {
  const report = checkAssembly(assembly);
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

/** Every check of the pre-deployment gate over one synthesised assembly. */
export function evaluateGate(options: GateOptions): GateResult {
  const reportFile = join(options.assembly, 'validation-report.json');
  if (!existsSync(reportFile)) {
    throw new Error(`${reportFile} does not exist: synthesise first`);
  }
  const report = readValidationReport(reportFile);
  const findings = unacknowledgedFindings(report);
  const checks = [
    rulePacksCheck(report, findings),
    cfnLintCheck(options.assembly).check,
    changeGuardCheck(options),
    drCheck(options.assembly),
  ];
  return {
    passed: checks.every((c) => c.status === 'pass'),
    assembly: options.assembly,
    checks,
    findings,
    acknowledgements: acknowledgementRegister(report),
    principles: principles(report, checks),
  };
}
