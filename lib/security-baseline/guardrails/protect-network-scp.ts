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
 * Only the network account's deployments (its CloudFormation execution role) may change the
 * Transit Gateway and the VPNs: a route added by hand could join production to non-production or
 * send council traffic to a rogue site, and would never show in a template diff.
 */
export function protectNetworkScp(
  model: SecurityBaselineModel,
  principals: GuardrailPrincipals,
): ServiceControlPolicy {
  return {
    name: 'protect-network',
    description: `Deny Transit Gateway and VPN changes except by the deployments of the ${model.network.name} account`,
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
      ],
    },
  };
}
