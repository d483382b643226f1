import type * as ec2 from 'aws-cdk-lib/aws-ec2';
// The allow-list lives with the rule that enforces it (the rule may not import the constructs).
import {
  ALLOWED_DH_GROUPS,
  DEPLOYED_DH_GROUPS,
  TUNNEL_HARDENING_METADATA,
} from '../compliance/rules/vpn-tunnel-strong-crypto';

export { ALLOWED_DH_GROUPS, DEPLOYED_DH_GROUPS, TUNNEL_HARDENING_METADATA };

type TunnelOptions = ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty;

/** The IKE and IPsec settings of a tunnel, as CloudFormation's tunnel options take them. */
export interface TunnelCrypto {
  readonly ikeVersions: readonly string[];
  readonly phase1EncryptionAlgorithms: readonly string[];
  readonly phase2EncryptionAlgorithms: readonly string[];
  readonly phase1IntegrityAlgorithms: readonly string[];
  readonly phase2IntegrityAlgorithms: readonly string[];
  readonly phase1DhGroupNumbers: readonly number[];
  readonly phase2DhGroupNumbers: readonly number[];
  readonly phase1LifetimeSeconds: number;
  readonly phase2LifetimeSeconds: number;
  readonly dpdTimeoutAction: string;
  readonly dpdTimeoutSeconds: number;
  readonly startupAction: string;
}

/**
 * The tunnel settings every council VPN uses by default, aligned with the NCSC's guidance on IPsec
 * (IKEv2 only; AES-256; SHA-2; the Diffie-Hellman groups of ALLOWED_DH_GROUPS). AWS's defaults also accept
 * IKEv1, AES-128, SHA-1 and DH groups 2 and 5, and a tunnel left unconfigured silently falls back
 * to them, so both tunnels always get every setting explicitly.
 */
export const STRONG_TUNNEL_CRYPTO: TunnelCrypto = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: ['AES256', 'AES256-GCM-16'],
  phase2EncryptionAlgorithms: ['AES256', 'AES256-GCM-16'],
  phase1IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase2IntegrityAlgorithms: ['SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase1DhGroupNumbers: ALLOWED_DH_GROUPS,
  phase2DhGroupNumbers: ALLOWED_DH_GROUPS,
  /** Eight hours, the AWS maximum and the common device default; a mismatch causes rekey failures. */
  phase1LifetimeSeconds: 28800,
  /** One hour, the AWS maximum. */
  phase2LifetimeSeconds: 3600,
  /** Restart the IKE negotiation when the peer stops answering, rather than dropping the tunnel. */
  dpdTimeoutAction: 'restart',
  dpdTimeoutSeconds: 30,
  /** AWS starts the negotiation, so a tunnel comes back after maintenance without waiting for the site. */
  startupAction: 'start',
};

export interface TunnelOptionsProps {
  /** A `{{resolve:secretsmanager:...}}` dynamic reference, never the key itself. */
  readonly preSharedKey: string;
  readonly tunnelInsideCidr?: string;
  /** Log group ARN (without `:*`) for the tunnel's IKE and BGP logs. */
  readonly logGroupArn: string;
  /** BGP logging only makes sense for a BGP site. */
  readonly bgpLogging: boolean;
  /** IKE and IPsec settings; the Council-VpnTunnelStrongCrypto rule flags weaker ones. @default STRONG_TUNNEL_CRYPTO */
  readonly crypto?: TunnelCrypto;
}

/** One tunnel's complete options. Called for each tunnel, so neither is ever left on AWS defaults. */
export function tunnelOptions(props: TunnelOptionsProps): TunnelOptions {
  const c = props.crypto ?? STRONG_TUNNEL_CRYPTO;
  return {
    ikeVersions: c.ikeVersions.map((value) => ({ value })),
    phase1EncryptionAlgorithms: c.phase1EncryptionAlgorithms.map((value) => ({ value })),
    phase2EncryptionAlgorithms: c.phase2EncryptionAlgorithms.map((value) => ({ value })),
    phase1IntegrityAlgorithms: c.phase1IntegrityAlgorithms.map((value) => ({ value })),
    phase2IntegrityAlgorithms: c.phase2IntegrityAlgorithms.map((value) => ({ value })),
    phase1DhGroupNumbers: c.phase1DhGroupNumbers.map((value) => ({ value })),
    phase2DhGroupNumbers: c.phase2DhGroupNumbers.map((value) => ({ value })),
    phase1LifetimeSeconds: c.phase1LifetimeSeconds,
    phase2LifetimeSeconds: c.phase2LifetimeSeconds,
    dpdTimeoutAction: c.dpdTimeoutAction,
    dpdTimeoutSeconds: c.dpdTimeoutSeconds,
    startupAction: c.startupAction,
    preSharedKey: props.preSharedKey,
    tunnelInsideCidr: props.tunnelInsideCidr,
    logOptions: {
      cloudwatchLogOptions: {
        logEnabled: true,
        logGroupArn: props.logGroupArn,
        logOutputFormat: 'json',
        ...(props.bgpLogging
          ? { bgpLogEnabled: true, bgpLogGroupArn: props.logGroupArn, bgpLogOutputFormat: 'json' }
          : { bgpLogEnabled: false }),
      },
    },
  };
}
