import { DMS_QUOTAS } from '../dms-plan';
import { isCutOver } from '../resolve';
import type { WaveRule } from './rule';

/** Endpoints a DMS replication instance in an isolated subnet needs: it reads both endpoints' credentials from Secrets Manager. */
export const DMS_ENDPOINTS = ['secretsmanager'] as const;

/**
 * How each database with target rds moves, checked before synth: a method the engine and edition
 * allow (DMS where it can capture changes, else the engine's native method), a known source server,
 * and, for the DMS groups (lib/waves/dms-plan.ts), the VPC endpoints the replication instance
 * needs and DMS's quotas per account and region and per replication instance.
 */
export const databaseMigration: WaveRule = (plan, report) => {
  for (const w of plan.workloads) {
    if (!w.target.builds || isCutOver(w.value)) {
      continue;
    }
    for (const { index, migration } of w.target.rdsDatabases) {
      for (const problem of migration.problems) {
        report(w.at('databases', index, ...problem.path), problem.message);
      }
    }
  }

  const byAccount = new Map<string, typeof plan.dms>();
  for (const group of plan.dms) {
    byAccount.set(group.account.name, [...(byAccount.get(group.account.name) ?? []), group]);
    const first = group.tasks[0];
    const placed = first ? plan.byId.get(first.workload.id) : undefined;
    if (!first || !placed) {
      continue;
    }
    const at = placed.at('databases', first.database.index, 'migration');
    const missing = DMS_ENDPOINTS.filter((e) => !group.vpc.endpoints.includes(e));
    if (missing.length > 0) {
      report(
        at,
        `VPC ${group.vpc.name} has no ${missing.join(', ')} endpoint: the ${group.wave.id} DMS replication instance in its isolated tier reads the endpoint credentials from Secrets Manager (add it to its endpoints in config/landing-zone.yaml)`,
      );
    }
    const perInstance = Math.min(
      DMS_QUOTAS.tasksPerInstance,
      Math.floor(DMS_QUOTAS.endpointsPerInstance / 2),
    );
    if (group.tasks.length > perInstance) {
      report(
        at,
        `${group.wave.id} moves ${group.tasks.length} databases by DMS into account ${group.account.name}; one replication instance takes at most ${perInstance} (two endpoints each, ${DMS_QUOTAS.endpointsPerInstance} endpoints per instance): split the wave`,
      );
    }
  }
  for (const [account, groups] of byAccount) {
    const tasks = groups.reduce((n, g) => n + g.tasks.length, 0);
    const problems = [
      groups.length > DMS_QUOTAS.replicationInstances
        ? `${groups.length} replication instances and subnet groups (quota ${DMS_QUOTAS.replicationInstances})`
        : '',
      tasks > DMS_QUOTAS.tasks ? `${tasks} tasks (quota ${DMS_QUOTAS.tasks})` : '',
      tasks * 2 > DMS_QUOTAS.endpoints ? `${tasks * 2} endpoints (quota ${DMS_QUOTAS.endpoints})` : '',
    ].filter(Boolean);
    const first = groups[0]?.tasks[0];
    const placed = first ? plan.byId.get(first.workload.id) : undefined;
    if (problems.length > 0 && placed && first) {
      report(
        placed.at('databases', first.database.index, 'migration'),
        `DMS in account ${account} would need ${problems.join(', ')} at once, above the default quotas per account and region: move databases to later waves or raise the quotas first`,
      );
    }
  }
};
