import { CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EncryptedLogGroup } from '../logging/encrypted-log-group';
import { MANAGED_DOMAIN_LISTS_HANDLER } from './managed-domain-lists-handler';

export interface ManagedDomainListsProps {
  /** Prefix of the function's log group, e.g. kvdc. */
  readonly namePrefix: string;
  /** AWS managed domain list names, e.g. AWSManagedDomainsMalwareDomainList. */
  readonly names: readonly string[];
  /** @default logs.RetentionDays.THIRTEEN_MONTHS */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The IDs of AWS managed DNS Firewall domain lists, looked up by name when the stack deploys. AWS
 * gives the lists the same names in every region but different IDs, and CloudFormation has no
 * resource or lookup for them; writing this region's IDs into code would be a fact nobody can
 * check offline. A small function does the lookup (an AwsCustomResource cannot pick a list by
 * name out of ListFirewallDomainLists), with a role that may only list domain lists.
 */
export class ManagedDomainLists extends Construct {
  readonly function: lambda.Function;
  private readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: ManagedDomainListsProps) {
    super(scope, id);
    if (props.names.length === 0) {
      throw new Error('name at least one managed domain list to look up');
    }
    const logGroup = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: `/${props.namePrefix}/dns-firewall/managed-list-lookup`,
      retentionDays: props.logRetention,
      purpose: 'the logs of the managed domain list lookup',
    });
    // A customer-managed policy rather than an inline one, so the permission is reviewable on its own.
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Lets the DNS Firewall managed-list lookup list domain lists and write its own log',
      statements: [
        new iam.PolicyStatement({
          actions: ['route53resolver:ListFirewallDomainLists'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          // The log group's Arn attribute already ends in :* (its streams).
          resources: [logGroup.logGroup.logGroupArn],
        }),
      ],
    });
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'route53resolver:ListFirewallDomainLists supports no resource-level permissions (Service Authorization ' +
        'Reference); the policy grants that one read-only action and nothing else on *.',
    });
    const role = new iam.Role(this, 'Role', {
      description: 'Runs the DNS Firewall managed-list lookup while CloudFormation deploys the stack',
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com', {
        // Only functions of this account may use the role (confused-deputy protection).
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      managedPolicies: [policy],
    });
    this.function = new lambda.Function(this, 'Function', {
      description: 'Looks up the IDs of AWS managed DNS Firewall domain lists by name (deploy time only)',
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(MANAGED_DOMAIN_LISTS_HANDLER),
      timeout: Duration.minutes(1),
      role,
      logGroup: logGroup.logGroup,
    });
    acknowledgeDeployTimeLookup(this.function);
    this.resource = new CustomResource(this, 'Lookup', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::ManagedDomainLists',
      properties: { Names: [...props.names] },
    });
  }

  /** The ID of a managed list this construct was asked to look up. */
  idOf(name: string): string {
    return this.resource.getAttString(name);
  }
}

/** What the packs report on a function CloudFormation alone invokes, once, while the stack deploys. */
function acknowledgeDeployTimeLookup(fn: lambda.Function): void {
  const reasons: Record<string, string> = {
    'NIST.800.53.R5::NIST.800.53.R5-LambdaConcurrency':
      'The function runs only while CloudFormation deploys this stack; it has no other caller.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaDLQ':
      'The function is invoked synchronously by CloudFormation, which reports any failure and rolls the deployment ' +
      'back; there is no asynchronous event to lose.',
    'NIST.800.53.R5::NIST.800.53.R5-LambdaInsideVPC':
      'The function only calls the regional Route 53 Resolver API at deploy time and touches no data in any VPC; a VPC ' +
      'would add an interface endpoint for no security benefit.',
    'cdk-validator-cfnguard::lambda_inside_vpc_check':
      'Deploy-time lookup of the managed domain list IDs: CloudFormation invokes it only while the stack deploys, and ' +
      'it calls only the regional Route 53 Resolver API, so a VPC would add an endpoint and no protection.',
  };
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(fn).acknowledge({ id, reason });
  }
}
