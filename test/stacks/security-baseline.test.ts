import { readFileSync } from 'node:fs';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { parseDocument } from 'yaml';
import { validateConfigText } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { buildLandingZone } from '../../stacks/landing-zone';
import { deploymentStagesOf } from '../../stacks/deployment-stages';
import { testApp } from '../helpers/cdk-app';
import { EXAMPLE_BASELINE_STAGES, exampleConfig, exampleText } from '../helpers/landing-zone';

function configWithout(key: string): LandingZoneConfig {
  const doc = parseDocument(exampleText());
  doc.delete(key);
  const config = validateConfigText('test.yaml', doc.toString()).config;
  if (config === undefined) throw new Error('the edited example should be valid');
  return config;
}

function build(config: LandingZoneConfig) {
  const app = testApp();
  const stacks = buildLandingZone(app, config);
  const assembly = app.synth();
  return { stacks, stages: deploymentStagesOf(app, assembly, config) };
}

const HOME = 'eu-west-2';
const DR = 'eu-west-1';

describe('the security baseline of the example council', () => {
  const config = exampleConfig();
  const { stacks, stages } = build(config);
  const baseline = stacks.securityBaseline;
  const accountId = (name: string) => config.accounts.find((a) => a.name === name)?.id;
  const where = (stack: Stack | undefined) => ({ account: stack?.account, region: stack?.region });

  it('deploys each part in the account it belongs to', () => {
    expect(where(baseline?.logArchive)).toEqual({ account: accountId('log-archive'), region: HOME });
    expect(where(baseline?.management)).toEqual({ account: accountId('management'), region: HOME });
    expect(baseline?.tooling.map(where)).toEqual([
      { account: accountId('security'), region: HOME },
      { account: accountId('security'), region: DR },
    ]);
    expect(baseline?.organisation.map(where)).toEqual([
      { account: accountId('security'), region: HOME },
      { account: accountId('security'), region: DR },
    ]);
    // Every account, the management account included, in every region the landing zone uses.
    expect(baseline?.accounts.map(where)).toEqual(
      config.accounts.flatMap((a) => [
        { account: a.id, region: HOME },
        { account: a.id, region: DR },
      ]),
    );
  });

  it('puts the baseline in the first phase and organisation-wide detection in the second, before the network', () => {
    expect(stages.slice(0, EXAMPLE_BASELINE_STAGES.length).map((s) => s.id)).toEqual(EXAMPLE_BASELINE_STAGES);
    expect(stages[0]?.stacks).toContain('KvdcLogArchive');
    expect(stages.find((s) => s.id === 'baseline-management')?.stacks).toEqual([
      'KvdcAccountBaselineManagement',
      'KvdcAccountBaselineManagementDrRegion',
      'KvdcOrganisationManagement',
    ]);
    expect(stages.find((s) => s.id === 'detection-security')?.stacks).toEqual([
      'KvdcSecurityOrganisation',
      'KvdcSecurityOrganisationDrRegion',
    ]);
    expect(stages[EXAMPLE_BASELINE_STAGES.length]?.id).toBe('network-network');
  });

  it('deploys nothing outside the regions the residency rule allows', () => {
    expect(new Set(stacks.all.map((s) => s.region))).toEqual(new Set([HOME, DR]));
  });

  it('subscribes every log group of the home region, outside the log-archive account, to the archive destination', () => {
    const destination = 'arn:aws:logs:eu-west-2:333333333333:destination:kvdc-log-archive';
    let subscribed = 0;
    for (const stack of stacks.all.filter(
      (s) => s.region === HOME && s.account !== accountId('log-archive'),
    )) {
      const t = Template.fromStack(stack).toJSON() as {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      };
      const groups = Object.entries(t.Resources)
        .filter(([, r]) => r.Type === 'AWS::Logs::LogGroup')
        .map(([id]) => id);
      const filters = Object.values(t.Resources).filter((r) => r.Type === 'AWS::Logs::SubscriptionFilter');
      expect(filters.map((f) => (f.Properties['LogGroupName'] as { Ref: string }).Ref).sort()).toEqual(
        groups.sort(),
      );
      for (const filter of filters) {
        expect(filter.Properties).toMatchObject({ DestinationArn: destination, FilterPattern: '' });
      }
      if (groups.length > 0) {
        expect(stack.dependencies.map((d) => d.stackName)).toContain('kvdc-log-archive');
      }
      subscribed += filters.length;
    }
    // Flow logs, Resolver query logs, VPN tunnel logs and the deploy-time functions' logs.
    expect(subscribed).toBeGreaterThan(10);
    const flowLogs = Template.fromStack(stacks.vpcs['production'] ?? stacks.hub);
    // The flow logs and the default-security-group handler's logs.
    flowLogs.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
  });

  it('creates the break-glass role in every member account and not in the management account', () => {
    const withBreakGlass = (baseline?.accounts ?? [])
      .filter((s) => s.region === HOME)
      .filter((s) => JSON.stringify(Template.fromStack(s).toJSON()).includes('"RoleName":"lz-break-glass"'))
      .map((s) => s.account);
    expect(withBreakGlass.sort()).toEqual(
      config.accounts
        .filter((a) => a.role !== 'management')
        .map((a) => a.id)
        .sort(),
    );
  });

  it('attaches every guardrail to every configured OU', () => {
    const t = Template.fromStack(baseline?.management ?? stacks.hub);
    const policies = Object.values(t.findResources('AWS::Organizations::Policy'));
    expect(policies.map((p) => (p['Properties'] as { Name: string }).Name).sort()).toEqual([
      'kvdc-protect-audit',
      'kvdc-protect-network',
      'kvdc-protect-recovery',
      'kvdc-residency',
      'kvdc-tags',
    ]);
    for (const policy of policies) {
      expect((policy['Properties'] as { TargetIds: string[] }).TargetIds).toEqual([
        'ou-kv77-11111111',
        'ou-kv77-22222222',
        'ou-kv77-33333333',
      ]);
    }
  });
});

describe('a configuration without a securityBaseline section', () => {
  const { stacks, stages } = build(configWithout('securityBaseline'));

  it('builds no baseline stack, no subscription and no new phase', () => {
    expect(stacks.securityBaseline).toBeUndefined();
    expect(stages[0]?.id).toBe('network-network');
    // The monitoring of dataProtection.databases ships with the waves phase (docs/operations.md, Alarms):
    // no baseline or detection phase without the section.
    expect(new Set(stages.map((s) => s.phase))).toEqual(new Set(['network', 'data', 'waves']));
    for (const stack of stacks.all) {
      Template.fromStack(stack).resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    }
  });

  it('synthesises the existing stacks as before: the accepted baselines without the archive subscriptions', () => {
    for (const stack of [stacks.hub, ...Object.values(stacks.vpcs), stacks.connectivity, stacks.hybridDns]) {
      if (stack === undefined) continue;
      const accepted = JSON.parse(readFileSync(`baselines/${stack.artifactId}.template.json`, 'utf8')) as {
        Resources: Record<string, { Type: string }>;
      };
      const now = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string }> };
      // The baselines were accepted with the security baseline on: without it, only its log
      // subscriptions (to the archive) are gone, and nothing else changes.
      const ids = (t: { Resources: Record<string, { Type: string }> }) =>
        Object.entries(t.Resources)
          .filter(([, r]) => r.Type !== 'AWS::CDK::Metadata' && r.Type !== 'AWS::Logs::SubscriptionFilter')
          .map(([id, r]) => `${id} ${r.Type}`)
          .sort();
      expect({ stack: stack.artifactId, resources: ids(now) }).toEqual({
        stack: stack.artifactId,
        resources: ids(accepted),
      });
    }
  });
});
