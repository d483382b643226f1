import type { SecurityBaselineModel } from '../model';
import type { GuardrailPrincipals } from './principals';
import type { ServiceControlPolicy } from './service-control-policy';

/**
 * Every action that creates, changes or deletes a Transit Gateway, its attachments, route tables,
 * routes and propagations, or a site-to-site VPN and its customer gateway. Reads (Describe*, Get*,
 * Search*) are not listed, so the lz ops read-only role keeps working.
 */
export const NETWORK_CORE_CHANGE_ACTIONS: readonly string[] = [
  'ec2:AcceptTransitGateway*',
  'ec2:AssociateTransitGateway*',
  'ec2:AttachVpnGateway',
  'ec2:CreateCustomerGateway',
  'ec2:CreateTransitGateway*',
  'ec2:CreateVpn*',
  'ec2:DeleteCustomerGateway',
  'ec2:DeleteTransitGateway*',
  'ec2:DeleteVpn*',
  'ec2:DeregisterTransitGateway*',
  'ec2:DetachVpnGateway',
  'ec2:DisableTransitGateway*',
  'ec2:DisableVgwRoutePropagation',
  'ec2:DisassociateTransitGateway*',
  'ec2:EnableTransitGateway*',
  'ec2:EnableVgwRoutePropagation',
  'ec2:ModifyTransitGateway*',
  'ec2:ModifyVpn*',
  'ec2:RegisterTransitGateway*',
  'ec2:RejectTransitGateway*',
  'ec2:ReplaceTransitGatewayRoute',
  'ec2:ReplaceVpnTunnel',
];

/**
 * Every action that changes or deletes what makes egress inspected: the VPC routes and route table
 * associations that send traffic through the hub and the egress VPC's Network Firewall, the VPC
 * endpoints (whose gateway kind adds routes of its own, and whose policies bound the data path), the
 * firewall itself (its subnets, policy, rule groups, logging and change protections), DNS
 * Firewall (rule groups, their rules, domain lists, associations and each VPC's failure mode) and
 * the Resolver rules and endpoints that forward to NCSC Protective DNS. An ALLOW rule added to the
 * rule group, or another rule group associated before it, undoes DNS Firewall as surely as a
 * disassociation, so adding rules and associating are denied too. The Route 53 Resolver verbs are
 * wildcards because every resolver resource in these accounts is built by a deployment; reads
 * (Describe*, Get*, List*) are not listed, so the lz ops read-only role keeps working.
 */
export const EGRESS_INSPECTION_CHANGE_ACTIONS: readonly string[] = [
  'ec2:AssociateRouteTable',
  'ec2:CreateRoute',
  // A gateway endpoint writes routes to S3 or DynamoDB into the tables it names, past the firewall,
  // without a CreateRoute; changing an endpoint can also replace its organisation-bounded policy.
  'ec2:CreateVpcEndpoint',
  'ec2:DeleteVpcEndpoints',
  'ec2:ModifyVpcEndpoint',
  'ec2:DeleteRoute',
  'ec2:DeleteRouteTable',
  'ec2:DisassociateRouteTable',
  'ec2:ReplaceRoute',
  'ec2:ReplaceRouteTableAssociation',
  'network-firewall:Associate*',
  'network-firewall:Delete*',
  'network-firewall:Disassociate*',
  'network-firewall:Put*',
  'network-firewall:Update*',
  'route53resolver:Associate*',
  'route53resolver:CreateFirewallRule',
  'route53resolver:Delete*',
  'route53resolver:Disassociate*',
  'route53resolver:Import*',
  'route53resolver:Put*',
  'route53resolver:Update*',
];

/**
 * Only the network account's deployments (its CloudFormation execution role) may change the
 * Transit Gateway and the VPNs: a route added by hand could join production to non-production or
 * send council traffic to a rogue site, and would never show in a template diff. Only deployments
 * (each account's CloudFormation execution role, since every account builds its own VPC routes and
 * DNS Firewall association) may change what inspects egress: a route or association changed by
 * hand could send traffic around the firewall until drift detection or the next deployment.
 */
export function protectNetworkScp(
  model: SecurityBaselineModel,
  principals: GuardrailPrincipals,
): ServiceControlPolicy {
  return {
    name: 'protect-network',
    description: `Deny Transit Gateway and VPN changes except by the deployments of the ${model.network.name} account, and route, Network Firewall and DNS Firewall changes except by deployments`,
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyNetworkCoreChangesOutsideNetworkDeployment',
          Effect: 'Deny',
          Action: NETWORK_CORE_CHANGE_ACTIONS,
          Resource: '*',
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': [principals.networkCfnExecRole, principals.breakGlass] },
          },
        },
        {
          Sid: 'DenyEgressInspectionChangesOutsideDeployment',
          Effect: 'Deny',
          Action: EGRESS_INSPECTION_CHANGE_ACTIONS,
          Resource: '*',
          Condition: {
            ArnNotLike: { 'aws:PrincipalArn': [principals.cfnExecRole, principals.breakGlass] },
          },
        },
      ],
    },
  };
}
