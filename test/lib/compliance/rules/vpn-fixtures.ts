import { tagAsLandingZone, testApp } from '../../../helpers/cdk-app';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { tunnelOptions } from '../../../../lib/connectivity/tunnel-options';

type Tunnel = ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty;

/** A well-configured tunnel, as the project's own constructs build it. */
export function goodTunnel(overrides: Partial<Tunnel> = {}): Tunnel {
  return {
    ...tunnelOptions({
      preSharedKey: '{{resolve:secretsmanager:kvdc/vpn/test:SecretString:::}}',
      logGroupArn: 'arn:aws:logs:eu-west-2:111111111111:log-group:/kvdc/vpn/tunnels',
      bgpLogging: true,
    }),
    ...overrides,
  };
}

/** A stack holding one VPN connection with the given tunnels. */
export function vpnConnection(tunnels: Tunnel[] | undefined): { app: App; connection: ec2.CfnVPNConnection } {
  const app = testApp();
  const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-2' } });
  tagAsLandingZone(app);
  const connection = new ec2.CfnVPNConnection(stack, 'Vpn', {
    type: 'ipsec.1',
    customerGatewayId: 'cgw-0123456789abcdef0',
    transitGatewayId: 'tgw-0123456789abcdef0',
    vpnTunnelOptionsSpecifications: tunnels,
  });
  return { app, connection };
}
