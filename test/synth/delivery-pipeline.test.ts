import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAssembly } from '../../lib/assembly/read';
import { PERMISSIONS_BOUNDARY_NAME } from '../../lib/delivery/deployment-permissions';
import { PIPELINE_CDK_CLI_VERSION } from '../../lib/delivery/tool-versions';
import { evaluateGate } from '../../lib/gate/evaluate';
import { buildDeliveryPipeline } from '../../stacks/delivery-pipeline-app';
import { stacksOf } from '../../stacks/deployment-stages';
import { testApp } from '../helpers/cdk-app';
import { EXAMPLE_BASELINE_STAGES, exampleConfig } from '../helpers/landing-zone';
import { examplePlan } from '../helpers/waves';

interface Action {
  Name: string;
  RunOrder?: number;
  ActionTypeId: { Category: string; Provider: string };
  Configuration?: { StackName?: string; ActionMode?: string };
}

/** The CodePipeline stack: synthesised with every rule pack, gated, and deploying in stage order. */
describe('the CodePipeline delivery app', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'lz-pipeline-'));
  // Findings go to the validation report instead of stopping synthesis, so the gate judges them.
  // Path metadata on, as `cdk synth` writes it: cfn-lint judges the templates with it.
  const app = testApp({
    outdir,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, 'aws:cdk:enable-path-metadata': true },
  });
  const built = buildDeliveryPipeline(app, exampleConfig(), examplePlan());
  app.synth();
  afterAll(() => {
    rmSync(outdir, { recursive: true, force: true });
  });

  const template = JSON.parse(
    readFileSync(join(outdir, `${built.pipeline.artifactId}.template.json`), 'utf8'),
  ) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  const pipeline = Object.values(template.Resources).find((r) => r.Type === 'AWS::CodePipeline::Pipeline');
  const stages = (pipeline?.Properties['Stages'] ?? []) as { Name: string; Actions: Action[] }[];
  // CodePipeline allows 50 actions per stage, so CDK Pipelines splits the landing zone into
  // KvdcLandingZone.1, .2, ...; an action's place in the run is (pipeline stage, run order).
  const actions = stages.flatMap((stage, index) =>
    stage.Name.startsWith(built.stage.stageName)
      ? stage.Actions.map((a) => ({ ...a, RunOrder: index * 1000 + (a.RunOrder ?? 1) }))
      : [],
  );
  const stackName = new Map(stacksOf(built.stage).map((s) => [s.artifactId, s.stackName]));
  const runOrders = (ids: readonly string[], mode: string): number[] =>
    actions
      .filter((a) => a.Configuration?.ActionMode === mode)
      .filter((a) => ids.some((id) => stackName.get(id) === a.Configuration?.StackName))
      .map((a) => a.RunOrder);

  it('passes the gate checks: every rule pack, the change guard against its own baselines, DR posture', async () => {
    const result = await evaluateGate({
      assembly: { ...readAssembly(outdir), stale: [] },
      // Not run here (see below): the result is filtered out.
      lint: { ok: true, matches: [] },
      baselines: 'baselines/pipeline',
      allowList: 'baselines/pipeline/allow-list.yaml',
    });
    // cfn-lint is left to `npm run gate:pipeline` over the CLI synth (.ci/run): on this in-process
    // synth it reports E3703 on the role ARNs CDK Pipelines writes, which it does not report on the
    // CLI's output of the same template. Every other check must pass here.
    const checks = result.checks.filter((c) => c.id !== 'cfn-lint');
    expect(checks.map((c) => c.id)).toEqual(['rule-packs', 'change-guard', 'dr-posture']);
    expect(checks.flatMap((c) => c.problems)).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('sources from the CodeConnections connection in configuration', () => {
    const source = stages[0]?.Actions[0] as Action & { Configuration: Record<string, string> };
    expect(source.ActionTypeId.Provider).toBe('CodeStarSourceConnection');
    expect(source.Configuration['ConnectionArn']).toBe(exampleConfig().delivery?.connectionArn);
    expect(source.Configuration['FullRepositoryId']).toBe('kestrel-vale/council-landing-zone');
    expect(source.Configuration['BranchName']).toBe('main');
  });

  it('deploys every stack of the landing zone once', () => {
    const deployed = actions
      .filter((a) => a.Configuration?.ActionMode === 'CHANGE_SET_EXECUTE')
      .map((a) => a.Configuration?.StackName);
    expect([...deployed].sort()).toEqual([...stackName.values()].sort());
  });

  it('deploys the stages in the order of lz stages', () => {
    expect(built.stages.map((s) => s.id)).toEqual([
      ...EXAMPLE_BASELINE_STAGES,
      'network-network',
      'data-network',
      'data-backup',
      'data-non-production',
      'data-production',
      'waves-non-production',
      'waves-production',
    ]);
    for (let i = 1; i < built.stages.length; i++) {
      const before = Math.max(...runOrders(built.stages[i - 1]?.stacks ?? [], 'CHANGE_SET_EXECUTE'));
      const after = Math.min(...runOrders(built.stages[i]?.stacks ?? [], 'CHANGE_SET_REPLACE'));
      expect({ stage: built.stages[i]?.id, startsAfterPrevious: after > before }).toEqual({
        stage: built.stages[i]?.id,
        startsAfterPrevious: true,
      });
    }
  });

  it('creates every role under the delivery account permissions boundary, as its execution policy requires', () => {
    const roles = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(3);
    const delivery = exampleConfig().accounts.find((a) => a.name === exampleConfig().delivery?.account);
    for (const [, role] of roles) {
      expect(role.Properties['PermissionsBoundary']).toBe(
        `arn:aws:iam::${delivery?.id ?? ''}:policy/${PERMISSIONS_BOUNDARY_NAME}`,
      );
    }
  });

  it('asks for one manual approval, before anything production', () => {
    const approvals = actions.filter((a) => a.ActionTypeId.Category === 'Approval');
    expect(approvals).toHaveLength(1);
    const production = built.stages.filter((s) => s.production).flatMap((s) => s.stacks);
    expect(production.length).toBeGreaterThan(1);
    expect(approvals[0]?.RunOrder ?? 1).toBeLessThan(
      Math.min(...runOrders(production, 'CHANGE_SET_REPLACE')),
    );
    const nonProduction = built.stages.filter((s) => !s.production).flatMap((s) => s.stacks);
    expect(
      runOrders(nonProduction, 'CHANGE_SET_REPLACE').some((o) => o < (approvals[0]?.RunOrder ?? 1)),
    ).toBe(true);
  });
});

describe('pipeline tool versions', () => {
  it('pins the CDK CLI the pipeline installs to the version package.json pins', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(PIPELINE_CDK_CLI_VERSION).toBe(pkg.devDependencies['aws-cdk']);
  });
});
