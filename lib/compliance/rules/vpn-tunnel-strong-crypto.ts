import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { CfnResource } from 'aws-cdk-lib';
import { asTunnel, listValues, TUNNELS_PER_CONNECTION, vpnTunnelOptions } from './vpn-tunnel-options';

/**
 * The Diffie-Hellman groups a council tunnel may offer: 2048-bit and larger MODP groups (14, 15, 16)
 * and the NIST elliptic-curve groups (19, 20, 21). Groups 22 to 24 are MODP groups with small
 * prime-order subgroups that RFC 8247 says must not be used; 17 and 18 (6144- and 8192-bit MODP)
 * buy nothing over 16 at a large cost in negotiation time. The rule Council-VPNTunnelStrongCrypto
 * checks both phases against this list;
 * lib/connectivity/tunnel-options.ts offers exactly these.
 */
export const ALLOWED_DH_GROUPS: readonly number[] = [14, 15, 16, 19, 20, 21];

/**
 * The Diffie-Hellman groups the tunnels were deployed with before the allow-list (14 to 24, the
 * weak 22 to 24 included). A connection that declares itself pending (see
 * TUNNEL_HARDENING_METADATA) may still offer these, and nothing else weaker than the strong
 * settings: until its site's change window, changing them would replace the connection.
 */
export const DEPLOYED_DH_GROUPS: readonly number[] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

/**
 * The CloudFormation metadata key by which a VPN connection says its site's tunnel hardening is
 * pending (value `pending`). The rule exempts exactly the deployed DH groups on such a connection,
 * rather than the connection being acknowledged as a whole: an acknowledgement would also cover a
 * later weakening of its encryption, integrity or IKE version.
 */
export const TUNNEL_HARDENING_METADATA = 'lz:tunnelHardening';

const ENCRYPTION = new Set(['AES256', 'AES256-GCM-16']);
const INTEGRITY = new Set(['SHA2-256', 'SHA2-384', 'SHA2-512']);
const MAX_PHASE1_LIFETIME = 28800;
const MAX_PHASE2_LIFETIME = 3600;

function onlyFrom(list: unknown, allowed: (value: unknown) => boolean): boolean {
  const values = listValues(list);
  return values !== undefined && values.length > 0 && values.every(allowed);
}

function strong(value: unknown, dhGroups: readonly number[]): boolean {
  const tunnel = asTunnel(value);
  if (!tunnel) {
    return false;
  }
  const isEncryption = (v: unknown): boolean => typeof v === 'string' && ENCRYPTION.has(v);
  const isIntegrity = (v: unknown): boolean => typeof v === 'string' && INTEGRITY.has(v);
  const isDhGroup = (v: unknown): boolean => typeof v === 'number' && dhGroups.includes(v);
  return (
    onlyFrom(tunnel.ikeVersions, (v) => v === 'ikev2') &&
    onlyFrom(tunnel.phase1EncryptionAlgorithms, isEncryption) &&
    onlyFrom(tunnel.phase2EncryptionAlgorithms, isEncryption) &&
    onlyFrom(tunnel.phase1IntegrityAlgorithms, isIntegrity) &&
    onlyFrom(tunnel.phase2IntegrityAlgorithms, isIntegrity) &&
    onlyFrom(tunnel.phase1DhGroupNumbers, isDhGroup) &&
    onlyFrom(tunnel.phase2DhGroupNumbers, isDhGroup) &&
    typeof tunnel.phase1LifetimeSeconds === 'number' &&
    tunnel.phase1LifetimeSeconds <= MAX_PHASE1_LIFETIME &&
    typeof tunnel.phase2LifetimeSeconds === 'number' &&
    tunnel.phase2LifetimeSeconds <= MAX_PHASE2_LIFETIME &&
    tunnel.dpdTimeoutAction === 'restart'
  );
}

/**
 * Both tunnels of a site-to-site VPN are configured explicitly with NCSC-aligned crypto: IKEv2
 * only, AES-256 (CBC or GCM), SHA-2 integrity, Diffie-Hellman groups from
 * ALLOWED_DH_GROUPS (14, 15, 16, 19, 20, 21; not the weak 22 to 24 of RFC 8247) in both phases,
 * lifetimes no longer than AWS's maximums, and dead-peer detection that restarts the tunnel.
 * A tunnel that is not listed, or lists nothing for a setting, gets AWS's defaults, which still
 * include IKEv1, AES-128, SHA-1 and DH group 2: so missing counts as weak. A connection whose
 * metadata says its hardening is pending may offer DEPLOYED_DH_GROUPS; every other setting is
 * held to the same standard.
 */
export function vpnTunnelStrongCrypto(node: CfnResource): NagRuleResult {
  const tunnels = vpnTunnelOptions(node);
  if (tunnels === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const pending: unknown = node.getMetadata(TUNNEL_HARDENING_METADATA);
  const dhGroups = pending === 'pending' ? DEPLOYED_DH_GROUPS : ALLOWED_DH_GROUPS;
  return tunnels.length === TUNNELS_PER_CONNECTION && tunnels.every((t) => strong(t, dhGroups))
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
