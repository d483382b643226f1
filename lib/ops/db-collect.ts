import {
  paginateDescribeDBInstances,
  paginateDescribePendingMaintenanceActions,
  type DBInstance,
  type RDSClient,
  type ResourcePendingMaintenanceActions,
} from '@aws-sdk/client-rds';
import { attempt, type OperationError } from './errors';
import { answered } from './http';
import type { LiveDatabase } from './db-health';

async function allInstances(client: RDSClient): Promise<DBInstance[]> {
  const out: DBInstance[] = [];
  for await (const page of paginateDescribeDBInstances({ client }, {})) {
    out.push(...(answered(page, 'DBInstances').DBInstances ?? []));
  }
  return out;
}

async function allPending(client: RDSClient): Promise<ResourcePendingMaintenanceActions[]> {
  const out: ResourcePendingMaintenanceActions[] = [];
  for await (const page of paginateDescribePendingMaintenanceActions({ client }, {})) {
    out.push(...(answered(page, 'PendingMaintenanceActions').PendingMaintenanceActions ?? []));
  }
  return out;
}

function describeAction(a: { Action?: string; AutoAppliedAfterDate?: Date; ForcedApplyDate?: Date }): string {
  const when = a.ForcedApplyDate ?? a.AutoAppliedAfterDate;
  const suffix = when === undefined ? '' : ` (applied after ${when.toISOString().slice(0, 10)})`;
  return `${a.Action ?? 'unknown'}${suffix}`;
}

/**
 * Reads every DB instance and every pending maintenance action, each through the SDK paginator.
 * If the maintenance call fails the instances are still reported, and the reverse.
 */
export async function collectDatabases(
  client: RDSClient,
): Promise<{ databases: LiveDatabase[]; errors: OperationError[] }> {
  const [instances, pending] = await Promise.all([
    attempt('rds:DescribeDBInstances', () => allInstances(client)),
    attempt('rds:DescribePendingMaintenanceActions', () => allPending(client)),
  ]);
  const errors: OperationError[] = [];
  if (!instances.ok) errors.push(instances.error);
  if (!pending.ok) errors.push(pending.error);
  const actions = new Map<string, string[]>();
  for (const resource of pending.ok ? pending.value : []) {
    if (resource.ResourceIdentifier === undefined) continue;
    actions.set(
      resource.ResourceIdentifier,
      (resource.PendingMaintenanceActionDetails ?? []).map(describeAction),
    );
  }
  const databases: LiveDatabase[] = [];
  for (const i of instances.ok ? instances.value : []) {
    if (i.DBInstanceIdentifier === undefined) continue;
    databases.push({
      identifier: i.DBInstanceIdentifier,
      ...(i.DBInstanceArn === undefined ? {} : { arn: i.DBInstanceArn }),
      ...(i.DBInstanceStatus === undefined ? {} : { status: i.DBInstanceStatus }),
      ...(i.Engine === undefined ? {} : { engine: i.Engine }),
      ...(i.EngineVersion === undefined ? {} : { engineVersion: i.EngineVersion }),
      ...(i.MultiAZ === undefined ? {} : { multiAz: i.MultiAZ }),
      ...(i.StorageEncrypted === undefined ? {} : { storageEncrypted: i.StorageEncrypted }),
      ...(i.DeletionProtection === undefined ? {} : { deletionProtection: i.DeletionProtection }),
      ...(i.BackupRetentionPeriod === undefined ? {} : { backupRetentionDays: i.BackupRetentionPeriod }),
      ...(i.LatestRestorableTime === undefined ? {} : { latestRestorableTime: i.LatestRestorableTime }),
      pendingMaintenance: i.DBInstanceArn === undefined ? [] : (actions.get(i.DBInstanceArn) ?? []),
    });
  }
  return { databases, errors };
}
