import { loadConfig } from '../config/load';
import { ConfigValidationError } from '../config/diagnostics';
import { ec2Client, type AwsOptions } from '../ops/aws';
import { formatAge, overallStatus, renderSummary, renderTable, EXIT_CODES } from '../ops/report';
import { collectVpnInventory } from '../ops/vpn-collect';
import { evaluateVpnStatus, plannedDevices } from '../ops/vpn-status';
import type { CommandOutput } from './validate-command';

export interface VpnStatusOptions {
  readonly config: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** The clock, for tests; defaults to now. */
  readonly now?: Date;
}

/** Loads the configuration or explains why it cannot (exit 2: the check could not run). */
export function loadOpsConfig(file: string): ReturnType<typeof loadConfig> | CommandOutput {
  try {
    return loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      return { exitCode: EXIT_CODES.failed, stdout: '', stderr: `${error.message}\n` };
    }
    throw error;
  }
}

/**
 * `lz ops vpn-status`: every configured site device's VPN connection and tunnels, compared with the
 * configuration. Exit 0 healthy, 1 degraded, 2 a query failed (what could be read is still shown).
 */
export async function runVpnStatus(options: VpnStatusOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  const now = options.now ?? new Date();
  const planned = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
  const client = ec2Client(options.aws);
  const inventory = await collectVpnInventory(client).finally(() => {
    client.destroy();
  });
  // Without the connections nothing can be said about the sites; without only the customer
  // gateways, connections are still matched by their Name tags.
  const connectionsRead = !inventory.errors.some((e) => e.action === 'ec2:DescribeVpnConnections');
  const { rows, findings } = connectionsRead
    ? evaluateVpnStatus(planned, inventory.gateways, inventory.connections)
    : { rows: [], findings: [] };
  const status = overallStatus(findings, inventory.errors);
  const exitCode = EXIT_CODES[status];
  if (options.json) {
    const report = {
      status,
      checkedAt: now.toISOString(),
      tunnels: rows,
      findings,
      errors: inventory.errors,
    };
    return { exitCode, stdout: `${JSON.stringify(report, null, 2)}\n`, stderr: '' };
  }
  const table = renderTable(
    ['Site', 'Device', 'VPN connection', 'Tunnel', 'State', 'Since change', 'Routes'],
    rows.map((r) => [
      r.site,
      r.device,
      r.connectionId,
      r.tunnel,
      r.status,
      r.sinceChange === undefined ? '-' : formatAge(r.sinceChange, now),
      r.acceptedRoutes === undefined ? '-' : String(r.acceptedRoutes),
    ]),
  );
  return { exitCode, stdout: `${table}\n${renderSummary(status, findings, inventory.errors)}`, stderr: '' };
}
