import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { validateConfigText } from '../../../lib/config/load';
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import {
  ALLOWED_DH_GROUPS,
  DEPLOYED_DH_GROUPS,
  STRONG_TUNNEL_CRYPTO,
  TUNNEL_HARDENING_METADATA,
} from '../../../lib/connectivity/tunnel-options';
import { vpnPreSharedKeyInSecretsManager } from '../../../lib/compliance/rules/vpn-pre-shared-key-in-secrets-manager';
import { vpnTunnelStrongCrypto } from '../../../lib/compliance/rules/vpn-tunnel-strong-crypto';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NagRuleCompliance } from 'cdk-nag';
import { EXAMPLE_CONFIG_FILE, exampleLandingZone, hardenedExampleConfig } from './example-landing-zone';
import { siteVpnsStack } from './site-vpns-stack';

type Tunnel = { Phase1DHGroupNumbers: { Value: number }[]; Phase2DHGroupNumbers: { Value: number }[] };

function connectionsOf(hardened: boolean): { props: Record<string, unknown>; node: ec2.CfnVPNConnection }[] {
  const { stacks } = exampleLandingZone(hardened ? hardenedExampleConfig() : undefined);
  const stack = stacks.connectivity;
  if (stack === undefined) throw new Error('the example council has a connectivity section');
  const template = Template.fromStack(stack);
  const nodes = stack.node
    .findAll()
    .filter((c): c is ec2.CfnVPNConnection => c instanceof ec2.CfnVPNConnection);
  const resources = template.findResources('AWS::EC2::VPNConnection') as Record<
    string,
    { Properties: Record<string, unknown> }
  >;
  return nodes.map((node) => ({ props: resources[stack.getLogicalId(node)]?.Properties ?? {}, node }));
}

/** The rule IDs acknowledged on a construct, as the validation report will list them. */
function acknowledgedRules(node: IConstruct): string[] {
  return node.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((m) => Object.keys(m.data as Record<string, string>))
    .sort();
}

function dhGroups(props: Record<string, unknown>): number[] {
  const tunnels = props['VpnTunnelOptionsSpecifications'] as Tunnel[];
  return [
    ...new Set(
      tunnels.flatMap((t) => [...t.Phase1DHGroupNumbers, ...t.Phase2DHGroupNumbers].map((g) => g.Value)),
    ),
  ].sort((a, b) => a - b);
}

describe('VPN tunnel hardening', () => {
  it('a hardened site keeps its keys in Secrets Manager and offers only the allowed DH groups; both rules pass', () => {
    const connections = connectionsOf(true);
    expect(connections).toHaveLength(4);
    for (const { props, node } of connections) {
      expect(props['PreSharedKeyStorage']).toBe('SecretsManager');
      expect(dhGroups(props)).toEqual([...ALLOWED_DH_GROUPS]);
      expect(vpnPreSharedKeyInSecretsManager(node)).toBe(NagRuleCompliance.COMPLIANT);
      expect(vpnTunnelStrongCrypto(node)).toBe(NagRuleCompliance.COMPLIANT);
    }
  });

  it('a pending site keeps what it was deployed with (no replacement): its key storage is reported, its deployed DH groups exempted', () => {
    const connections = connectionsOf(false);
    for (const { props, node } of connections) {
      expect(props['PreSharedKeyStorage']).toBeUndefined();
      expect(dhGroups(props)).toEqual([...DEPLOYED_DH_GROUPS]);
      expect(node.getMetadata(TUNNEL_HARDENING_METADATA)).toBe('pending');
      expect(vpnPreSharedKeyInSecretsManager(node)).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(vpnTunnelStrongCrypto(node)).toBe(NagRuleCompliance.COMPLIANT);
    }
  });

  it('acknowledges only the key storage of a pending site: a weakened tunnel there is a finding, not acknowledged', () => {
    const weak = { ...STRONG_TUNNEL_CRYPTO, phase1EncryptionAlgorithms: ['AES128', 'AES256'] };
    const sites = exampleLandingZone().config.connectivity?.sites ?? [];
    const { vpns } = siteVpnsStack(sites, weak);
    const connections = Object.values(vpns.sites).flatMap((site) =>
      site.connections.map((c) => c.connection),
    );
    expect(connections).toHaveLength(4);
    for (const node of connections) {
      expect(node.getMetadata(TUNNEL_HARDENING_METADATA)).toBe('pending');
      expect(vpnTunnelStrongCrypto(node)).toBe(NagRuleCompliance.NON_COMPLIANT);
      expect(acknowledgedRules(node)).toEqual(['Council::Council-VPNPreSharedKeyInSecretsManager']);
    }
  });

  it('every validation warns about each pending site, naming its line; an applied site draws no warning', () => {
    const example = readFileSync(EXAMPLE_CONFIG_FILE, 'utf8');
    const warnings = validateConfigText('x.yaml', example).diagnostics.filter(
      (d) => d.severity === 'warning' && d.path.endsWith('tunnelHardening'),
    );
    expect(warnings.map((d) => d.path)).toEqual([
      'connectivity.sites[0].tunnelHardening',
      'connectivity.sites[1].tunnelHardening',
      'connectivity.sites[2].tunnelHardening',
    ]);
    expect(warnings.every((d) => d.file === 'x.yaml' && d.line > 1)).toBe(true);
    const applied = example.replace(/tunnelHardening: pending/g, 'tunnelHardening: applied');
    expect(
      validateConfigText('x.yaml', applied).diagnostics.filter((d) => d.path.endsWith('tunnelHardening')),
    ).toEqual([]);
  });

  it('rejects an unknown hardening state', () => {
    const example = readFileSync(EXAMPLE_CONFIG_FILE, 'utf8');
    const bad = example.replace('tunnelHardening: pending', 'tunnelHardening: later');
    const errors = validateConfigText('x.yaml', bad).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.path)).toEqual(['connectivity.sites[0].tunnelHardening']);
  });
});
