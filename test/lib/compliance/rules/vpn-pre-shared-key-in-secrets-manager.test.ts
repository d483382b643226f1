import { NagRuleCompliance } from 'cdk-nag';
import { vpnPreSharedKeyInSecretsManager } from '../../../../lib/compliance/rules/vpn-pre-shared-key-in-secrets-manager';
import { goodTunnel, vpnConnection } from './vpn-fixtures';

describe('vpnPreSharedKeyInSecretsManager', () => {
  it('passes a connection that keeps its keys in Secrets Manager', () => {
    const { connection } = vpnConnection([goodTunnel(), goodTunnel()]);
    connection.preSharedKeyStorage = 'SecretsManager';
    expect(vpnPreSharedKeyInSecretsManager(connection)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it.each([
    ['left to the default (the VPN service, readable through DescribeVpnConnections)', undefined],
    ['Standard', 'Standard'],
  ])('fails storage %s', (_case, storage) => {
    const { connection } = vpnConnection([goodTunnel(), goodTunnel()]);
    connection.preSharedKeyStorage = storage;
    expect(vpnPreSharedKeyInSecretsManager(connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
