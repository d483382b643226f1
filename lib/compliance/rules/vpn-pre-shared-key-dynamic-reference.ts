import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { CfnResource } from 'aws-cdk-lib';
import { asTunnel, vpnTunnelOptions } from './vpn-tunnel-options';

const DYNAMIC_REFERENCE = /^\{\{resolve:(secretsmanager|ssm-secure):/;

function referenced(value: unknown): boolean {
  const key: unknown = asTunnel(value)?.preSharedKey;
  if (key === undefined) {
    // AWS then generates a key itself, which never appears in the template.
    return true;
  }
  if (typeof key === 'string') {
    return DYNAMIC_REFERENCE.test(key);
  }
  // A reference to a secret resolves to { "Fn::Join": ["", ["{{resolve:secretsmanager:", ...]] }.
  const join: unknown =
    key !== null && typeof key === 'object' ? (key as Record<string, unknown>)['Fn::Join'] : undefined;
  if (!Array.isArray(join) || !Array.isArray(join[1])) {
    return false;
  }
  const first: unknown = (join[1] as unknown[])[0];
  return typeof first === 'string' && DYNAMIC_REFERENCE.test(first);
}

/**
 * A VPN tunnel's pre-shared key is a dynamic reference to Secrets Manager (or SSM SecureString),
 * so the key itself is never in configuration, source control, the template or the CloudFormation
 * console.
 */
export function vpnPreSharedKeyDynamicReference(node: CfnResource): NagRuleResult {
  const tunnels = vpnTunnelOptions(node);
  if (tunnels === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return tunnels.every(referenced) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
