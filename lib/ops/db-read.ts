import type { LandingZoneConfig } from '../config/schema';
import { rdsClient, type AwsOptions } from './aws';
import { silentProgress, tracked, type Progress } from './progress';
import { collectDatabases } from './db-collect';
import { evaluateDbHealth, type DatabaseRow, type PlannedDatabase, type SupportCheck } from './db-health';
import type { Finding } from './report';
import { scoped, scopeOptions, type ScopedError } from './scopes';

/**
 * A planned database as found in its account and region. `exists` is absent when the account's
 * instances could not be listed: nothing is known about the database, which is not the same as missing.
 */
export type ScopedDatabaseRow = Omit<DatabaseRow, 'exists'> & {
  readonly account: string;
  readonly region: string;
  readonly exists?: boolean;
  /** False when the pending maintenance actions of its account could not be read. */
  readonly maintenanceRead: boolean;
};

export interface DatabaseReading {
  /** One row per planned database, in the planned order. */
  readonly rows: ScopedDatabaseRow[];
  /** The db-health findings of the databases that could be read, in the planned order. */
  readonly findings: Finding[];
  /** Identifiers of the databases whose account could not be read. */
  readonly unread: Set<string>;
  /** Identifiers of the databases whose pending maintenance could not be read. */
  readonly maintenanceUnread: Set<string>;
  readonly errors: ScopedError[];
}

/**
 * Each account that holds some of these databases, read at the same time in the given region (the
 * planned databases all live in the home region) and evaluated as db-health does. With a role name
 * every account is reached through that role; without one, the standard chain's credentials. An
 * account whose instances cannot be listed leaves its databases unread and the others evaluated.
 */
export async function readPlannedDatabases(
  config: LandingZoneConfig,
  databases: readonly PlannedDatabase[],
  base: AwsOptions,
  region: string,
  assumeRole: string | undefined,
  now: Date,
  progress: Progress = silentProgress,
  /** Judge the running engine versions against the end-of-support table. @default - not judged */
  support?: SupportCheck,
): Promise<DatabaseReading> {
  const accounts = [...new Set(databases.map((d) => d.account))];
  const results = await Promise.all(
    accounts.map((account) =>
      tracked(progress, { account, region }, async () => {
        const planned = databases.filter((d) => d.account === account);
        const id = config.accounts.find((a) => a.name === account)?.id ?? '';
        const client = rdsClient(scopeOptions(base, { id }, region, assumeRole));
        const live = await collectDatabases(client).finally(() => {
          client.destroy();
        });
        const errors = live.errors.map((e) => scoped({ account, region }, e));
        const maintenanceRead = !live.errors.some(
          (e) => e.action === 'rds:DescribePendingMaintenanceActions',
        );
        // Without the instance list nothing can be said about the databases; without only the
        // maintenance list, everything else is still checked and the maintenance shown as not read.
        if (live.errors.some((e) => e.action === 'rds:DescribeDBInstances')) {
          return { account, planned, read: undefined, maintenanceRead, errors };
        }
        return {
          account,
          planned,
          read: evaluateDbHealth(planned, live.databases, now, support),
          maintenanceRead,
          errors,
        };
      }),
    ),
  );
  const byIdentifier = new Map<string, ScopedDatabaseRow>();
  const unread = new Set<string>();
  const maintenanceUnread = new Set<string>();
  for (const r of results) {
    if (!r.maintenanceRead) for (const p of r.planned) maintenanceUnread.add(p.identifier);
    if (r.read === undefined) {
      for (const p of r.planned) {
        unread.add(p.identifier);
        byIdentifier.set(p.identifier, {
          workload: p.workload,
          name: p.name,
          identifier: p.identifier,
          account: r.account,
          region,
          rpoMinutes: p.rpoMinutes,
          pendingMaintenance: [],
          maintenanceRead: r.maintenanceRead,
        });
      }
      continue;
    }
    for (const row of r.read.rows) {
      byIdentifier.set(row.identifier, {
        ...row,
        account: r.account,
        region,
        maintenanceRead: r.maintenanceRead,
      });
    }
  }
  const order = new Map(databases.map((d, i) => [d.identifier, i]));
  const position = (f: Finding): number => order.get(f.subject) ?? databases.length;
  return {
    rows: databases.flatMap((d) => {
      const row = byIdentifier.get(d.identifier);
      return row === undefined ? [] : [row];
    }),
    // Array.prototype.sort is stable, so each database's findings keep their order.
    findings: results.flatMap((r) => r.read?.findings ?? []).sort((a, b) => position(a) - position(b)),
    unread,
    maintenanceUnread,
    errors: results.flatMap((r) => r.errors),
  };
}
