import { NagRuleCompliance } from 'cdk-nag';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Stack } from 'aws-cdk-lib';
import {
  DEPLOYED_DH_GROUPS,
  TUNNEL_HARDENING_METADATA,
  vpnTunnelStrongCrypto,
} from '../../../../lib/compliance/rules/vpn-tunnel-strong-crypto';
import { goodTunnel, vpnConnection } from './vpn-fixtures';

describe('vpnTunnelStrongCrypto', () => {
  it('passes a connection whose two tunnels both use the strong settings', () => {
    const { connection } = vpnConnection([goodTunnel(), goodTunnel()]);
    expect(vpnTunnelStrongCrypto(connection)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it.each([
    ['no tunnel options at all', undefined],
    ['only the first tunnel configured', [goodTunnel()]],
    [
      'IKEv1 allowed on tunnel 2',
      [goodTunnel(), goodTunnel({ ikeVersions: [{ value: 'ikev1' }, { value: 'ikev2' }] })],
    ],
    [
      'AES-128 on tunnel 2',
      [goodTunnel(), goodTunnel({ phase2EncryptionAlgorithms: [{ value: 'AES128' }] })],
    ],
    ['SHA-1 in phase 1', [goodTunnel({ phase1IntegrityAlgorithms: [{ value: 'SHA1' }] }), goodTunnel()]],
    [
      'DH group 2 in phase 2',
      [goodTunnel({ phase2DhGroupNumbers: [{ value: 2 }, { value: 14 }] }), goodTunnel()],
    ],
    // Groups 22 to 24 are at least 14 but weak (RFC 8247): only the allow-list passes.
    [
      'DH group 24 (MODP with a small subgroup) in phase 1',
      [goodTunnel({ phase1DhGroupNumbers: [{ value: 14 }, { value: 24 }] }), goodTunnel()],
    ],
    [
      'DH group 22 in phase 2 of tunnel 2',
      [goodTunnel(), goodTunnel({ phase2DhGroupNumbers: [{ value: 22 }] })],
    ],
    ['DH group 18 (not on the list)', [goodTunnel(), goodTunnel({ phase1DhGroupNumbers: [{ value: 18 }] })]],
    ['an empty DH group list (AWS defaults)', [goodTunnel({ phase1DhGroupNumbers: [] }), goodTunnel()]],
    ['no phase 1 lifetime', [goodTunnel({ phase1LifetimeSeconds: undefined }), goodTunnel()]],
    ['DPD action clear', [goodTunnel(), goodTunnel({ dpdTimeoutAction: 'clear' })]],
  ])('fails %s', (_case, tunnels) => {
    const { connection } = vpnConnection(tunnels);
    expect(vpnTunnelStrongCrypto(connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('passes any subset of the allow-list 14, 15, 16, 19, 20, 21', () => {
    const ecc = [{ value: 19 }, { value: 20 }, { value: 21 }];
    const { connection } = vpnConnection([
      goodTunnel({ phase1DhGroupNumbers: ecc, phase2DhGroupNumbers: ecc }),
      goodTunnel({ phase1DhGroupNumbers: [{ value: 14 }, { value: 16 }] }),
    ]);
    expect(vpnTunnelStrongCrypto(connection)).toBe(NagRuleCompliance.COMPLIANT);
  });

  describe('a connection whose site hardening is pending (metadata lz:tunnelHardening: pending)', () => {
    const deployed = DEPLOYED_DH_GROUPS.map((value) => ({ value }));
    const pendingTunnel = (overrides: Parameters<typeof goodTunnel>[0] = {}) =>
      goodTunnel({ phase1DhGroupNumbers: deployed, phase2DhGroupNumbers: deployed, ...overrides });
    const pending = (tunnels: Parameters<typeof vpnConnection>[0], value = 'pending') => {
      const { connection } = vpnConnection(tunnels);
      connection.addMetadata(TUNNEL_HARDENING_METADATA, value);
      return connection;
    };

    it('passes with the DH groups it was deployed with, 14 to 24, and every other setting strong', () => {
      expect(vpnTunnelStrongCrypto(pending([pendingTunnel(), pendingTunnel()]))).toBe(
        NagRuleCompliance.COMPLIANT,
      );
    });

    it.each([
      ['AES-128 in phase 1', { phase1EncryptionAlgorithms: [{ value: 'AES128' }] }],
      ['AES-128 in phase 2', { phase2EncryptionAlgorithms: [{ value: 'AES128' }, { value: 'AES256' }] }],
      ['IKEv1 allowed', { ikeVersions: [{ value: 'ikev1' }, { value: 'ikev2' }] }],
      ['SHA-1 in phase 2', { phase2IntegrityAlgorithms: [{ value: 'SHA1' }] }],
      ['DH group 2, which it was never deployed with', { phase1DhGroupNumbers: [{ value: 2 }, ...deployed] }],
      ['a phase 2 lifetime above 3600 s', { phase2LifetimeSeconds: 7200 }],
    ])('still fails %s', (_case, weakened) => {
      expect(vpnTunnelStrongCrypto(pending([pendingTunnel(), pendingTunnel(weakened)]))).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
    });

    it('exempts nothing for any other metadata value, nor without it', () => {
      expect(vpnTunnelStrongCrypto(pending([pendingTunnel(), pendingTunnel()], 'applied'))).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
      expect(vpnTunnelStrongCrypto(vpnConnection([pendingTunnel(), pendingTunnel()]).connection)).toBe(
        NagRuleCompliance.NON_COMPLIANT,
      );
    });
  });

  it('does not apply to other resources', () => {
    const { app } = vpnConnection(undefined);
    const gateway = new ec2.CfnCustomerGateway(Stack.of(app.node.findChild('Test')), 'Cgw', {
      type: 'ipsec.1',
      ipAddress: '81.2.69.160',
    });
    expect(vpnTunnelStrongCrypto(gateway)).toBe(NagRuleCompliance.NOT_APPLICABLE);
  });
});
