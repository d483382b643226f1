import { Fn } from 'aws-cdk-lib';

/**
 * The firewall endpoint (`vpce-...`) of one zone, from AWS::NetworkFirewall::Firewall's
 * `EndpointIds`, whose entries read `<zone>:<vpce-id>` in no documented order (it need not follow
 * the subnet mappings). Selecting by position would send a zone's traffic to another zone's
 * endpoint, or fail, depending on the order AWS returns. Splitting on the zone name picks the
 * right entry whatever the order: join the list with commas, keep what follows `<zone>:`, and cut
 * at the next comma. A zone without an endpoint fails the deployment rather than routing wrongly.
 */
export function firewallEndpointIn(endpointIds: string[], zone: string): string {
  return Fn.select(0, Fn.split(',', Fn.select(1, Fn.split(`${zone}:`, Fn.join(',', endpointIds)))));
}
