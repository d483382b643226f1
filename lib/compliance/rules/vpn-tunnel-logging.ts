import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { CfnResource } from 'aws-cdk-lib';
import { asTunnel, TUNNELS_PER_CONNECTION, vpnTunnelOptions } from './vpn-tunnel-options';

function logged(value: unknown): boolean {
  const options: unknown = asTunnel(value)?.logOptions;
  if (options === null || typeof options !== 'object') {
    return false;
  }
  const cloudwatch: unknown = (options as { cloudwatchLogOptions?: unknown }).cloudwatchLogOptions;
  if (cloudwatch === null || typeof cloudwatch !== 'object') {
    return false;
  }
  const { logEnabled, logGroupArn } = cloudwatch as { logEnabled?: unknown; logGroupArn?: unknown };
  // The ARN is usually an intrinsic (Fn::Join of the log group's Ref), so any non-empty value counts.
  const hasDestination =
    typeof logGroupArn === 'string'
      ? logGroupArn.length > 0
      : logGroupArn !== undefined && logGroupArn !== null;
  return logEnabled === true && hasDestination;
}

/**
 * Both tunnels of a site-to-site VPN send their IKE logs to CloudWatch Logs. Without them a
 * tunnel that will not come up (wrong key, mismatched proposal) can only be diagnosed from the
 * site's device, and there is no record of negotiations for an investigation.
 */
export function vpnTunnelLogging(node: CfnResource): NagRuleResult {
  const tunnels = vpnTunnelOptions(node);
  if (tunnels === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return tunnels.length === TUNNELS_PER_CONNECTION && tunnels.every(logged)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
