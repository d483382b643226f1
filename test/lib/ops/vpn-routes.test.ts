import {
  DescribeCustomerGatewaysCommand,
  DescribeTransitGatewayRouteTablesCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
  type TransitGatewayRoute,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { runVpnStatus } from '../../../lib/cli/ops-vpn-status-command';
import { loadConfig } from '../../../lib/config/load';
import { evaluateLearnedRoutes } from '../../../lib/ops/vpn-routes';
import { plannedDevices, type TunnelRow } from '../../../lib/ops/vpn-status';

/*
 * A BGP site whose router announces more than its lanRanges attracts the traffic for what it
 * announces: vpn-status reads the routes the Transit Gateway learned from each device's attachment
 * and reports every prefix outside the site's declared networks. The example's devices: civic-centre-dc
 * edge-1 and edge-2 (10.0.0.0/16, 10.1.0.0/20), northgate-depot router-1 (10.20.0.0/20), and
 * central-library router-1 (static, 172.16.8.0/22).
 */
const CONFIG = 'config/landing-zone.yaml';
const NOW = new Date('2026-11-23T08:00:00Z');
const AWS = { region: 'eu-west-2', maxAttempts: 1 };
const config = loadConfig(CONFIG);
const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
const ec2 = mockClient(EC2Client);

const TABLES = ['production', 'non-production', 'shared', 'on-premises'].map((segment) => ({
  id: `tgw-rtb-${segment}`,
  name: `kvdc-hub-${segment}`,
}));
/** The tables the sites propagate into (PROPAGATES_INTO['on-premises']). */
const SITE_TABLES = TABLES.filter((t) => t.id !== 'tgw-rtb-on-premises');
const attachmentOf = (i: number): string => `tgw-attach-${i}`;
const deviceIndex = (site: string, device: string): number =>
  devices.findIndex((d) => d.site === site && d.device === device);
const DEPOT = deviceIndex('northgate-depot', 'router-1');
const EDGE_1 = deviceIndex('civic-centre-dc', 'edge-1');
const EDGE_2 = deviceIndex('civic-centre-dc', 'edge-2');
const BGP = devices.map((d, i) => ({ ...d, i })).filter((d) => d.routing === 'bgp');

beforeEach(() => {
  ec2.reset();
  ec2.on(DescribeCustomerGatewaysCommand).resolves({
    CustomerGateways: devices.map((d, i) => ({
      CustomerGatewayId: `cgw-${i}`,
      IpAddress: d.publicIp,
      State: 'available',
    })),
  });
  ec2.on(DescribeVpnConnectionsCommand).resolves({
    VpnConnections: devices.map((d, i): VpnConnection => ({
      VpnConnectionId: `vpn-${i}`,
      CustomerGatewayId: `cgw-${i}`,
      TransitGatewayId: 'tgw-hub',
      State: 'available',
      Type: 'ipsec.1',
      VgwTelemetry: [1, 2].map((t) => ({
        OutsideIpAddress: `35.176.0.${i * 2 + t}`,
        Status: 'UP',
        LastStatusChange: new Date('2026-11-21T05:00:00Z'),
        AcceptedRouteCount: d.routing === 'bgp' ? 2 : 0,
      })),
    })),
  });
  ec2.on(DescribeTransitGatewayRouteTablesCommand).resolves({
    TransitGatewayRouteTables: TABLES.map((t) => ({
      TransitGatewayRouteTableId: t.id,
      State: 'available',
      Tags: [{ Key: 'Name', Value: t.name }],
    })),
  });
  ec2
    .on(GetTransitGatewayRouteTablePropagationsCommand)
    .resolves({ TransitGatewayRouteTablePropagations: [] });
  for (const table of SITE_TABLES) {
    ec2
      .on(GetTransitGatewayRouteTablePropagationsCommand, { TransitGatewayRouteTableId: table.id })
      .resolves({
        TransitGatewayRouteTablePropagations: BGP.map((d) => ({
          TransitGatewayAttachmentId: attachmentOf(d.i),
          ResourceId: `vpn-${d.i}`,
          ResourceType: 'vpn',
          State: 'enabled',
        })),
      });
  }
  announce({
    [EDGE_1]: ['10.0.0.0/16', '10.1.0.0/20'],
    [EDGE_2]: ['10.0.0.0/16', '10.1.0.0/20'],
    [DEPOT]: ['10.20.0.0/20'],
  });
});

function route(prefix: string, attachments: readonly number[]): TransitGatewayRoute {
  return {
    DestinationCidrBlock: prefix,
    Type: 'propagated',
    State: 'active',
    TransitGatewayAttachments: attachments.map((i) => ({
      TransitGatewayAttachmentId: attachmentOf(i),
      ResourceId: `vpn-${i}`,
      ResourceType: 'vpn',
    })),
  };
}

/** What each device announces, propagated into every table its attachment propagates into. */
function announce(byDevice: Readonly<Record<number, readonly string[]>>): void {
  const routes: TransitGatewayRoute[] = [];
  for (const [i, prefixes] of Object.entries(byDevice)) {
    for (const prefix of prefixes) routes.push(route(prefix, [Number(i)]));
  }
  ec2.on(SearchTransitGatewayRoutesCommand).resolves({ Routes: routes, AdditionalRoutesAvailable: false });
}

interface Report {
  status: string;
  findings: { kind: string; subject: string; message: string }[];
  announcedRoutes: {
    site: string;
    device: string;
    prefix: string;
    routeTables: string[];
    withinLanRanges: boolean;
  }[];
  errors: { action: string; message: string }[];
}

async function status(json = true): Promise<{ exitCode: number; stdout: string; report?: Report }> {
  const out = await runVpnStatus({ config: CONFIG, json, aws: AWS, now: NOW });
  return { ...out, ...(json ? { report: JSON.parse(out.stdout) as Report } : {}) };
}

describe('lz ops vpn-status: the routes each BGP site announced, against its lanRanges', () => {
  it('is healthy (exit 0) when every learned prefix sits inside its site lanRanges, and lists them', async () => {
    const { exitCode, report } = await status();
    expect(exitCode).toBe(0);
    expect(report?.findings).toEqual([]);
    expect(report?.announcedRoutes).toContainEqual(
      expect.objectContaining({
        site: 'northgate-depot',
        device: 'router-1',
        prefix: '10.20.0.0/20',
        routeTables: ['kvdc-hub-non-production', 'kvdc-hub-production', 'kvdc-hub-shared'],
        withinLanRanges: true,
      }),
    );
    // Each search is for propagated routes of the site attachments that propagate into that table.
    const searches = ec2.commandCalls(SearchTransitGatewayRoutesCommand).map((c) => c.args[0].input);
    expect(searches.map((s) => s.TransitGatewayRouteTableId).sort()).toEqual(
      SITE_TABLES.map((t) => t.id).sort(),
    );
    for (const search of searches) {
      expect(search.Filters).toEqual([
        { Name: 'type', Values: ['propagated'] },
        { Name: 'attachment.transit-gateway-attachment-id', Values: BGP.map((d) => attachmentOf(d.i)) },
      ]);
    }
    expect(ec2.commandCalls(DescribeTransitGatewayRouteTablesCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: 'transit-gateway-id', Values: ['tgw-hub'] },
    ]);
  });

  it('is degraded (exit 1) for every prefix outside the lanRanges, naming site, prefix, ranges and tables', async () => {
    // A VPC's range, a default route and a supernet of its own LAN: each attracts traffic meant elsewhere.
    announce({
      [EDGE_1]: ['10.0.0.0/16'],
      [DEPOT]: ['10.20.0.0/20', '10.65.4.0/24', '0.0.0.0/0', '10.20.0.0/16'],
    });
    const { exitCode, stdout } = await status(false);
    expect(exitCode).toBe(1);
    const tables = 'kvdc-hub-non-production, kvdc-hub-production, kvdc-hub-shared';
    for (const prefix of ['0.0.0.0/0', '10.20.0.0/16', '10.65.4.0/24']) {
      expect(stdout).toContain(
        `DEGRADED northgate-depot/router-1: announces ${prefix}, outside the site's lanRanges (10.20.0.0/20): the ` +
          `Transit Gateway propagated it into ${tables}, so traffic for ${prefix} from there goes to this site ` +
          '[route-outside-lan-ranges]',
      );
    }
    expect(stdout).not.toMatch(/announces 10\.20\.0\.0\/20,/);
    expect(stdout).toContain('DEGRADED: 3 finding(s), 0 failed call(s) (exit 1)');
  });

  it("checks each device of a site: a route both devices announce (ECMP) is each device's", async () => {
    ec2.on(SearchTransitGatewayRoutesCommand).resolves({
      Routes: [route('10.0.0.0/16', [EDGE_1, EDGE_2]), route('10.30.0.0/16', [EDGE_1, EDGE_2])],
    });
    const { exitCode, report } = await status();
    expect(exitCode).toBe(1);
    expect(report?.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'route-outside-lan-ranges civic-centre-dc/edge-1',
      'route-outside-lan-ranges civic-centre-dc/edge-2',
    ]);
    expect(report?.findings[0]?.message).toContain("outside the site's lanRanges (10.0.0.0/16, 10.1.0.0/20)");
  });

  it('attributes only the routes of site attachments, whatever an endpoint that ignores the filter returns', async () => {
    ec2.on(SearchTransitGatewayRoutesCommand).resolves({
      Routes: [
        route('10.20.0.0/20', [DEPOT]),
        // A VPC's propagated range and a static route: not something a site announced.
        {
          DestinationCidrBlock: '10.65.0.0/19',
          Type: 'propagated',
          TransitGatewayAttachments: [{ TransitGatewayAttachmentId: 'tgw-attach-vpc', ResourceType: 'vpc' }],
        },
        { ...route('172.16.8.0/22', [deviceIndex('central-library', 'router-1')]), Type: 'static' },
        { ...route('10.99.0.0/16', [DEPOT]), Type: 'static' },
      ],
    });
    const { exitCode, report } = await status();
    expect(exitCode).toBe(0);
    expect(report?.announcedRoutes.map((r) => `${r.site} ${r.prefix}`)).toEqual([
      'northgate-depot 10.20.0.0/20',
    ]);
  });

  it('reads every page of a search', async () => {
    ec2
      .on(SearchTransitGatewayRoutesCommand)
      .resolvesOnce({ Routes: [route('10.20.0.0/20', [DEPOT])], NextToken: 'page-2' })
      .resolves({ Routes: [route('10.64.0.0/14', [DEPOT])] });
    const { exitCode, report } = await status();
    expect(exitCode).toBe(1);
    expect(report?.findings.map((f) => f.message)).toEqual([
      expect.stringContaining('announces 10.64.0.0/14'),
    ]);
    expect(
      ec2
        .commandCalls(SearchTransitGatewayRoutesCommand)
        .filter((c) => c.args[0].input.NextToken === 'page-2'),
    ).not.toHaveLength(0);
  });

  it('says so when AWS cut a search short, rather than judging part of the routes as all of them', async () => {
    ec2.on(SearchTransitGatewayRoutesCommand).resolves({
      Routes: [route('10.20.0.0/20', [DEPOT])],
      AdditionalRoutesAvailable: true,
    });
    const { exitCode, report } = await status();
    expect(exitCode).toBe(1);
    expect(report?.findings.map((f) => `${f.kind} ${f.subject}`)).toContain(
      'routes-not-all-read northgate-depot/router-1',
    );
  });

  it('fails (exit 2) naming the IAM action when the search is denied, once, with the tunnels still shown', async () => {
    ec2.on(SearchTransitGatewayRoutesCommand).rejects(
      Object.assign(new Error('You are not authorized to perform this operation.'), {
        name: 'UnauthorizedOperation',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const { exitCode, report } = await status();
    expect(exitCode).toBe(2);
    expect(report?.errors.map((e) => e.action)).toEqual(['ec2:SearchTransitGatewayRoutes']);
    expect(report?.errors[0]?.message).toContain(
      'The role needs the IAM action ec2:SearchTransitGatewayRoutes',
    );
    expect(report?.findings).toEqual([]);
  });

  it('makes no route call for connections that are not on a Transit Gateway', async () => {
    ec2.on(DescribeVpnConnectionsCommand).resolves({
      VpnConnections: devices.map((_, i) => ({
        VpnConnectionId: `vpn-${i}`,
        CustomerGatewayId: `cgw-${i}`,
        State: 'available',
      })),
    });
    await status();
    expect(ec2.commandCalls(DescribeTransitGatewayRouteTablesCommand)).toHaveLength(0);
    expect(ec2.commandCalls(SearchTransitGatewayRoutesCommand)).toHaveLength(0);
  });
});

describe('evaluateLearnedRoutes', () => {
  const rows: TunnelRow[] = [
    {
      site: 'northgate-depot',
      device: 'router-1',
      region: 'eu-west-2',
      connectionId: 'vpn-2',
      tunnel: '-',
      status: 'UP',
    },
    {
      site: '?',
      device: 'stray',
      region: 'eu-west-2',
      connectionId: 'vpn-9',
      tunnel: '-',
      status: 'available',
    },
  ];
  const learned = (prefix: string, connection: string, region = 'eu-west-2') => ({
    prefix,
    vpnConnectionId: connection,
    attachmentId: 'tgw-attach',
    routeTableId: 'tgw-rtb-production',
    region,
  });

  it('judges only connections matched to a configured device, in the region they were found in', () => {
    const result = evaluateLearnedRoutes(devices, rows, {
      routes: [
        learned('10.65.0.0/19', 'vpn-9'),
        learned('10.65.0.0/19', 'vpn-2', 'eu-west-1'),
        learned('10.20.4.0/24', 'vpn-2'),
      ],
      truncated: [],
    });
    expect(result.findings).toEqual([]);
    expect(result.announced).toEqual([
      {
        site: 'northgate-depot',
        device: 'router-1',
        region: 'eu-west-2',
        connectionId: 'vpn-2',
        prefix: '10.20.4.0/24',
        routeTables: ['tgw-rtb-production'],
        withinLanRanges: true,
      },
    ]);
  });

  it('treats a prefix it cannot parse as outside the lanRanges', () => {
    const result = evaluateLearnedRoutes(devices, rows, {
      routes: [learned('2001:db8::/32', 'vpn-2')],
      truncated: [],
    });
    expect(result.findings.map((f) => f.kind)).toEqual(['route-outside-lan-ranges']);
  });
});
