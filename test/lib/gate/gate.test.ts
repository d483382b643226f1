import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenedAssembly } from '../../../lib/assembly/open';
import type { ValidationReport } from '../../../lib/assembly/validation-report';
import { runCfnLint, type LintResult } from '../../../lib/gate/cfn-lint-check';
import { evaluateGate, type GateResult } from '../../../lib/gate/evaluate';
import { exampleAssembly } from '../../helpers/example-assembly';
import { exampleConfig } from '../../helpers/landing-zone';

/*
 * The gate over the example's shared assembly (synthesised once per run with every check): it
 * passes, and each check fails on an input changed in just the way that check exists to catch.
 * The source-level dangerous edits, and `lz gate` against `lz synth` + `lz gate --no-synth`, are in
 * test/mutation/ (npm run test:mutation), one synthesis per family of edits.
 */
describe('pre-deployment gate', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'lz-gate-test-'));
    dirs.push(dir);
    return dir;
  };
  let baselines: string;
  let exampleResult: GateResult;
  // cfn-lint reads only the files, which these tests never change: run it once.
  let lint: LintResult;

  /** Baselines equal to the example's templates, optionally edited. */
  function baselinesOf(
    assembly: OpenedAssembly,
    edit?: (file: string, json: Record<string, unknown>) => void,
  ): string {
    const dir = fresh();
    for (const stack of assembly.stacks) {
      const json = structuredClone(stack.raw) as Record<string, unknown>;
      edit?.(stack.templateFile, json);
      writeFileSync(join(dir, stack.templateFile), JSON.stringify(json));
    }
    return dir;
  }

  function gate(assembly: OpenedAssembly, baselineDir = baselines): Promise<GateResult> {
    return evaluateGate({
      assembly,
      baselines: baselineDir,
      allowList: join(baselineDir, 'none.yaml'),
      lint,
      config: exampleConfig(),
      staged: true,
    });
  }

  function problems(result: GateResult, check: string): string {
    return (result.checks.find((c) => c.id === check)?.problems ?? []).join('\n');
  }

  beforeAll(async () => {
    baselines = baselinesOf(exampleAssembly());
    lint = await runCfnLint(exampleAssembly().dir);
    exampleResult = await gate(exampleAssembly());
  });
  afterAll(() => {
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes on the example, with every check run and the evidence assembled', () => {
    expect(exampleResult.checks.map((c) => `${c.id} ${c.status}`)).toEqual([
      'rule-packs pass',
      'cfn-lint pass',
      'deployment pass',
      'change-guard pass',
      'segmentation pass',
      'dr-posture pass',
    ]);
    expect(exampleResult.passed).toBe(true);
    expect(exampleResult.assemblyDigest).toBe(exampleAssembly().provenance?.assembly.digest);
    expect(exampleResult.acknowledgements.length).toBeGreaterThan(20);
    expect(exampleResult.acknowledgements.every((a) => a.reason.length > 20 && a.source !== '')).toBe(true);
    expect(exampleResult.principles.map((p) => p.status)).not.toContain('fail');
  });

  it('fails on an unacknowledged finding in the validation report', async () => {
    const example = exampleAssembly();
    const report = structuredClone(example.validationReport) as ValidationReport;
    const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions');
    nag?.violations.push({
      ruleName: 'AwsSolutions-RDS10',
      description: 'The RDS instance or Aurora DB cluster does not have deletion protection enabled.',
      violatingConstructs: [{ constructPath: 'KvdcDataProtectionNonProduction/CrmMainDatabase/Instance' }],
    });
    const result = await gate({ ...example, validationReport: report });
    expect(result.passed).toBe(false);
    expect(problems(result, 'rule-packs')).toMatch(
      /AwsSolutions-RDS10 at KvdcDataProtectionNonProduction\/CrmMainDatabase/,
    );
  });

  it('fails when a stateful resource of the baseline would be replaced', async () => {
    const example = exampleAssembly();
    const changed = baselinesOf(example, (file, json) => {
      if (file !== 'KvdcDataProtectionNonProduction.template.json') return;
      const resources = json['Resources'] as Record<
        string,
        { Type: string; Properties: Record<string, unknown> }
      >;
      const db = Object.values(resources).find((r) => r.Type === 'AWS::RDS::DBInstance');
      if (!db) throw new Error('the non-production account has the CRM database');
      db.Properties['DBInstanceIdentifier'] = 'kvdc-crm-main-old';
    });
    const result = await gate(example, changed);
    expect(result.passed).toBe(false);
    expect(problems(result, 'change-guard')).toMatch(
      /KvdcDataProtectionNonProduction\/CrmMainDatabaseInstance\w+ \(AWS::RDS::DBInstance\) will be REPLACED/,
    );
  });

  it('fails when a database loses its copy to the backup account', async () => {
    const example = exampleAssembly();
    const stacks = example.stacks.map((stack) => {
      const template = structuredClone(stack.template);
      for (const resource of Object.values(template.Resources ?? {})) {
        if (resource.Type !== 'AWS::Backup::BackupPlan') continue;
        const plan = resource.Properties?.['BackupPlan'] as { BackupPlanRule?: { CopyActions?: unknown }[] };
        for (const rule of plan.BackupPlanRule ?? []) delete rule.CopyActions;
      }
      return { ...stack, template };
    });
    const result = await gate({ ...example, stacks });
    expect(result.passed).toBe(false);
    expect(problems(result, 'dr-posture')).toMatch(
      /crm \(kvdc-crm-main\): logical corruption or ransomware: .*no recovery point of kvdc-crm-main is in a compliance-locked vault or another account/,
    );
  });

  it('judges only the stacks in scope for findings, cfn-lint and the change guard', async () => {
    const example = exampleAssembly();
    const report = structuredClone(example.validationReport) as ValidationReport;
    report.pluginReports[0]?.violations.push({
      ruleName: 'AwsSolutions-RDS10',
      description: 'deletion protection',
      violatingConstructs: [{ constructPath: 'KvdcDataProtectionNonProduction/CrmMainDatabase/Instance' }],
    });
    const assembly = { ...example, validationReport: report };
    const scoped = await evaluateGate({
      assembly,
      baselines,
      allowList: join(baselines, 'none.yaml'),
      lint,
      scope: ['KvdcNetworkHub'],
    });
    expect(scoped.passed).toBe(true);
    expect(scoped.scope).toEqual(['KvdcNetworkHub']);
    expect(scoped.checks.find((c) => c.id === 'change-guard')?.summary).toMatch(/1 stack\(s\) compared/);
    const inScope = await evaluateGate({
      assembly,
      baselines,
      allowList: join(baselines, 'none.yaml'),
      lint,
      scope: ['KvdcDataProtectionNonProduction'],
    });
    expect(inScope.passed).toBe(false);
  });

  it('never passes an assembly read with --allow-stale', async () => {
    const result = await gate({
      ...exampleAssembly(),
      stale: ['it is stale: config/landing-zone.yaml changed'],
    });
    expect(result.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(result.passed).toBe(false);
    expect(result.stale).toEqual(['it is stale: config/landing-zone.yaml changed']);
  });
});
