import { readFileSync } from 'node:fs';
import { allReadActions, RESTORE_DRILL_ACTIONS } from '../../../lib/ops/iam-actions';
import { serviceControlPolicies } from '../../../lib/security-baseline/guardrails';
import {
  policyText,
  SCP_MAX_CHARACTERS,
  SCP_MAX_PER_TARGET,
  type ServiceControlPolicy,
} from '../../../lib/security-baseline/guardrails/service-control-policy';
import { securityBaselineModel } from '../../../lib/security-baseline/model';
import { evaluatePolicies, FULL_AWS_ACCESS } from '../../../lib/security-baseline/policy-evaluator';
import { exampleConfig } from '../../helpers/landing-zone';

const model = securityBaselineModel(exampleConfig());
if (model === undefined) throw new Error('the example configuration has a security baseline');
const scps = serviceControlPolicies(model);

const PRODUCTION = '555555555555';
const NETWORK = '111111111111';
const HOME = 'eu-west-2';
const DR = 'eu-west-1';

const role = (account: string, name: string): string => `arn:aws:iam::${account}:role/${name}`;
const cfnExec = (account: string, region = HOME) =>
  role(account, `cdk-hnb659fds-cfn-exec-role-${account}-${region}`);
const deployRole = (account: string) => role(account, `cdk-hnb659fds-deploy-role-${account}-${HOME}`);
const breakGlass = (account: string) => role(account, 'lz-break-glass');
const admin = (account: string) => role(account, 'AWSReservedSSO_AdministratorAccess_0123456789abcdef');
const opsReadOnly = (account: string) => role(account, 'lz-operations-read-only');
const drill = (account: string) => role(account, 'lz-operations-restore-drill');

interface Call {
  readonly action: string;
  readonly principal: string;
  readonly region?: string;
  readonly resource?: string;
}

/** The SCPs that deny a call (with FullAWSAccess also attached, as on every OU). */
function denyingPolicies(call: Call, policies: readonly ServiceControlPolicy[] = scps): string[] {
  return policies.flatMap((scp) => {
    const result = evaluatePolicies([FULL_AWS_ACCESS, scp.document], {
      action: call.action,
      ...(call.resource === undefined ? {} : { resource: call.resource }),
      context: { 'aws:RequestedRegion': call.region ?? HOME, 'aws:PrincipalArn': call.principal },
    });
    return result.decision === 'explicit-deny' ? [scp.name] : [];
  });
}

const byName = (name: string) => scps.filter((s) => s.name === name);

describe('service control policies', () => {
  it('are at most four per OU (FullAWSAccess is the fifth) and each fits the SCP size limit', () => {
    expect(scps.length).toBeLessThanOrEqual(SCP_MAX_PER_TARGET - 1);
    for (const scp of scps) {
      expect(policyText(scp.document).length).toBeLessThanOrEqual(SCP_MAX_CHARACTERS);
    }
  });

  it('are each explained, statement by statement, in docs/security-baseline.md', () => {
    const doc = readFileSync('docs/security-baseline.md', 'utf8');
    for (const scp of scps) {
      expect({ scp: scp.name, heading: doc.includes(`\n### ${scp.name}\n`) }).toEqual({
        scp: scp.name,
        heading: true,
      });
      for (const statement of scp.document.Statement) {
        expect({ sid: statement.Sid, explained: doc.includes(`\`${statement.Sid ?? ''}\``) }).toEqual({
          sid: statement.Sid,
          explained: true,
        });
      }
    }
  });

  it('have unique names and statement ids', () => {
    expect(new Set(scps.map((s) => s.name)).size).toBe(scps.length);
    const sids = scps.flatMap((s) => s.document.Statement.map((st) => st.Sid));
    expect(new Set(sids).size).toBe(sids.length);
  });

  describe('residency', () => {
    const residency = byName('residency');
    it('denies regional services outside the allowed regions, for anyone but the exempt roles', () => {
      expect(
        denyingPolicies(
          { action: 'ec2:RunInstances', principal: admin(PRODUCTION), region: 'us-east-1' },
          residency,
        ),
      ).toEqual(['residency']);
      expect(
        denyingPolicies(
          { action: 's3:CreateBucket', principal: admin(PRODUCTION), region: 'eu-central-1' },
          residency,
        ),
      ).toEqual(['residency']);
      expect(
        denyingPolicies(
          { action: 'rds:CreateDBInstance', principal: cfnExec(PRODUCTION), region: 'us-east-1' },
          residency,
        ),
      ).toEqual(['residency']);
    });

    it('allows the home and DR regions the residency rule allows', () => {
      for (const region of [HOME, DR]) {
        expect(
          denyingPolicies({ action: 'ec2:RunInstances', principal: admin(PRODUCTION), region }, residency),
        ).toEqual([]);
      }
    });

    it("never denies AWS's documented global services, wherever their endpoint is", () => {
      for (const action of [
        'iam:CreateRole',
        'sts:AssumeRole',
        'organizations:DescribeOrganization',
        'route53:ChangeResourceRecordSets',
        'support:CreateCase',
        's3:GetAccountPublicAccessBlock',
      ]) {
        expect(
          denyingPolicies({ action, principal: admin(PRODUCTION), region: 'us-east-1' }, residency),
        ).toEqual([]);
      }
    });

    it('lets the deploy-time calls role manage the global-events rules in us-east-1, and nothing else there', () => {
      const installer = role(PRODUCTION, 'kvdc-baseline-deploy-time-calls');
      const rule = `arn:aws:events:us-east-1:${PRODUCTION}:rule/kvdc-security-forward-iam-policy-changed`;
      expect(
        denyingPolicies(
          { action: 'events:PutRule', principal: installer, region: 'us-east-1', resource: rule },
          residency,
        ),
      ).toEqual([]);
      expect(
        denyingPolicies({ action: 'iam:PassRole', principal: installer, region: 'us-east-1' }, residency),
      ).toEqual([]);
      expect(
        denyingPolicies({ action: 'events:PutRule', principal: installer, region: 'ap-south-1' }, residency),
      ).toEqual(['residency']);
      expect(
        denyingPolicies({ action: 's3:CreateBucket', principal: installer, region: 'us-east-1' }, residency),
      ).toEqual(['residency']);
      expect(
        denyingPolicies(
          { action: 'events:PutRule', principal: admin(PRODUCTION), region: 'us-east-1' },
          residency,
        ),
      ).toEqual(['residency']);
      expect(
        denyingPolicies(
          { action: 'cloudformation:CreateStack', principal: deployRole(PRODUCTION), region: 'us-east-1' },
          residency,
        ),
      ).toEqual(['residency']);
    });

    it('exempts the break-glass role', () => {
      expect(
        denyingPolicies(
          { action: 'ec2:RunInstances', principal: breakGlass(PRODUCTION), region: 'us-east-1' },
          residency,
        ),
      ).toEqual([]);
    });
  });

  describe('protect-audit', () => {
    const audit = byName('protect-audit');
    it('denies leaving the organisation to everyone, break-glass included', () => {
      expect(
        denyingPolicies(
          { action: 'organizations:LeaveOrganization', principal: breakGlass(PRODUCTION) },
          audit,
        ),
      ).toEqual(['protect-audit']);
    });

    it('denies stopping CloudTrail, Config, GuardDuty and Security Hub except to break-glass', () => {
      for (const action of [
        'cloudtrail:StopLogging',
        'config:StopConfigurationRecorder',
        'guardduty:DisassociateFromAdministratorAccount',
        'securityhub:DisableSecurityHub',
        'ec2:DisableEbsEncryptionByDefault',
      ]) {
        expect(denyingPolicies({ action, principal: admin(PRODUCTION) }, audit)).toEqual(['protect-audit']);
        expect(denyingPolicies({ action, principal: cfnExec(PRODUCTION) }, audit)).toEqual(['protect-audit']);
        expect(denyingPolicies({ action, principal: breakGlass(PRODUCTION) }, audit)).toEqual([]);
      }
    });

    it('denies deleting flow logs, recorders and archive subscriptions except to deployments and break-glass', () => {
      for (const action of [
        'ec2:DeleteFlowLogs',
        'config:DeleteConfigurationRecorder',
        'config:PutDeliveryChannel',
        'logs:DeleteSubscriptionFilter',
      ]) {
        expect(denyingPolicies({ action, principal: admin(NETWORK) }, audit)).toEqual(['protect-audit']);
        expect(denyingPolicies({ action, principal: cfnExec(NETWORK) }, audit)).toEqual([]);
        expect(denyingPolicies({ action, principal: breakGlass(NETWORK) }, audit)).toEqual([]);
      }
    });

    it('denies changing the alarm rules, but not other EventBridge rules', () => {
      const alarmRule = `arn:aws:events:${HOME}:${PRODUCTION}:rule/kvdc-security-forward-alarm-events`;
      expect(
        denyingPolicies(
          { action: 'events:DisableRule', principal: admin(PRODUCTION), resource: alarmRule },
          audit,
        ),
      ).toEqual(['protect-audit']);
      expect(
        denyingPolicies(
          { action: 'events:PutRule', principal: cfnExec(PRODUCTION), resource: alarmRule },
          audit,
        ),
      ).toEqual([]);
      const otherRule = `arn:aws:events:${HOME}:${PRODUCTION}:rule/app-nightly-batch`;
      expect(
        denyingPolicies(
          { action: 'events:DisableRule', principal: admin(PRODUCTION), resource: otherRule },
          audit,
        ),
      ).toEqual([]);
    });

    it('denies rewriting the break-glass and bootstrap roles, so nobody can make themselves exempt', () => {
      for (const resource of [breakGlass(PRODUCTION), cfnExec(PRODUCTION)]) {
        expect(
          denyingPolicies(
            { action: 'iam:UpdateAssumeRolePolicy', principal: admin(PRODUCTION), resource },
            audit,
          ),
        ).toEqual(['protect-audit']);
      }
      expect(
        denyingPolicies(
          {
            action: 'iam:UpdateAssumeRolePolicy',
            principal: admin(PRODUCTION),
            resource: role(PRODUCTION, 'app-role'),
          },
          audit,
        ),
      ).toEqual([]);
    });

    it('lets only a break-glass session pass the break-glass role to CloudFormation', () => {
      const resource = breakGlass(PRODUCTION);
      expect(
        denyingPolicies({ action: 'iam:PassRole', principal: breakGlass(PRODUCTION), resource }, audit),
      ).toEqual([]);
      for (const principal of [admin(PRODUCTION), cfnExec(PRODUCTION), deployRole(PRODUCTION)]) {
        expect(denyingPolicies({ action: 'iam:PassRole', principal, resource }, audit)).toEqual([
          'protect-audit',
        ]);
      }
    });

    it('lets only the CDK deploy role pass the CloudFormation execution role', () => {
      const resource = cfnExec(PRODUCTION);
      expect(
        denyingPolicies({ action: 'iam:PassRole', principal: deployRole(PRODUCTION), resource }, audit),
      ).toEqual([]);
      expect(
        denyingPolicies({ action: 'iam:PassRole', principal: admin(PRODUCTION), resource }, audit),
      ).toEqual(['protect-audit']);
      expect(
        denyingPolicies(
          { action: 'iam:PassRole', principal: admin(PRODUCTION), resource: role(PRODUCTION, 'app-role') },
          audit,
        ),
      ).toEqual([]);
    });
  });

  describe('protect-recovery', () => {
    const recovery = byName('protect-recovery');
    it('denies destroying keys and recovery points to everyone but break-glass, deployments included', () => {
      for (const action of [
        'kms:ScheduleKeyDeletion',
        'kms:DisableKey',
        'kms:PutKeyPolicy',
        'backup:DeleteRecoveryPoint',
        'backup:UpdateRecoveryPointLifecycle',
        'backup:DeleteBackupVaultLockConfiguration',
      ]) {
        expect(denyingPolicies({ action, principal: admin(PRODUCTION) }, recovery)).toEqual([
          'protect-recovery',
        ]);
        expect(denyingPolicies({ action, principal: cfnExec(PRODUCTION) }, recovery)).toEqual([
          'protect-recovery',
        ]);
        expect(denyingPolicies({ action, principal: breakGlass(PRODUCTION) }, recovery)).toEqual([]);
      }
    });

    it('lets deployments set vault locks and change backup plans, and nobody else', () => {
      for (const action of [
        'backup:PutBackupVaultLockConfiguration',
        'backup:UpdateBackupPlan',
        'backup:DeleteBackupSelection',
      ]) {
        expect(denyingPolicies({ action, principal: admin(PRODUCTION) }, recovery)).toEqual([
          'protect-recovery',
        ]);
        expect(denyingPolicies({ action, principal: cfnExec(PRODUCTION) }, recovery)).toEqual([]);
      }
    });
  });

  describe('protect-network', () => {
    const network = byName('protect-network');
    it('lets only the network account deployments change the Transit Gateway and VPNs', () => {
      for (const action of [
        'ec2:CreateTransitGatewayRoute',
        'ec2:ModifyVpnTunnelOptions',
        'ec2:DeleteVpnConnection',
        'ec2:DisableTransitGatewayRouteTablePropagation',
      ]) {
        expect(denyingPolicies({ action, principal: cfnExec(NETWORK) }, network)).toEqual([]);
        expect(denyingPolicies({ action, principal: admin(NETWORK) }, network)).toEqual(['protect-network']);
        expect(denyingPolicies({ action, principal: cfnExec(PRODUCTION) }, network)).toEqual([
          'protect-network',
        ]);
        expect(denyingPolicies({ action, principal: breakGlass(NETWORK) }, network)).toEqual([]);
      }
    });

    it('lets only deployments and break-glass change what inspects egress, in any account', () => {
      for (const action of [
        'network-firewall:DeleteFirewall',
        'network-firewall:UpdateFirewallPolicy',
        'network-firewall:UpdateRuleGroup',
        'network-firewall:DisassociateSubnets',
        'network-firewall:AssociateFirewallPolicy',
        'network-firewall:UpdateLoggingConfiguration',
        'network-firewall:UpdateFirewallDeleteProtection',
        'network-firewall:UpdateSubnetChangeProtection',
        'network-firewall:UpdateFirewallPolicyChangeProtection',
        'network-firewall:PutResourcePolicy',
        'route53resolver:DisassociateFirewallRuleGroup',
        'route53resolver:AssociateFirewallRuleGroup',
        'route53resolver:DeleteFirewallRuleGroup',
        'route53resolver:UpdateFirewallRuleGroupAssociation',
        'route53resolver:CreateFirewallRule',
        'route53resolver:UpdateFirewallRule',
        'route53resolver:DeleteFirewallRule',
        'route53resolver:UpdateFirewallConfig',
        'route53resolver:DeleteFirewallDomainList',
        'route53resolver:UpdateFirewallDomains',
        'route53resolver:ImportFirewallDomains',
        'route53resolver:DisassociateResolverRule',
        'route53resolver:DeleteResolverRule',
        'route53resolver:UpdateResolverRule',
        'route53resolver:AssociateResolverRule',
        'route53resolver:DeleteResolverEndpoint',
        'ec2:CreateRoute',
        'ec2:ReplaceRoute',
        'ec2:DeleteRoute',
        'ec2:ReplaceRouteTableAssociation',
        'ec2:DisassociateRouteTable',
        // A gateway endpoint routes S3 and DynamoDB around the firewall without a CreateRoute.
        'ec2:CreateVpcEndpoint',
        'ec2:ModifyVpcEndpoint',
        'ec2:DeleteVpcEndpoints',
      ]) {
        for (const account of [NETWORK, PRODUCTION]) {
          expect({
            action,
            account,
            denied: denyingPolicies({ action, principal: admin(account) }, network),
          }).toEqual({ action, account, denied: ['protect-network'] });
          expect({
            action,
            account,
            denied: denyingPolicies({ action, principal: opsReadOnly(account) }, network),
          }).toEqual({ action, account, denied: ['protect-network'] });
          expect({
            action,
            account,
            denied: denyingPolicies({ action, principal: deployRole(account) }, network),
          }).toEqual({ action, account, denied: ['protect-network'] });
          for (const exempt of [cfnExec(account), cfnExec(account, DR), breakGlass(account)]) {
            expect({
              action,
              exempt,
              denied: denyingPolicies({ action, principal: exempt }, network),
            }).toEqual({
              action,
              exempt,
              denied: [],
            });
          }
        }
      }
    });

    it('never denies reading the network', () => {
      for (const action of [
        'ec2:DescribeTransitGateways',
        'ec2:DescribeVpnConnections',
        'ec2:GetTransitGatewayRouteTablePropagations',
        'ec2:SearchTransitGatewayRoutes',
        'ec2:DescribeRouteTables',
        'ec2:DescribeVpcEndpoints',
        'network-firewall:DescribeFirewall',
        'network-firewall:DescribeFirewallPolicy',
        'network-firewall:DescribeLoggingConfiguration',
        'network-firewall:ListRuleGroups',
        'route53resolver:GetFirewallConfig',
        'route53resolver:ListFirewallRuleGroupAssociations',
        'route53resolver:ListFirewallDomainLists',
        'route53resolver:GetResolverRule',
        'route53resolver:ListResolverRuleAssociations',
      ]) {
        expect(denyingPolicies({ action, principal: admin(NETWORK) }, network)).toEqual([]);
      }
    });
  });

  describe('the deployment roles and operations roles keep their normal work', () => {
    const deployments: Call[] = [
      { action: 'cloudformation:CreateChangeSet', principal: deployRole(PRODUCTION) },
      { action: 'cloudformation:ExecuteChangeSet', principal: deployRole(PRODUCTION), region: DR },
      {
        action: 's3:PutObject',
        principal: role(PRODUCTION, `cdk-hnb659fds-file-publishing-role-${PRODUCTION}-${HOME}`),
      },
      { action: 'iam:PassRole', principal: deployRole(PRODUCTION), resource: cfnExec(PRODUCTION) },
      { action: 'ec2:CreateVpc', principal: cfnExec(NETWORK) },
      { action: 'ec2:CreateTransitGatewayVpcAttachment', principal: cfnExec(NETWORK) },
      { action: 'ec2:CreateFlowLogs', principal: cfnExec(NETWORK) },
      { action: 'ec2:CreateRoute', principal: cfnExec(NETWORK) },
      { action: 'ec2:CreateRoute', principal: cfnExec(PRODUCTION) },
      { action: 'ec2:CreateVpcEndpoint', principal: cfnExec(PRODUCTION) },
      { action: 'network-firewall:CreateFirewall', principal: cfnExec(NETWORK) },
      { action: 'network-firewall:UpdateFirewallPolicy', principal: cfnExec(NETWORK) },
      { action: 'route53resolver:AssociateFirewallRuleGroup', principal: cfnExec(PRODUCTION) },
      { action: 'route53resolver:UpdateFirewallConfig', principal: cfnExec(PRODUCTION) },
      { action: 'route53resolver:AssociateResolverRule', principal: cfnExec(PRODUCTION) },
      { action: 'logs:PutSubscriptionFilter', principal: cfnExec(NETWORK) },
      { action: 'kms:CreateKey', principal: cfnExec(PRODUCTION) },
      { action: 'kms:EnableKeyRotation', principal: cfnExec(PRODUCTION) },
      { action: 'rds:CreateDBInstance', principal: cfnExec(PRODUCTION) },
      { action: 'backup:CreateBackupVault', principal: cfnExec(PRODUCTION) },
      { action: 'backup:PutBackupVaultLockConfiguration', principal: cfnExec(PRODUCTION), region: DR },
      { action: 'backup:CreateBackupPlan', principal: cfnExec(PRODUCTION) },
      { action: 'config:PutConfigurationRecorder', principal: cfnExec(PRODUCTION) },
      { action: 'config:PutDeliveryChannel', principal: cfnExec(PRODUCTION), region: DR },
      {
        action: 'events:PutRule',
        principal: cfnExec(PRODUCTION),
        resource: `arn:aws:events:${HOME}:${PRODUCTION}:rule/kvdc-security-forward-alarm-events`,
      },
      {
        action: 'events:PutRule',
        principal: role(PRODUCTION, 'kvdc-baseline-deploy-time-calls'),
        region: 'us-east-1',
        resource: `arn:aws:events:us-east-1:${PRODUCTION}:rule/kvdc-security-forward-root-user-activity`,
      },
      {
        action: 'ec2:EnableEbsEncryptionByDefault',
        principal: role(PRODUCTION, 'kvdc-baseline-deploy-time-calls'),
      },
      { action: 'iam:CreateRole', principal: cfnExec(PRODUCTION) },
      { action: 'iam:PutRolePolicy', principal: cfnExec(PRODUCTION), resource: breakGlass(PRODUCTION) },
    ];
    it.each(
      deployments.map(
        (c) => [`${c.action} by ${c.principal.split('/')[1] ?? ''} in ${c.region ?? HOME}`, c] as const,
      ),
    )('cdk deploy: %s', (_label, call) => {
      expect(denyingPolicies(call)).toEqual([]);
    });

    it('the lz ops read-only role may call every action its commands use, in the home and DR regions', () => {
      for (const action of allReadActions()) {
        for (const region of [HOME, DR]) {
          expect({
            action,
            region,
            denied: denyingPolicies({ action, principal: opsReadOnly(NETWORK), region }),
          }).toEqual({ action, region, denied: [] });
        }
      }
    });

    it('the restore-drill role may call every action of the drill', () => {
      for (const action of Object.values(RESTORE_DRILL_ACTIONS).flat()) {
        expect({ action, denied: denyingPolicies({ action, principal: drill(PRODUCTION) }) }).toEqual({
          action,
          denied: [],
        });
      }
    });
  });
});
