import {
  evaluateVpnStatus,
  plannedDevices,
  type LiveCustomerGateway,
  type LiveVpnConnection,
} from '../../../lib/ops/vpn-status';

const SITES = [
  {
    name: 'dc',
    routing: { type: 'bgp' as const },
    lanRanges: ['10.0.0.0/16'],
    customerGateways: [
      { name: 'edge-1', publicIp: '203.0.113.10' },
      { name: 'edge-2', publicIp: '203.0.113.74' },
    ],
  },
  {
    name: 'library',
    routing: { type: 'static' as const },
    lanRanges: ['172.16.8.0/22'],
    customerGateways: [{ name: 'router-1', publicIp: '198.51.100.40' }],
  },
];
const PLANNED = plannedDevices('kvdc', SITES);
const CHANGED = new Date('2026-11-23T06:00:00Z');

function up(routes: number): LiveVpnConnection['tunnels'][number] {
  return { outsideIp: '35.0.0.1', status: 'UP', lastStatusChange: CHANGED, acceptedRouteCount: routes };
}

function healthy(): { gateways: LiveCustomerGateway[]; connections: LiveVpnConnection[] } {
  return {
    gateways: [
      { id: 'cgw-1', ipAddress: '203.0.113.10', state: 'available' },
      { id: 'cgw-2', ipAddress: '203.0.113.74', state: 'available' },
      { id: 'cgw-3', ipAddress: '198.51.100.40', state: 'available' },
    ],
    connections: [
      {
        id: 'vpn-1',
        state: 'available',
        customerGatewayId: 'cgw-1',
        name: 'kvdc-dc-edge-1',
        tunnels: [up(3), up(3)],
      },
      {
        id: 'vpn-2',
        state: 'available',
        customerGatewayId: 'cgw-2',
        name: 'kvdc-dc-edge-2',
        tunnels: [up(3), up(3)],
      },
      // Static routing: no BGP, so zero accepted routes is normal.
      { id: 'vpn-3', state: 'available', customerGatewayId: 'cgw-3', tunnels: [up(0), up(0)] },
    ],
  };
}

function kinds(result: ReturnType<typeof evaluateVpnStatus>): string[] {
  return result.findings.map((f) => `${f.kind} ${f.subject}`);
}

describe('evaluateVpnStatus', () => {
  it('derives the Name tags the SiteVpn construct gives each device', () => {
    expect(PLANNED.map((d) => d.name)).toEqual(['kvdc-dc-edge-1', 'kvdc-dc-edge-2', 'kvdc-library-router-1']);
  });

  it('is healthy when every device has a connection with both tunnels up (static sites need no routes)', () => {
    const { gateways, connections } = healthy();
    const result = evaluateVpnStatus(PLANNED, gateways, connections);
    expect(result.findings).toEqual([]);
    expect(result.rows).toHaveLength(6);
    expect(result.rows[0]).toMatchObject({
      site: 'dc',
      device: 'edge-1',
      connectionId: 'vpn-1',
      status: 'UP',
      acceptedRoutes: 3,
    });
  });

  it('flags a BGP tunnel that is UP with zero accepted routes as broken', () => {
    const { gateways, connections } = healthy();
    const broken = connections.map((c) => (c.id === 'vpn-1' ? { ...c, tunnels: [up(0), up(3)] } : c));
    expect(kinds(evaluateVpnStatus(PLANNED, gateways, broken))).toEqual(['no-bgp-routes dc/edge-1']);
  });

  it('flags a tunnel that is DOWN, with the status message', () => {
    const { gateways, connections } = healthy();
    const down = connections.map((c) =>
      c.id === 'vpn-2'
        ? {
            ...c,
            tunnels: [up(3), { outsideIp: '35.0.0.2', status: 'DOWN', statusMessage: 'IPSEC IS DOWN' }],
          }
        : c,
    );
    const result = evaluateVpnStatus(PLANNED, gateways, down);
    expect(result.findings).toEqual([
      { kind: 'tunnel-down', subject: 'dc/edge-2', message: 'tunnel 35.0.0.2 is DOWN (IPSEC IS DOWN)' },
    ]);
  });

  it('flags a configured device with no connection, and a connection no device explains', () => {
    const { gateways, connections } = healthy();
    const result = evaluateVpnStatus(
      PLANNED,
      [...gateways, { id: 'cgw-9', ipAddress: '192.0.2.9', state: 'available' }],
      [
        ...connections.filter((c) => c.id !== 'vpn-2'),
        { id: 'vpn-9', state: 'available', customerGatewayId: 'cgw-9', name: 'old-site', tunnels: [up(1)] },
      ],
    );
    expect(kinds(result)).toEqual(['missing-connection dc/edge-2', 'unexpected-connection vpn-9']);
    expect(result.findings[1]?.message).toBe(
      'old-site (192.0.2.9) is not a site device in the configuration',
    );
  });

  it('ignores deleted connections and gateways', () => {
    const { gateways, connections } = healthy();
    const result = evaluateVpnStatus(PLANNED, gateways, [
      ...connections,
      { id: 'vpn-old', state: 'deleted', customerGatewayId: 'cgw-1', tunnels: [] },
    ]);
    expect(result.findings).toEqual([]);
  });

  it('matches by Name tag when the customer gateway is unknown, and flags an address that differs', () => {
    const { connections } = healthy();
    const noGateways = evaluateVpnStatus(PLANNED, [], connections.slice(0, 2));
    expect(kinds(noGateways)).toEqual(['missing-connection library/router-1']);
    const moved = evaluateVpnStatus(
      PLANNED,
      [
        { id: 'cgw-1', ipAddress: '203.0.113.99', state: 'available' },
        { id: 'cgw-2', ipAddress: '203.0.113.74', state: 'available' },
        { id: 'cgw-3', ipAddress: '198.51.100.40', state: 'available' },
      ],
      connections,
    );
    expect(kinds(moved)).toEqual(['ip-mismatch dc/edge-1']);
  });

  it('flags a connection that is not available and one without telemetry', () => {
    const { gateways, connections } = healthy();
    const result = evaluateVpnStatus(
      PLANNED,
      gateways,
      connections.map((c) => (c.id === 'vpn-1' ? { ...c, state: 'pending', tunnels: [] } : c)),
    );
    expect(kinds(result)).toEqual(['connection-not-available dc/edge-1', 'no-telemetry dc/edge-1']);
    expect(result.rows.find((r) => r.connectionId === 'vpn-1')?.status).toBe('UNKNOWN');
  });

  it('matches a gateway only within its own region: the same ID elsewhere is another gateway', () => {
    const { connections } = healthy();
    // cgw-1 in eu-west-1 has dc/edge-1's address, but the connection using cgw-1 is in eu-west-2,
    // where cgw-1 has another address; only its Name tag still ties it to the device.
    const result = evaluateVpnStatus(
      PLANNED,
      [
        { id: 'cgw-1', region: 'eu-west-1', ipAddress: '203.0.113.10', state: 'available' },
        { id: 'cgw-1', region: 'eu-west-2', ipAddress: '192.0.2.1', state: 'available' },
      ],
      connections.slice(0, 1).map((c) => ({ ...c, region: 'eu-west-2' })),
      { regions: ['eu-west-2', 'eu-west-1'] },
    );
    expect(kinds(result)).toEqual([
      'ip-mismatch dc/edge-1',
      'missing-connection dc/edge-2',
      'missing-connection library/router-1',
    ]);
    expect(result.findings[1]?.message).toContain("in this account's regions eu-west-2, eu-west-1");
    expect(result.rows[0]?.region).toBe('eu-west-2');
  });

  it('a device found nowhere while a region could not be read is NOT READ, not missing', () => {
    const { gateways, connections } = healthy();
    const result = evaluateVpnStatus(PLANNED, gateways, connections.slice(0, 2), { incomplete: true });
    expect(kinds(result)).toEqual([]);
    expect(result.rows.map((r) => `${r.site}/${r.device} ${r.status}`)).toContain(
      'library/router-1 NOT READ',
    );
  });

  it('customer gateways not read: a device matched by nothing is NOT READ, an unclaimed connection NOT MATCHED, nothing claimed', () => {
    // vpn-3 carries no Name tag: without its gateway (matched by IP) it belongs to nobody known.
    const { connections } = healthy();
    const region = (c: LiveVpnConnection): LiveVpnConnection => ({ ...c, region: 'eu-west-2' });
    const result = evaluateVpnStatus(PLANNED, [], connections.map(region), {
      unmatchedRegions: ['eu-west-2'],
    });
    expect(kinds(result)).toEqual([]);
    expect(result.rows.map((r) => `${r.site}/${r.device} ${r.connectionId} ${r.status}`)).toEqual([
      'dc/edge-1 vpn-1 UP',
      'dc/edge-1 vpn-1 UP',
      'dc/edge-2 vpn-2 UP',
      'dc/edge-2 vpn-2 UP',
      'library/router-1 - NOT READ',
      '?/? vpn-3 NOT MATCHED',
    ]);
  });
});
