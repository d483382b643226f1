/*
 * The scheduled function behind AnnouncedPrefixCheck, as the inline source Lambda runs (Node.js,
 * CommonJS, the AWS SDK v3 the runtime provides). Every run it reads the routes each site's VPN
 * attachment propagated into the Transit Gateway's route tables and publishes, per site, how many
 * of them lie outside the site's declared lanRanges (metric ForeignPrefixes): the check
 * `lz ops vpn-status` makes on demand, made continuously so the rota hears of a router that
 * attracts traffic within minutes rather than at the next manual run.
 *
 * It publishes nothing for a site it could not read in full (a search AWS cut short, an API
 * error): the alarms treat a missing value as breaching, so a checker that stops working pages
 * like a foreign prefix does. Each foreign prefix is logged as one JSON line for the runbook.
 *
 * Plain text rather than a compiled function, so the template is the same whatever compiles the
 * TypeScript; test/lib/connectivity/announced-prefix-handler.test.ts runs it against a stubbed SDK
 * and checks its containment test against lib/ipv4.ts on generated prefixes.
 */
export const ANNOUNCED_PREFIX_HANDLER = `'use strict';
const {
  EC2Client,
  DescribeTransitGatewayRouteTablesCommand,
  SearchTransitGatewayRoutesCommand,
} = require('@aws-sdk/client-ec2');
const { CloudWatchClient, PutMetricDataCommand } = require('@aws-sdk/client-cloudwatch');

const ec2 = new EC2Client({});
const cloudwatch = new CloudWatchClient({});

function parse(cidr) {
  const [address, bits] = cidr.split('/');
  const octets = address.split('.').map(Number);
  const value = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const length = Number(bits);
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return { network: (value & mask) >>> 0, length, mask };
}

/** Whether every address of prefix lies inside one of the ranges. */
function within(prefix, ranges) {
  const p = parse(prefix);
  return ranges.some((range) => {
    const r = parse(range);
    return p.length >= r.length && ((p.network & r.mask) >>> 0) === r.network;
  });
}

async function all(command, input, key) {
  const items = [];
  let token;
  do {
    const page = await ec2.send(new command({ ...input, NextToken: token }));
    items.push(...(page[key] || []));
    token = page.NextToken;
  } while (token);
  return items;
}

async function foreignPrefixes(transitGatewayId, sites) {
  const tgw = [{ Name: 'transit-gateway-id', Values: [transitGatewayId] }];
  // A propagated route names the attachment's resource: the VPN connection, hence the site.
  const siteOfConnection = {};
  for (const site of sites) for (const id of site.connectionIds) siteOfConnection[id] = site;
  const tables = await all(DescribeTransitGatewayRouteTablesCommand, { Filters: tgw }, 'TransitGatewayRouteTables');
  const foreign = Object.fromEntries(sites.map((s) => [s.site, []]));
  const unread = new Set();
  for (const table of tables) {
    const page = await ec2.send(
      new SearchTransitGatewayRoutesCommand({
        TransitGatewayRouteTableId: table.TransitGatewayRouteTableId,
        Filters: [
          { Name: 'type', Values: ['propagated'] },
          { Name: 'attachment.resource-type', Values: ['vpn'] },
        ],
        MaxResults: 1000,
      }),
    );
    const routes = page.Routes || [];
    for (const route of routes) {
      for (const attachment of route.TransitGatewayAttachments || []) {
        const site = siteOfConnection[attachment.ResourceId];
        if (!site) continue;
        if (route.DestinationCidrBlock && !within(route.DestinationCidrBlock, site.lanRanges)) {
          foreign[site.site].push({ prefix: route.DestinationCidrBlock, routeTable: table.TransitGatewayRouteTableId });
        }
      }
    }
    // A table whose routes were cut short may hide any site's announcements.
    if (page.AdditionalRoutesAvailable) for (const s of sites) unread.add(s.site);
  }
  return { foreign, unread };
}

exports.within = within;

exports.handler = async () => {
  const transitGatewayId = process.env.TRANSIT_GATEWAY_ID;
  const sites = JSON.parse(process.env.SITES);
  const { foreign, unread } = await foreignPrefixes(transitGatewayId, sites);
  const data = [];
  for (const site of sites) {
    for (const f of foreign[site.site]) {
      console.log(JSON.stringify({ site: site.site, foreignPrefix: f.prefix, routeTable: f.routeTable, lanRanges: site.lanRanges }));
    }
    if (unread.has(site.site)) {
      console.error(JSON.stringify({ site: site.site, unread: 'the route search was cut short; nothing published' }));
      continue;
    }
    data.push({ MetricName: 'ForeignPrefixes', Dimensions: [{ Name: 'Site', Value: site.site }], Value: foreign[site.site].length, Unit: 'Count' });
  }
  if (data.length > 0) {
    await cloudwatch.send(new PutMetricDataCommand({ Namespace: process.env.METRIC_NAMESPACE, MetricData: data }));
  }
  return { foreign, unread: [...unread] };
};
`;
