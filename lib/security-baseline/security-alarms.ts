import {
  EGRESS_INSPECTION_CHANGE_ACTIONS,
  NETWORK_CORE_CHANGE_ACTIONS,
} from './guardrails/protect-network-scp';

/**
 * The security alarms, as data: what each one matches, where its events arrive, and the section
 * of docs/security-baseline.md that tells the rota what to do. Forwarding rules in every account
 * send the matching CloudTrail events to the alarm bus in the security account, where one rule
 * per alarm notifies the rota topic with the runbook link. IDs are stable: they name the rules.
 */

/**
 * Where an alarm's events reach EventBridge: `regional` events in each region where they happen;
 * `global` ones (IAM, sign-in, the global STS endpoint) only in us-east-1; `everywhere` both.
 * `findings` come from Security Hub in the security account's home region, already aggregated.
 */
export type AlarmScope = 'regional' | 'global' | 'everywhere' | 'findings';

export interface SecurityAlarm {
  /** Kebab-case; names the rules and is the runbook anchor. */
  readonly id: string;
  readonly title: string;
  readonly scope: AlarmScope;
  /** The EventBridge event pattern (source, detail-type, detail). */
  readonly pattern: Readonly<Record<string, unknown>>;
  /** JSON paths for the message: who did what (CloudTrail events) or what was found (findings). */
  readonly describe: 'api-call' | 'finding';
}

const API_CALL = ['AWS API Call via CloudTrail'];

/**
 * Changes that deployments make through CloudFormation, and AWS Backup's own lifecycle
 * deletions, are expected; the same change made any other way pages the rota.
 */
const NOT_BY_DEPLOYMENT_OR_BACKUP_SERVICE = [
  { 'anything-but': ['cloudformation.amazonaws.com', 'backup.amazonaws.com'] },
];

/** The event names of `concrete` that no pattern of `actions` denies (`service:Verb*` patterns). */
function unprotected(concrete: readonly string[], actions: readonly string[], service: string): string[] {
  const covered = (name: string) =>
    actions.some(
      (pattern) =>
        pattern.startsWith(`${service}:`) &&
        new RegExp(`^${pattern.slice(service.length + 1).replace(/\*/g, '.*')}$`).test(name),
    );
  return concrete.filter((name) => !covered(name));
}

/** CloudTrail event names of the Transit Gateway and VPN actions the network guardrail protects. */
export function networkCoreEventNames(): string[] {
  const concrete = [
    'AcceptTransitGatewayVpcAttachment',
    'AssociateTransitGatewayRouteTable',
    'CreateCustomerGateway',
    'CreateTransitGatewayRoute',
    'CreateTransitGatewayRouteTable',
    'CreateTransitGatewayVpcAttachment',
    'CreateVpnConnection',
    'CreateVpnConnectionRoute',
    'DeleteCustomerGateway',
    'DeleteTransitGateway',
    'DeleteTransitGatewayRoute',
    'DeleteTransitGatewayRouteTable',
    'DeleteTransitGatewayVpcAttachment',
    'DeleteVpnConnection',
    'DeleteVpnConnectionRoute',
    'DisableTransitGatewayRouteTablePropagation',
    'DisassociateTransitGatewayRouteTable',
    'EnableTransitGatewayRouteTablePropagation',
    'ModifyTransitGateway',
    'ModifyTransitGatewayVpcAttachment',
    'ModifyVpnConnection',
    'ModifyVpnConnectionOptions',
    'ModifyVpnTunnelOptions',
    'ReplaceTransitGatewayRoute',
    'ReplaceVpnTunnel',
  ];
  // Every name must be one the guardrail denies: the alarm watches exactly what the SCP protects.
  const uncovered = unprotected(concrete, NETWORK_CORE_CHANGE_ACTIONS, 'ec2');
  if (uncovered.length > 0) {
    throw new Error(`network alarm events not protected by the network guardrail: ${uncovered.join(', ')}`);
  }
  return concrete;
}

/**
 * CloudTrail event names, by event source, of the egress-inspection changes the network guardrail
 * denies outside deployments: VPC routes and endpoints, Network Firewall, DNS Firewall and the
 * Protective DNS forwarding. CloudTrail records a call the SCP refused as well (errorCode
 * AccessDenied), so the alarm pages on the attempt, not only on a change that got through.
 */
export function egressInspectionEventNames(): Readonly<
  Record<'ec2' | 'network-firewall' | 'route53resolver', string[]>
> {
  const names = {
    ec2: [
      'AssociateRouteTable',
      'CreateRoute',
      'CreateVpcEndpoint',
      'DeleteRoute',
      'DeleteRouteTable',
      'DeleteVpcEndpoints',
      'DisassociateRouteTable',
      'ModifyVpcEndpoint',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
    ],
    'network-firewall': [
      'AssociateFirewallPolicy',
      'AssociateSubnets',
      'DeleteFirewall',
      'DeleteFirewallPolicy',
      'DeleteResourcePolicy',
      'DeleteRuleGroup',
      'DisassociateSubnets',
      'PutResourcePolicy',
      'UpdateFirewallDeleteProtection',
      'UpdateFirewallPolicy',
      'UpdateFirewallPolicyChangeProtection',
      'UpdateLoggingConfiguration',
      'UpdateRuleGroup',
      'UpdateSubnetChangeProtection',
    ],
    route53resolver: [
      'AssociateFirewallRuleGroup',
      'AssociateResolverRule',
      'CreateFirewallRule',
      'DeleteFirewallDomainList',
      'DeleteFirewallRule',
      'DeleteFirewallRuleGroup',
      'DeleteResolverEndpoint',
      'DeleteResolverRule',
      'DisassociateFirewallRuleGroup',
      'DisassociateResolverRule',
      'ImportFirewallDomains',
      'UpdateFirewallConfig',
      'UpdateFirewallDomains',
      'UpdateFirewallRule',
      'UpdateFirewallRuleGroupAssociation',
      'UpdateResolverEndpoint',
      'UpdateResolverRule',
    ],
  };
  const uncovered = Object.entries(names).flatMap(([service, concrete]) =>
    unprotected(concrete, EGRESS_INSPECTION_CHANGE_ACTIONS, service).map((n) => `${service}:${n}`),
  );
  if (uncovered.length > 0) {
    throw new Error(`egress alarm events not protected by the network guardrail: ${uncovered.join(', ')}`);
  }
  return names;
}

export function securityAlarms(breakGlassRoleName: string): SecurityAlarm[] {
  return [
    {
      id: 'root-user-activity',
      title: 'Root user signed in or made a call',
      scope: 'everywhere',
      pattern: {
        'detail-type': ['AWS Console Sign In via CloudTrail', ...API_CALL],
        detail: { userIdentity: { type: ['Root'] } },
      },
      describe: 'api-call',
    },
    {
      id: 'break-glass-used',
      title: 'The break-glass role was assumed',
      scope: 'everywhere',
      pattern: {
        source: ['aws.sts'],
        'detail-type': API_CALL,
        detail: {
          eventName: ['AssumeRole'],
          requestParameters: { roleArn: [{ suffix: `:role/${breakGlassRoleName}` }] },
        },
      },
      describe: 'api-call',
    },
    {
      id: 'iam-policy-changed',
      title: 'An IAM policy or trust policy was changed outside a deployment',
      scope: 'global',
      pattern: {
        source: ['aws.iam'],
        'detail-type': API_CALL,
        detail: {
          eventName: [
            'AttachGroupPolicy',
            'AttachRolePolicy',
            'AttachUserPolicy',
            'CreatePolicy',
            'CreatePolicyVersion',
            'DeleteGroupPolicy',
            'DeletePolicy',
            'DeletePolicyVersion',
            'DeleteRolePermissionsBoundary',
            'DeleteRolePolicy',
            'DeleteUserPolicy',
            'DetachGroupPolicy',
            'DetachRolePolicy',
            'DetachUserPolicy',
            'PutGroupPolicy',
            'PutRolePermissionsBoundary',
            'PutRolePolicy',
            'PutUserPolicy',
            'SetDefaultPolicyVersion',
            'UpdateAssumeRolePolicy',
          ],
          sourceIPAddress: NOT_BY_DEPLOYMENT_OR_BACKUP_SERVICE,
        },
      },
      describe: 'api-call',
    },
    {
      id: 'kms-key-deletion',
      title: 'A KMS key was scheduled for deletion or disabled',
      scope: 'regional',
      pattern: {
        source: ['aws.kms'],
        'detail-type': API_CALL,
        detail: { eventName: ['ScheduleKeyDeletion', 'DisableKey'] },
      },
      describe: 'api-call',
    },
    {
      id: 'backup-protection-changed',
      title: 'A vault lock, vault policy, backup plan or recovery point was changed outside a deployment',
      scope: 'regional',
      pattern: {
        source: ['aws.backup'],
        'detail-type': API_CALL,
        detail: {
          eventName: [
            'DeleteBackupPlan',
            'DeleteBackupSelection',
            'DeleteBackupVault',
            'DeleteBackupVaultAccessPolicy',
            'DeleteBackupVaultLockConfiguration',
            'DeleteRecoveryPoint',
            'PutBackupVaultAccessPolicy',
            'PutBackupVaultLockConfiguration',
            'UpdateBackupPlan',
            'UpdateRecoveryPointLifecycle',
          ],
          sourceIPAddress: NOT_BY_DEPLOYMENT_OR_BACKUP_SERVICE,
        },
      },
      describe: 'api-call',
    },
    {
      id: 'network-core-changed',
      title: 'A Transit Gateway route or VPN was changed outside a deployment',
      scope: 'regional',
      pattern: {
        source: ['aws.ec2'],
        'detail-type': API_CALL,
        detail: { eventName: networkCoreEventNames(), sourceIPAddress: NOT_BY_DEPLOYMENT_OR_BACKUP_SERVICE },
      },
      describe: 'api-call',
    },
    {
      id: 'egress-inspection-changed',
      title:
        'A route, VPC endpoint, Network Firewall or DNS Firewall change was made or attempted outside a deployment',
      scope: 'regional',
      pattern: {
        source: ['aws.ec2', 'aws.network-firewall', 'aws.route53resolver'],
        'detail-type': API_CALL,
        detail: {
          eventName: [...new Set(Object.values(egressInspectionEventNames()).flat())].sort(),
          sourceIPAddress: NOT_BY_DEPLOYMENT_OR_BACKUP_SERVICE,
        },
      },
      describe: 'api-call',
    },
    {
      id: 'security-group-open-to-internet',
      title: 'A security group rule was opened to the whole internet',
      scope: 'regional',
      pattern: {
        source: ['aws.ec2'],
        'detail-type': API_CALL,
        detail: {
          eventName: ['AuthorizeSecurityGroupIngress'],
          $or: [
            {
              requestParameters: {
                ipPermissions: { items: { ipRanges: { items: { cidrIp: ['0.0.0.0/0'] } } } },
              },
            },
            {
              requestParameters: {
                ipPermissions: { items: { ipv6Ranges: { items: { cidrIpv6: ['::/0'] } } } },
              },
            },
          ],
        },
      },
      describe: 'api-call',
    },
    {
      id: 'high-severity-finding',
      title: 'Security Hub has a new high or critical finding',
      scope: 'findings',
      pattern: {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['HIGH', 'CRITICAL'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      describe: 'finding',
    },
  ];
}

/** Whether an alarm's events arrive in a region of the given kind. */
export function arrivesIn(alarm: SecurityAlarm, region: 'regional' | 'global'): boolean {
  if (alarm.scope === 'findings') return false;
  return alarm.scope === 'everywhere' || alarm.scope === region;
}
