import { runInNewContext } from 'node:vm';
import { ANNOUNCED_PREFIX_HANDLER } from '../../../lib/connectivity/announced-prefix-handler';
import { cidr, contains } from '../../../lib/ipv4';

interface Route {
  DestinationCidrBlock: string;
  TransitGatewayAttachments: { ResourceId: string; TransitGatewayAttachmentId: string }[];
}

interface Handler {
  handler: () => Promise<{ foreign: Record<string, { prefix: string }[]>; unread: string[] }>;
  within: (prefix: string, ranges: readonly string[]) => boolean;
}

const SITES = [
  {
    site: 'civic-centre-dc',
    connectionIds: ['vpn-aaa', 'vpn-bbb'],
    lanRanges: ['10.0.0.0/16', '10.1.0.0/20'],
  },
  { site: 'northgate-depot', connectionIds: ['vpn-ccc'], lanRanges: ['10.20.0.0/20'] },
];

/** Loads the inline handler as Lambda would, with the two SDK clients stubbed. */
function load(
  tables: Record<string, { routes: Route[]; truncated?: boolean }>,
  fail?: string,
): { module: Handler; metrics: unknown[]; searches: unknown[]; logs: string[] } {
  const metrics: unknown[] = [];
  const searches: unknown[] = [];
  const logs: string[] = [];
  class Command {
    constructor(readonly input: Record<string, unknown>) {}
  }
  class DescribeTransitGatewayRouteTablesCommand extends Command {}
  class SearchTransitGatewayRoutesCommand extends Command {}
  class PutMetricDataCommand extends Command {}
  const modules: Record<string, unknown> = {
    '@aws-sdk/client-ec2': {
      DescribeTransitGatewayRouteTablesCommand,
      SearchTransitGatewayRoutesCommand,
      EC2Client: class {
        send(command: Command): Promise<unknown> {
          if (command instanceof DescribeTransitGatewayRouteTablesCommand) {
            return Promise.resolve({
              TransitGatewayRouteTables: Object.keys(tables).map((id) => ({
                TransitGatewayRouteTableId: id,
              })),
            });
          }
          searches.push(command.input);
          const id = String(command.input['TransitGatewayRouteTableId']);
          if (fail === id) return Promise.reject(new Error('UnauthorizedOperation'));
          const table = tables[id];
          return Promise.resolve({
            Routes: table?.routes ?? [],
            AdditionalRoutesAvailable: table?.truncated === true,
          });
        }
      },
    },
    '@aws-sdk/client-cloudwatch': {
      PutMetricDataCommand,
      CloudWatchClient: class {
        send(command: Command): Promise<unknown> {
          metrics.push(command.input);
          return Promise.resolve({});
        }
      },
    },
  };
  const exports: Partial<Handler> = {};
  runInNewContext(ANNOUNCED_PREFIX_HANDLER, {
    require: (name: string) => modules[name],
    exports,
    process: {
      env: {
        TRANSIT_GATEWAY_ID: 'tgw-1',
        METRIC_NAMESPACE: 'kvdc/vpn-announcements',
        SITES: JSON.stringify(SITES),
      },
    },
    console: { log: (line: string) => logs.push(line), error: (line: string) => logs.push(line) },
  });
  return { module: exports as Handler, metrics, searches, logs };
}

const route = (prefix: string, connection: string): Route => ({
  DestinationCidrBlock: prefix,
  TransitGatewayAttachments: [
    { ResourceId: connection, TransitGatewayAttachmentId: `tgw-attach-${connection}` },
  ],
});

const published = (metrics: unknown[]) =>
  (metrics as { MetricData: { Dimensions: { Value: string }[]; Value: number }[] }[]).flatMap((m) =>
    m.MetricData.map((d) => [d.Dimensions[0]?.Value, d.Value]),
  );

describe('the scheduled VPN announcement check (inline handler)', () => {
  it('publishes zero for sites announcing only their lanRanges, searching only propagated VPN routes', async () => {
    const { module, metrics, searches } = load({
      'tgw-rtb-prod': {
        routes: [
          route('10.0.0.0/16', 'vpn-aaa'),
          route('10.1.4.0/24', 'vpn-bbb'),
          route('10.20.0.0/20', 'vpn-ccc'),
        ],
      },
    });
    await module.handler();
    expect(published(metrics)).toEqual([
      ['civic-centre-dc', 0],
      ['northgate-depot', 0],
    ]);
    expect(searches).toEqual([
      expect.objectContaining({
        TransitGatewayRouteTableId: 'tgw-rtb-prod',
        Filters: [
          { Name: 'type', Values: ['propagated'] },
          { Name: 'attachment.resource-type', Values: ['vpn'] },
        ],
      }),
    ]);
  });

  it('counts and logs every prefix outside the announcing site’s ranges, in every table', async () => {
    const { module, metrics, logs } = load({
      'tgw-rtb-prod': { routes: [route('0.0.0.0/0', 'vpn-ccc'), route('10.0.0.0/16', 'vpn-aaa')] },
      'tgw-rtb-nonprod': { routes: [route('0.0.0.0/0', 'vpn-ccc'), route('10.0.0.0/15', 'vpn-bbb')] },
    });
    await module.handler();
    // A default route from the depot in two tables; a /15 that covers more than the civic centre's /16.
    expect(published(metrics)).toEqual([
      ['civic-centre-dc', 1],
      ['northgate-depot', 2],
    ]);
    expect(logs.map((l) => JSON.parse(l) as { site: string; foreignPrefix: string })).toEqual([
      expect.objectContaining({
        site: 'civic-centre-dc',
        foreignPrefix: '10.0.0.0/15',
        routeTable: 'tgw-rtb-nonprod',
      }),
      expect.objectContaining({
        site: 'northgate-depot',
        foreignPrefix: '0.0.0.0/0',
        routeTable: 'tgw-rtb-prod',
      }),
      expect.objectContaining({
        site: 'northgate-depot',
        foreignPrefix: '0.0.0.0/0',
        routeTable: 'tgw-rtb-nonprod',
      }),
    ]);
  });

  it('publishes nothing when a search was cut short, so the alarms see missing data and page', async () => {
    const { module, metrics, logs } = load({
      'tgw-rtb-prod': { routes: [route('10.0.0.0/16', 'vpn-aaa')], truncated: true },
    });
    const result = await module.handler();
    expect(metrics).toEqual([]);
    expect(result.unread.sort()).toEqual(['civic-centre-dc', 'northgate-depot']);
    expect(logs.join('\n')).toContain('the route search was cut short');
  });

  it('fails the run (the errors alarm) when a read is refused, publishing nothing', async () => {
    const { module, metrics } = load({ 'tgw-rtb-prod': { routes: [] } }, 'tgw-rtb-prod');
    await expect(module.handler()).rejects.toThrow('UnauthorizedOperation');
    expect(metrics).toEqual([]);
  });

  it('decides containment exactly as lib/ipv4.ts does, on generated prefixes and ranges', () => {
    const { module } = load({});
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cidrOf = (length: number): string => {
      const value = (next(2 ** 16) * 2 ** 16 + next(2 ** 16)) >>> 0;
      const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
      const network = (value & mask) >>> 0;
      return `${[24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join('.')}/${length}`;
    };
    for (let i = 0; i < 2000; i++) {
      const range = cidrOf(next(33));
      // Half the prefixes are carved from the range, so both answers are exercised.
      const prefix =
        i % 2 === 0
          ? cidrOf(next(33))
          : range.replace(/\/\d+$/, `/${Math.min(32, Number(range.split('/')[1]) + next(8))}`);
      const expected = contains(cidr(range), cidr(prefix));
      expect({ range, prefix, within: module.within(prefix, [range]) }).toEqual({
        range,
        prefix,
        within: expected,
      });
    }
  });
});
