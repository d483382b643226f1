import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { transitGatewayExplicitRouting } from './rules/transit-gateway-explicit-routing';
import { vpnPreSharedKeyDynamicReference } from './rules/vpn-pre-shared-key-dynamic-reference';
import { vpnTunnelLogging } from './rules/vpn-tunnel-logging';
import { vpnTunnelStrongCrypto } from './rules/vpn-tunnel-strong-crypto';

/** The pack's name: findings are `Council-<Rule>`, acknowledged as `Council::Council-<Rule>`. */
export const COUNCIL_PACK_NAME = 'Council';

/**
 * The council's own checks, for what the published packs miss (they have no VPN or Transit
 * Gateway rules). Each rule is a pure function in lib/compliance/rules/; the pack only picks
 * them and attaches the words and severity. Later issues add rules here.
 */
export class CouncilChecks extends NagPack {
  readonly name = COUNCIL_PACK_NAME;

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = COUNCIL_PACK_NAME;
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'VPNTunnelStrongCrypto',
      info: 'A site-to-site VPN tunnel is missing or allows weak IKE/IPsec settings.',
      explanation:
        'Both tunnels must be listed and use IKEv2 only, AES-256 (CBC or GCM), SHA-2 integrity, Diffie-Hellman group 14 or ' +
        'higher in both phases, lifetimes within 28800 s (phase 1) and 3600 s (phase 2), and DPD action restart. ' +
        'Unlisted settings fall back to AWS defaults that include IKEv1, AES-128, SHA-1 and DH group 2 (NCSC IPsec guidance).',
      level: NagMessageLevel.ERROR,
      rule: vpnTunnelStrongCrypto,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'VPNTunnelLogging',
      info: 'A site-to-site VPN tunnel does not send its logs to CloudWatch Logs.',
      explanation:
        'Both tunnels must enable logOptions.cloudwatchLogOptions with a log group, so failed negotiations can be diagnosed ' +
        'from AWS and there is a record for investigations.',
      level: NagMessageLevel.ERROR,
      rule: vpnTunnelLogging,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'VPNPreSharedKeyDynamicReference',
      info: 'A site-to-site VPN tunnel has a pre-shared key written into the template.',
      explanation:
        'Pre-shared keys must be dynamic references ({{resolve:secretsmanager:...}}) to a secret, never literal text in ' +
        'configuration, source control or CloudFormation.',
      level: NagMessageLevel.ERROR,
      rule: vpnPreSharedKeyDynamicReference,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'TransitGatewayExplicitRouting',
      info: 'The Transit Gateway auto-accepts shared attachments or uses a default route table.',
      explanation:
        'Set autoAcceptSharedAttachments, defaultRouteTableAssociation and defaultRouteTablePropagation to disable, so every ' +
        'attachment reaches only the segments its configuration names.',
      level: NagMessageLevel.ERROR,
      rule: transitGatewayExplicitRouting,
      node,
    });
  }
}
