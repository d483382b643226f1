import {
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  type EC2Client,
  type Tag,
} from '@aws-sdk/client-ec2';
import { attempt, type OperationError } from './errors';
import { answered } from './http';
import type { LiveCustomerGateway, LiveVpnConnection } from './vpn-status';

function nameTag(tags: readonly Tag[] | undefined): string | undefined {
  return tags?.find((t) => t.Key === 'Name')?.Value;
}

export interface VpnInventory {
  readonly gateways: LiveCustomerGateway[];
  readonly connections: LiveVpnConnection[];
  readonly errors: OperationError[];
}

/**
 * Reads the VPN connections and customer gateways (neither API paginates). Each call that fails is
 * reported as an error while the other's answer is still used.
 */
export async function collectVpnInventory(client: EC2Client): Promise<VpnInventory> {
  const [gatewaysResult, connectionsResult] = await Promise.all([
    attempt('ec2:DescribeCustomerGateways', async () =>
      answered(await client.send(new DescribeCustomerGatewaysCommand({})), 'CustomerGateways'),
    ),
    attempt('ec2:DescribeVpnConnections', async () =>
      answered(await client.send(new DescribeVpnConnectionsCommand({})), 'VpnConnections'),
    ),
  ]);
  const errors: OperationError[] = [];
  const gateways: LiveCustomerGateway[] = [];
  const connections: LiveVpnConnection[] = [];
  if (gatewaysResult.ok) {
    for (const g of gatewaysResult.value.CustomerGateways ?? []) {
      if (g.CustomerGatewayId === undefined) continue;
      const name = nameTag(g.Tags);
      gateways.push({
        id: g.CustomerGatewayId,
        ...(g.IpAddress === undefined ? {} : { ipAddress: g.IpAddress }),
        ...(g.State === undefined ? {} : { state: g.State }),
        ...(name === undefined ? {} : { name }),
      });
    }
  } else {
    errors.push(gatewaysResult.error);
  }
  if (connectionsResult.ok) {
    for (const c of connectionsResult.value.VpnConnections ?? []) {
      if (c.VpnConnectionId === undefined) continue;
      const name = nameTag(c.Tags);
      connections.push({
        id: c.VpnConnectionId,
        ...(c.State === undefined ? {} : { state: c.State }),
        ...(c.CustomerGatewayId === undefined ? {} : { customerGatewayId: c.CustomerGatewayId }),
        ...(c.TransitGatewayId === undefined ? {} : { transitGatewayId: c.TransitGatewayId }),
        ...(name === undefined ? {} : { name }),
        tunnels: (c.VgwTelemetry ?? []).map((t) => ({
          ...(t.OutsideIpAddress === undefined ? {} : { outsideIp: t.OutsideIpAddress }),
          ...(t.Status === undefined ? {} : { status: t.Status }),
          ...(t.LastStatusChange === undefined ? {} : { lastStatusChange: t.LastStatusChange }),
          ...(t.AcceptedRouteCount === undefined ? {} : { acceptedRouteCount: t.AcceptedRouteCount }),
          ...(t.StatusMessage === undefined ? {} : { statusMessage: t.StatusMessage }),
        })),
      });
    }
  } else {
    errors.push(connectionsResult.error);
  }
  return { gateways, connections, errors };
}
