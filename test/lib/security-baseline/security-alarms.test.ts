import { readFileSync } from 'node:fs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Template } from 'aws-cdk-lib/assertions';
import { GlobalEventForwarders } from '../../../lib/security-baseline/global-event-forwarders';
import {
  EGRESS_INSPECTION_CHANGE_ACTIONS,
  NETWORK_CORE_CHANGE_ACTIONS,
} from '../../../lib/security-baseline/guardrails/protect-network-scp';
import { SecurityAlarmBus } from '../../../lib/security-baseline/security-alarm-bus';
import {
  arrivesIn,
  egressInspectionEventNames,
  networkCoreEventNames,
  securityAlarms,
} from '../../../lib/security-baseline/security-alarms';
import { SecurityEventForwarders } from '../../../lib/security-baseline/security-event-forwarders';
import { globMatches } from '../../../lib/security-baseline/policy-evaluator';
import { resourcesOf, smallStack } from './helpers';

const alarms = securityAlarms('lz-break-glass');
const RUNBOOK = 'https://github.com/kestrel-vale/council-landing-zone/blob/main/docs/security-baseline.md';
const BUS = 'arn:aws:events:eu-west-2:777777777777:event-bus/kvdc-security-alarms';

describe('the security alarms', () => {
  it('have unique ids that name a section of docs/security-baseline.md each (the runbook links)', () => {
    const doc = readFileSync('docs/security-baseline.md', 'utf8');
    const ids = alarms.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect({ id, heading: doc.includes(`\n### ${id}\n`) }).toEqual({ id, heading: true });
    }
  });

  it('cover root activity, break-glass, IAM policy, key deletion, backup, network and open security groups, and findings', () => {
    expect(alarms.map((a) => a.id)).toEqual([
      'root-user-activity',
      'break-glass-used',
      'iam-policy-changed',
      'kms-key-deletion',
      'backup-protection-changed',
      'network-core-changed',
      'egress-inspection-changed',
      'security-group-open-to-internet',
      'high-severity-finding',
    ]);
  });

  it('watch exactly network actions the network guardrail protects', () => {
    for (const name of networkCoreEventNames()) {
      expect({
        name,
        protected: NETWORK_CORE_CHANGE_ACTIONS.some((pattern) => globMatches(pattern, `ec2:${name}`, true)),
      }).toEqual({ name, protected: true });
    }
  });

  it('watch every egress-inspection change the guardrail refuses, and only those, by their event source', () => {
    const names = egressInspectionEventNames();
    for (const [service, events] of Object.entries(names)) {
      for (const name of events) {
        expect({
          name,
          protected: EGRESS_INSPECTION_CHANGE_ACTIONS.some((p) => globMatches(p, `${service}:${name}`, true)),
        }).toEqual({ name, protected: true });
      }
    }
    // The ways around the firewall the review named: a route, a gateway endpoint, a DNS Firewall rule.
    expect(names.ec2).toEqual(
      expect.arrayContaining(['CreateRoute', 'CreateVpcEndpoint', 'ModifyVpcEndpoint']),
    );
    expect(names.route53resolver).toEqual(
      expect.arrayContaining(['CreateFirewallRule', 'DisassociateFirewallRuleGroup', 'UpdateFirewallConfig']),
    );
    const alarm = alarms.find((a) => a.id === 'egress-inspection-changed');
    expect(alarm?.pattern['source']).toEqual(['aws.ec2', 'aws.network-firewall', 'aws.route53resolver']);
    // Deployments do not page; a refused attempt does, since no errorCode is filtered out.
    expect(JSON.stringify(alarm?.pattern)).toContain('"anything-but":["cloudformation.amazonaws.com"');
    expect(JSON.stringify(alarm?.pattern)).not.toContain('errorCode');
    // EventBridge refuses an event pattern over 2,048 characters.
    expect(JSON.stringify(alarm?.pattern).length).toBeLessThan(2048);
  });

  it('arrive where AWS delivers them: IAM and sign-in only in us-east-1, findings in the security account', () => {
    const global = alarms.filter((a) => arrivesIn(a, 'global')).map((a) => a.id);
    const regional = alarms.filter((a) => arrivesIn(a, 'regional')).map((a) => a.id);
    expect(global).toEqual(['root-user-activity', 'break-glass-used', 'iam-policy-changed']);
    expect(regional).not.toContain('iam-policy-changed');
    expect(regional).toContain('root-user-activity');
    expect([...global, ...regional]).not.toContain('high-severity-finding');
  });

  it('do not page for what CloudFormation does during a deployment, except where any change matters', () => {
    const iamAlarm = alarms.find((a) => a.id === 'iam-policy-changed');
    expect(JSON.stringify(iamAlarm?.pattern)).toContain('"anything-but":["cloudformation.amazonaws.com"');
    const keys = alarms.find((a) => a.id === 'kms-key-deletion');
    expect(JSON.stringify(keys?.pattern)).not.toContain('anything-but');
  });
});

describe('SecurityAlarmBus', () => {
  const stack = smallStack('777777777777');
  new SecurityAlarmBus(stack, 'Alarms', {
    prefix: 'kvdc',
    busName: 'kvdc-security-alarms',
    organisationId: 'o-kv7777777777',
    alarms,
    ruleNamePrefix: 'kvdc-security-',
    runbookUrl: RUNBOOK,
    emails: ['security-rota@kestrelvale.gov.uk'],
  });
  const t = Template.fromStack(stack);

  it('accepts forwarded events from the organisation only', () => {
    t.hasResourceProperties('AWS::Events::EventBusPolicy', {
      Statement: {
        Action: 'events:PutEvents',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-kv7777777777' } },
      },
    });
  });

  it('has one rule per alarm, each telling the rota what happened and linking to its runbook section', () => {
    const rules = resourcesOf(t, 'AWS::Events::Rule');
    expect(rules.map((r) => r['Name']).sort()).toEqual(alarms.map((a) => `kvdc-security-${a.id}`).sort());
    for (const alarm of alarms) {
      const rule = rules.find((r) => r['Name'] === `kvdc-security-${alarm.id}`);
      const target = (
        rule?.['Targets'] as {
          InputTransformer: { InputTemplate: string; InputPathsMap: Record<string, string> };
        }[]
      )[0];
      expect(target?.InputTransformer.InputTemplate).toContain(`Runbook: ${RUNBOOK}#${alarm.id}`);
      expect(Object.values(target?.InputTransformer.InputPathsMap ?? {})).toEqual(
        expect.arrayContaining(
          alarm.describe === 'finding' ? ['$.detail.findings[0].Title'] : ['$.detail.userIdentity.arn'],
        ),
      );
      // Findings arrive on the default bus; forwarded CloudTrail events on the alarm bus.
      expect(rule?.['EventBusName'] === 'default').toBe(alarm.scope === 'findings');
    }
  });

  it('notifies the rota through a KMS-encrypted topic that only EventBridge of this account may use', () => {
    t.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'kvdc-security-alarms' });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'security-rota@kestrelvale.gov.uk',
    });
    const key = resourcesOf(t, 'AWS::KMS::Key')[0] ?? {};
    expect(JSON.stringify(key['KeyPolicy'])).toContain('"aws:SourceAccount":"777777777777"');
  });
});

describe('the forwarders', () => {
  it('forward each regional alarm from the default bus to the alarm bus with the forwarder role', () => {
    const stack = smallStack('555555555555');
    const role = iam.Role.fromRoleName(stack, 'Role', 'kvdc-security-event-forwarder', { mutable: false });
    const regional = alarms.filter((a) => arrivesIn(a, 'regional'));
    new SecurityEventForwarders(stack, 'Forwarders', {
      alarms: regional,
      alarmBusArn: BUS,
      role,
      ruleNamePrefix: 'kvdc-security-',
    });
    const rules = resourcesOf(Template.fromStack(stack), 'AWS::Events::Rule');
    expect(rules.map((r) => r['Name'])).toEqual(regional.map((a) => `kvdc-security-forward-${a.id}`));
    for (const rule of rules) {
      expect(rule['Targets']).toEqual([
        expect.objectContaining({
          Arn: BUS,
          RoleArn: 'arn:aws:iam::555555555555:role/kvdc-security-event-forwarder',
        }),
      ]);
    }
  });

  it('create the global-event rules in us-east-1 by deploy-time calls, removed with the stack', () => {
    const stack = smallStack('555555555555');
    const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    const role = new iam.Role(stack, 'DeployTime', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const global = alarms.filter((a) => arrivesIn(a, 'global'));
    new GlobalEventForwarders(stack, 'Global', {
      alarms: global,
      alarmBusArn: BUS,
      forwarderRoleArn: 'arn:aws:iam::555555555555:role/kvdc-security-event-forwarder',
      ruleNamePrefix: 'kvdc-security-',
      logGroup,
      role,
    });
    const t = Template.fromStack(stack);
    const rules = resourcesOf(t, 'Custom::GlobalEventsForwardingRule');
    expect(rules).toHaveLength(global.length);
    const first = JSON.stringify(rules[0]);
    expect(first).toContain('\\"region\\":\\"us-east-1\\"');
    expect(first).toContain('\\"action\\":\\"putRule\\"');
    expect(first).toContain('kvdc-security-forward-root-user-activity');
    expect(JSON.stringify(rules[0]?.['Delete'])).toContain('deleteRule');
    const targets = resourcesOf(t, 'Custom::GlobalEventsForwardingTarget');
    expect(JSON.stringify(targets[0]?.['Create'])).toContain(BUS);
    expect(JSON.stringify(targets[0]?.['Delete'])).toContain('removeTargets');
  });
});
