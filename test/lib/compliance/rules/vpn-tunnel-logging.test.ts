import { NagRuleCompliance } from 'cdk-nag';
import { vpnTunnelLogging } from '../../../../lib/compliance/rules/vpn-tunnel-logging';
import { goodTunnel, vpnConnection } from './vpn-fixtures';

describe('vpnTunnelLogging', () => {
  it('passes when both tunnels log to a log group', () => {
    const { connection } = vpnConnection([goodTunnel(), goodTunnel()]);
    expect(vpnTunnelLogging(connection)).toBe(NagRuleCompliance.COMPLIANT);
  });

  it('fails when the second tunnel does not log', () => {
    const { connection } = vpnConnection([goodTunnel(), goodTunnel({ logOptions: undefined })]);
    expect(vpnTunnelLogging(connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('fails when logging is switched off or has no destination', () => {
    const off = vpnConnection([
      goodTunnel({
        logOptions: {
          cloudwatchLogOptions: { logEnabled: false, logGroupArn: 'arn:aws:logs:eu-west-2:1:log-group:x' },
        },
      }),
      goodTunnel(),
    ]);
    expect(vpnTunnelLogging(off.connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
    const nowhere = vpnConnection([
      goodTunnel(),
      goodTunnel({ logOptions: { cloudwatchLogOptions: { logEnabled: true } } }),
    ]);
    expect(vpnTunnelLogging(nowhere.connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });

  it('fails a connection with only one tunnel listed', () => {
    const { connection } = vpnConnection([goodTunnel()]);
    expect(vpnTunnelLogging(connection)).toBe(NagRuleCompliance.NON_COMPLIANT);
  });
});
