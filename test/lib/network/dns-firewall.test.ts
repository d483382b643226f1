import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MANAGED_DOMAIN_LISTS } from '../../../lib/config/schema-egress-inspection';
import {
  DNS_FIREWALL_ASSOCIATION_PRIORITY,
  DnsFirewallAssociation,
} from '../../../lib/network/dns-firewall-association';
import { DnsFirewallRuleGroup } from '../../../lib/network/dns-firewall-rule-group';
import { MANAGED_DOMAIN_LISTS_HANDLER } from '../../../lib/network/managed-domain-lists-handler';
import { testApp } from '../../helpers/cdk-app';

type Resource = { Type: string; Properties: Record<string, unknown> };

function stack(): Stack {
  return new Stack(testApp(), 'DnsFirewall', { env: { account: '111111111111', region: 'eu-west-2' } });
}

function ruleGroupTemplate(queryLogging?: object): Template {
  const s = stack();
  new DnsFirewallRuleGroup(s, 'DnsFirewall', {
    namePrefix: 'kvdc',
    managedDomainLists: [...MANAGED_DOMAIN_LISTS],
    queryLogging,
  });
  return Template.fromStack(s);
}

describe('DnsFirewallRuleGroup', () => {
  const template = ruleGroupTemplate();

  it('blocks each managed threat list, in the configured order, by the ID looked up at deploy time', () => {
    const lookup = Object.keys(template.findResources('Custom::ManagedDomainLists'));
    expect(lookup).toHaveLength(1);
    template.hasResourceProperties('Custom::ManagedDomainLists', { Names: [...MANAGED_DOMAIN_LISTS] });
    template.hasResourceProperties('AWS::Route53Resolver::FirewallRuleGroup', {
      Name: 'kvdc-threat-lists',
      FirewallRules: MANAGED_DOMAIN_LISTS.map((name, i) => ({
        Priority: (i + 1) * 100,
        Action: 'BLOCK',
        BlockResponse: 'NODATA',
        FirewallDomainListId: { 'Fn::GetAtt': [lookup[0], name] },
      })),
    });
  });

  it('runs the lookup on the latest Node.js runtime with inline code, as a role that may only list domain lists', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Code: { ZipFile: MANAGED_DOMAIN_LISTS_HANDLER },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('ManagedDomainListsLogsLogGroup') } },
    });
    // CloudFormation takes at most 4,096 characters of inline code.
    expect(MANAGED_DOMAIN_LISTS_HANDLER.length).toBeLessThan(4096);
    const policies = Object.values(
      template.findResources('AWS::IAM::ManagedPolicy') as Record<string, Resource>,
    );
    const actions = policies.flatMap((p) =>
      (p.Properties['PolicyDocument'] as { Statement: { Action: string | string[] }[] }).Statement.flatMap(
        (s) => s.Action,
      ),
    );
    expect(actions.sort()).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'route53resolver:ListFirewallDomainLists',
    ]);
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  it('logs queries only when asked to, to an encrypted, retained log group', () => {
    template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfig', 0);
    const logged = ruleGroupTemplate({});
    logged.hasResourceProperties('AWS::Route53Resolver::ResolverQueryLoggingConfig', {
      Name: 'kvdc-dns-firewall-queries',
    });
    logged.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: '/kvdc/route53-resolver/dns-firewall-queries',
        RetentionInDays: 400,
        KmsKeyId: Match.anyValue(),
      },
      DeletionPolicy: 'Retain',
    });
  });
});

describe('DnsFirewallAssociation', () => {
  function associationTemplate(failOpen: boolean, queryLogConfigId?: string): Template {
    const s = stack();
    new DnsFirewallAssociation(s, 'DnsFirewall', {
      namePrefix: 'kvdc',
      vpcName: 'production',
      vpcId: 'vpc-0123456789abcdef0',
      ruleGroupId: 'rslvr-frg-0123456789abcdef',
      failOpen,
      queryLogConfigId,
    });
    return Template.fromStack(s);
  }

  it('associates the rule group with the VPC and fails closed unless told otherwise', () => {
    const template = associationTemplate(false);
    template.hasResourceProperties('AWS::Route53Resolver::FirewallRuleGroupAssociation', {
      Name: 'kvdc-production-threat-lists',
      FirewallRuleGroupId: 'rslvr-frg-0123456789abcdef',
      VpcId: 'vpc-0123456789abcdef0',
      Priority: DNS_FIREWALL_ASSOCIATION_PRIORITY,
    });
    template.hasResourceProperties('AWS::Route53Resolver::FirewallConfig', {
      ResourceId: 'vpc-0123456789abcdef0',
      FirewallFailOpen: 'DISABLED',
    });
    template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 0);
  });

  it('fails open when configured, and joins the query logging it is given', () => {
    const template = associationTemplate(true, 'rqlc-0123456789abcdef');
    template.hasResourceProperties('AWS::Route53Resolver::FirewallConfig', { FirewallFailOpen: 'ENABLED' });
    template.hasResourceProperties('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', {
      ResolverQueryLogConfigId: 'rqlc-0123456789abcdef',
      ResourceId: 'vpc-0123456789abcdef0',
    });
  });
});

it('switches off only cfn-lint’s unknown-type check on the failure mode, whose type cfn-lint 1.51 predates', () => {
  const s = stack();
  new DnsFirewallAssociation(s, 'DnsFirewall', {
    namePrefix: 'kvdc',
    vpcName: 'production',
    vpcId: 'vpc-0123456789abcdef0',
    ruleGroupId: 'rslvr-frg-0123456789abcdef',
    failOpen: false,
  });
  Template.fromStack(s).hasResource('AWS::Route53Resolver::FirewallConfig', {
    Metadata: { 'cfn-lint': { config: { ignore_checks: ['E3006'] } } },
  });
});
