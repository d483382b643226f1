import { NagRuleCompliance } from 'cdk-nag';
import { vpnPreSharedKeyDynamicReference } from '../../../../lib/compliance/rules/vpn-pre-shared-key-dynamic-reference';
import { goodTunnel, vpnConnection } from './vpn-fixtures';

describe('vpnPreSharedKeyDynamicReference', () => {
  it('passes keys given as Secrets Manager dynamic references', () => {
    const { connection } = vpnConnection([goodTunnel(), goodTunnel()]);
    expect(vpnPreSharedKeyDynamicReference(connection)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('passes tunnels without a key (AWS generates one that never reaches the template)', () => {
    const { connection } = vpnConnection([
      goodTunnel({ preSharedKey: undefined }),
      goodTunnel({ preSharedKey: undefined }),
    ]);
    expect(vpnPreSharedKeyDynamicReference(connection)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('fails a key written into the template', () => {
    const { connection } = vpnConnection([
      goodTunnel(),
      goodTunnel({ preSharedKey: 'not.a.real.key_example' }),
    ]);
    expect(vpnPreSharedKeyDynamicReference(connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
