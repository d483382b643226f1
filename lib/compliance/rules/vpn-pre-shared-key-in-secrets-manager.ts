import type { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { resolved } from './resolve';

/**
 * A site-to-site VPN connection keeps its tunnels' pre-shared keys in Secrets Manager
 * (`PreSharedKeyStorage: SecretsManager`). With the default (`Standard`) the VPN service stores
 * them itself and returns them in clear to anyone allowed `ec2:DescribeVpnConnections`, a read-only
 * action that operations and audit roles are routinely given.
 */
export function vpnPreSharedKeyInSecretsManager(node: CfnResource): NagRuleResult {
  if (!(node instanceof ec2.CfnVPNConnection)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return resolved(node, node.preSharedKeyStorage) === 'SecretsManager'
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
