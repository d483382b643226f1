import type { LandingZoneConfig } from '../config/schema';
import { ec2Client, type AwsOptions } from './aws';
import { silentProgress, tracked, type Progress } from './progress';
import { scoped, scopeOptions, type ScopedError } from './scopes';
import { collectVpnInventory } from './vpn-collect';
import { evaluateLearnedRoutes, type AnnouncedPrefix } from './vpn-routes';
import { collectPropagatedRoutes } from './vpn-routes-collect';
import { evaluateVpnStatus, plannedDevices, type VpnEvaluation } from './vpn-status';

export interface VpnReading {
  /**
   * Every configured device against the connections of the regions that could be read, and each
   * device's learned routes against its site's lanRanges.
   */
  readonly evaluation: VpnEvaluation;
  /** Every prefix the Transit Gateway learned from a configured device, inside its lanRanges or not. */
  readonly announced: readonly AnnouncedPrefix[];
  /** The account the connections were read in (the network account's name). */
  readonly account: string;
  readonly regions: readonly string[];
  /** Regions whose connections could not be listed; their devices are shown as not read. */
  readonly unreadRegions: readonly string[];
  /** Regions whose customer gateways could not be listed: connections there cannot be matched by IP. */
  readonly unmatchedRegions: readonly string[];
  readonly errors: ScopedError[];
}

/**
 * The Transit Gateway VPN connections of the network account (role `network` in `accounts`), each
 * region read separately and at the same time, so a region that fails is reported without hiding
 * what the others hold. With a role name the account is reached through that role; without one,
 * the standard chain's credentials are used and are expected to be the network account's.
 */
export async function readNetworkVpns(
  config: LandingZoneConfig,
  base: AwsOptions,
  regions: readonly string[],
  assumeRole: string | undefined,
  progress: Progress = silentProgress,
): Promise<VpnReading> {
  const network = config.accounts.find((a) => a.role === 'network');
  const account = network?.name ?? 'network';
  const results = await Promise.all(
    regions.map((region) =>
      tracked(progress, { account, region }, async () => {
        const client = ec2Client(scopeOptions(base, { id: network?.id ?? '' }, region, assumeRole));
        try {
          const inventory = await collectVpnInventory(client);
          // What each connection announced over BGP, read where the Transit Gateway put it.
          const learned = await collectPropagatedRoutes(client, inventory.connections);
          return { region, inventory, learned };
        } finally {
          client.destroy();
        }
      }),
    ),
  );
  const failed = (action: string): string[] =>
    results.filter((r) => r.inventory.errors.some((e) => e.action === action)).map((r) => r.region);
  const unreadRegions = failed('ec2:DescribeVpnConnections');
  const unmatchedRegions = failed('ec2:DescribeCustomerGateways');
  const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
  const status = evaluateVpnStatus(
    devices,
    results.flatMap((r) => r.inventory.gateways.map((g) => ({ ...g, region: r.region }))),
    results.flatMap((r) => r.inventory.connections.map((c) => ({ ...c, region: r.region }))),
    { regions, incomplete: unreadRegions.length > 0, unmatchedRegions },
  );
  const routes = evaluateLearnedRoutes(devices, status.rows, {
    routes: results.flatMap((r) => r.learned.routes.map((route) => ({ ...route, region: r.region }))),
    truncated: results.flatMap((r) => r.learned.truncated.map((t) => ({ ...t, region: r.region }))),
  });
  const evaluation = { rows: status.rows, findings: [...status.findings, ...routes.findings] };
  const errors = results.flatMap((r) =>
    [...r.inventory.errors, ...r.learned.errors].map((e) => scoped({ account, region: r.region }, e)),
  );
  return {
    evaluation,
    announced: routes.announced,
    account,
    regions,
    unreadRegions,
    unmatchedRegions,
    errors,
  };
}
