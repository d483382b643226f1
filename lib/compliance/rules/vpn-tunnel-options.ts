import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

type TunnelOptions = ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty;

/**
 * The resolved tunnel options of a VPN connection, or undefined when the resource is not one.
 * Unresolvable values (tokens that are not plain data) come back as they are, and the rules
 * treat anything they cannot read as non-compliant.
 */
export function vpnTunnelOptions(node: CfnResource): unknown[] | undefined {
  if (!(node instanceof ec2.CfnVPNConnection)) {
    return undefined;
  }
  const resolved: unknown = Stack.of(node).resolve(node.vpnTunnelOptionsSpecifications);
  return Array.isArray(resolved) ? (resolved as unknown[]) : [];
}

export function asTunnel(value: unknown): TunnelOptions | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** The `value`s of a `[{ value }]` list, or undefined if it is absent or not plain data. */
export function listValues(list: unknown): unknown[] | undefined {
  if (!Array.isArray(list)) {
    return undefined;
  }
  return list.map((item: unknown) =>
    item !== null && typeof item === 'object' && 'value' in item ? item.value : undefined,
  );
}

/** A VPN connection has two tunnels; a rule is satisfied only when both are listed and pass. */
export const TUNNELS_PER_CONNECTION = 2;
