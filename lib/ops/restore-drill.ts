import {
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  paginateListRecoveryPointsByBackupVault,
  StartRestoreJobCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  RevokeSecurityGroupEgressCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateDBSubnetGroupCommand,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { attempt, classifyError, type OperationError } from './errors';
import { DRILL_TAG, type DrillPlan, type DrillTarget } from './restore-drill-plan';

/** Everything the drill touches, injected so tests run it against mocks with a fake clock. */
export interface DrillDeps {
  readonly backup: BackupClient;
  readonly rds: RDSClient;
  readonly ec2: EC2Client;
  /** Waits `ms`, or less when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A TCP connection attempt with a time limit. */
  readonly connect: (
    host: string,
    port: number,
    timeoutMs: number,
  ) => Promise<{ ok: boolean; error?: string }>;
  readonly now: () => Date;
  /** One line of progress for the person watching. */
  readonly progress: (line: string) => void;
}

export interface DrillLimits {
  /** Longest wait for the restored instance to be available. */
  readonly timeoutMs: number;
  /** Longest wait for the deletions at the end (the instance must be gone before its subnet group). */
  readonly cleanupTimeoutMs: number;
  /** First poll interval; it doubles up to maxPollMs. */
  readonly pollMs: number;
  readonly maxPollMs: number;
  readonly connectTimeoutMs: number;
}

export const DEFAULT_LIMITS: Omit<DrillLimits, 'timeoutMs'> = {
  cleanupTimeoutMs: 45 * 60_000,
  pollMs: 10_000,
  maxPollMs: 60_000,
  connectTimeoutMs: 10_000,
};

export interface CleanupResult {
  readonly resource: string;
  readonly id: string;
  readonly deleted: boolean;
  readonly error?: string;
  /** How to remove it by hand when the drill could not. */
  readonly manual?: string;
}

export interface DrillOutcome {
  readonly plan: DrillPlan;
  readonly restoreJobId?: string;
  readonly startedAt?: string;
  readonly availableAt?: string;
  readonly restoreMinutes?: number;
  readonly withinRto?: boolean;
  readonly endpoint?: { readonly host: string; readonly port: number };
  readonly connectivity?: { readonly ok: boolean; readonly error?: string };
  /** Why the drill stopped early: an interruption, a timeout, a failed restore or a failed call. */
  readonly stopped?: string;
  readonly cleanup: readonly CleanupResult[];
}

export class DrillStopped extends Error {}

const USABLE = new Set(['COMPLETED', 'AVAILABLE']);

/**
 * Reads what a drill needs, without changing anything: the source instance (its VPC, isolated
 * subnets, port, ARN) and the newest completed snapshot recovery point of it in its account's vault.
 */
export async function prepareDrill(
  target: DrillTarget,
  deps: Pick<DrillDeps, 'backup' | 'rds'>,
  extra: { drillId: string; restoreRoleArn: string; runnerSecurityGroup?: string },
): Promise<{ plan?: DrillPlan; errors: OperationError[]; problem?: string }> {
  const source = await attempt('rds:DescribeDBInstances', () =>
    deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: target.identifier })),
  );
  if (!source.ok) {
    if (/DBInstanceNotFound/.test(source.error.message)) {
      return { errors: [], problem: `${target.identifier} does not exist in this account and region` };
    }
    return { errors: [source.error] };
  }
  const db = source.value.DBInstances?.[0];
  const vpcId = db?.DBSubnetGroup?.VpcId;
  const subnetIds = (db?.DBSubnetGroup?.Subnets ?? []).flatMap((s) =>
    s.SubnetIdentifier === undefined ? [] : [s.SubnetIdentifier],
  );
  if (db?.DBInstanceArn === undefined || vpcId === undefined || subnetIds.length === 0) {
    return { errors: [], problem: `${target.identifier} reports no ARN, VPC or subnets to restore beside` };
  }
  const arn = db.DBInstanceArn;
  const points = await attempt('backup:ListRecoveryPointsByBackupVault', async () => {
    let newest: { arn: string; at: Date } | undefined;
    for await (const page of paginateListRecoveryPointsByBackupVault(
      { client: deps.backup },
      { BackupVaultName: target.vaultName, ByResourceArn: arn },
    )) {
      for (const p of page.RecoveryPoints ?? []) {
        const at = p.CompletionDate ?? p.CreationDate;
        // Continuous recovery points restore to a point in time, not as a snapshot: not drilled here.
        if (p.RecoveryPointArn === undefined || p.RecoveryPointArn.includes(':continuous:')) continue;
        if (!USABLE.has(p.Status ?? '') || at === undefined) continue;
        if (newest === undefined || at > newest.at) newest = { arn: p.RecoveryPointArn, at };
      }
    }
    return newest;
  });
  if (!points.ok) return { errors: [points.error] };
  if (points.value === undefined) {
    return {
      errors: [],
      problem: `no completed snapshot recovery point of ${target.identifier} in ${target.vaultName}`,
    };
  }
  return {
    errors: [],
    plan: {
      database: `${target.workload}/${target.name}`,
      sourceIdentifier: target.identifier,
      recoveryPointArn: points.value.arn,
      recoveryPointTime: points.value.at.toISOString(),
      vaultName: target.vaultName,
      drillId: extra.drillId,
      vpcId,
      subnetIds,
      port: db.Endpoint?.Port ?? db.DbInstancePort ?? 0,
      ...(extra.runnerSecurityGroup === undefined ? {} : { runnerSecurityGroup: extra.runnerSecurityGroup }),
      restoreRoleArn: extra.restoreRoleArn,
      rtoMinutes: target.rtoMinutes,
    },
  };
}

/** Overrides keys of the recovery point's own restore metadata; AWS Backup reads keys case-insensitively. */
export function restoreMetadata(
  base: Record<string, string>,
  plan: DrillPlan,
  securityGroupId: string,
): Record<string, string> {
  const overrides: Record<string, string> = {
    DBInstanceIdentifier: plan.drillId,
    DBSubnetGroupName: plan.drillId,
    VpcSecurityGroupIds: JSON.stringify([securityGroupId]),
    MultiAZ: 'false',
    PubliclyAccessible: 'false',
    DeletionProtection: 'false',
  };
  const lower = new Set(Object.keys(overrides).map((k) => k.toLowerCase()));
  const kept = Object.entries(base).filter(([k]) => !lower.has(k.toLowerCase()));
  return { ...Object.fromEntries(kept), ...overrides };
}

type Created =
  | { readonly kind: 'security-group'; readonly id: string }
  | { readonly kind: 'db-subnet-group'; readonly id: string }
  | { readonly kind: 'db-instance'; readonly id: string; readonly restoreJobId: string };

function stopIfAborted(signal: AbortSignal, why: string): void {
  if (signal.aborted) throw new DrillStopped(`interrupted ${why}`);
}

async function send<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new DrillStopped(classifyError(action, error).message);
  }
}

/** Polls with doubling intervals until `done` returns a value, the deadline passes or the signal aborts. */
async function poll<T>(
  deps: DrillDeps,
  limits: DrillLimits,
  deadline: number,
  signal: AbortSignal | undefined,
  step: (elapsedMs: number) => Promise<T | undefined>,
): Promise<T | undefined> {
  const start = deps.now().getTime();
  let wait = limits.pollMs;
  for (;;) {
    const value = await step(deps.now().getTime() - start);
    if (value !== undefined) return value;
    if (signal?.aborted === true || deps.now().getTime() + wait > deadline) return undefined;
    await deps.sleep(wait, signal);
    wait = Math.min(wait * 2, limits.maxPollMs);
  }
}

function minutes(ms: number): string {
  return `${Math.floor(ms / 60000)}m ${Math.floor((ms % 60000) / 1000)}s`;
}

/**
 * Runs the drill: creates an isolated security group and DB subnet group, restores the recovery point
 * into them, waits (polling with backoff, bounded by `timeoutMs`), checks TCP connectivity, and in
 * every case (success, failure, interruption through `signal`) deletes what it created, in reverse
 * order. `cleanupSignal` cuts the clean-up short (a second interrupt); what is left is then listed.
 */
export async function executeDrill(
  plan: DrillPlan,
  deps: DrillDeps,
  limits: DrillLimits,
  signal: AbortSignal,
  cleanupSignal?: AbortSignal,
): Promise<DrillOutcome> {
  const created: Created[] = [];
  const tags = [{ Key: DRILL_TAG, Value: plan.drillId }];
  let outcome: Omit<DrillOutcome, 'cleanup'> = { plan };
  try {
    stopIfAborted(signal, 'before anything was created');
    const sg = await send('ec2:CreateSecurityGroup', () =>
      deps.ec2.send(
        new CreateSecurityGroupCommand({
          GroupName: plan.drillId,
          Description: `Restore drill ${plan.drillId}: isolated, deleted when the drill ends`,
          VpcId: plan.vpcId,
          TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }],
        }),
      ),
    );
    const groupId = sg.GroupId ?? '';
    created.push({ kind: 'security-group', id: groupId });
    deps.progress(`created security group ${groupId}`);
    // A new group allows all egress; the restored copy must not reach anything.
    await send('ec2:RevokeSecurityGroupEgress', () =>
      deps.ec2.send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
    );
    if (plan.runnerSecurityGroup !== undefined) {
      const runner = plan.runnerSecurityGroup;
      await send('ec2:AuthorizeSecurityGroupIngress', () =>
        deps.ec2.send(
          new AuthorizeSecurityGroupIngressCommand({
            GroupId: groupId,
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: plan.port,
                ToPort: plan.port,
                UserIdGroupPairs: [{ GroupId: runner }],
              },
            ],
          }),
        ),
      );
    }
    stopIfAborted(signal, 'after the security group was created');
    await send('rds:CreateDBSubnetGroup', () =>
      deps.rds.send(
        new CreateDBSubnetGroupCommand({
          DBSubnetGroupName: plan.drillId,
          DBSubnetGroupDescription: `Restore drill ${plan.drillId}: the source database's isolated subnets`,
          SubnetIds: [...plan.subnetIds],
          Tags: tags,
        }),
      ),
    );
    created.push({ kind: 'db-subnet-group', id: plan.drillId });
    deps.progress(`created DB subnet group ${plan.drillId}`);
    stopIfAborted(signal, 'after the DB subnet group was created');
    const meta = await send('backup:GetRecoveryPointRestoreMetadata', () =>
      deps.backup.send(
        new GetRecoveryPointRestoreMetadataCommand({
          BackupVaultName: plan.vaultName,
          RecoveryPointArn: plan.recoveryPointArn,
        }),
      ),
    );
    const started = deps.now();
    const job = await send('backup:StartRestoreJob', () =>
      deps.backup.send(
        new StartRestoreJobCommand({
          RecoveryPointArn: plan.recoveryPointArn,
          IamRoleArn: plan.restoreRoleArn,
          ResourceType: 'RDS',
          IdempotencyToken: plan.drillId,
          Metadata: restoreMetadata(meta.RestoreMetadata ?? {}, plan, groupId),
        }),
      ),
    );
    const jobId = job.RestoreJobId ?? '';
    created.push({ kind: 'db-instance', id: plan.drillId, restoreJobId: jobId });
    outcome = { ...outcome, restoreJobId: jobId, startedAt: started.toISOString() };
    deps.progress(`started restore job ${jobId}`);

    const deadline = started.getTime() + limits.timeoutMs;
    const status = await poll(deps, limits, deadline, signal, async (elapsed) => {
      const j = await send('backup:DescribeRestoreJob', () =>
        deps.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId })),
      );
      const pct = j.PercentDone === undefined ? '' : `, ${j.PercentDone} done`;
      deps.progress(`restore job ${jobId}: ${j.Status ?? 'unknown'}${pct} after ${minutes(elapsed)}`);
      if (j.Status === 'COMPLETED' || j.Status === 'FAILED' || j.Status === 'ABORTED') return j;
      return undefined;
    });
    stopIfAborted(signal, 'while the restore job ran');
    if (status === undefined)
      throw new DrillStopped(`the restore did not finish within ${minutes(limits.timeoutMs)} (--timeout)`);
    if (status.Status !== 'COMPLETED') {
      throw new DrillStopped(
        `restore job ${jobId} ${status.Status ?? ''}: ${status.StatusMessage ?? 'no reason given'}`,
      );
    }
    const instance = await poll(deps, limits, deadline, signal, async () => {
      const d = await send('rds:DescribeDBInstances', () =>
        deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: plan.drillId })),
      );
      const i = d.DBInstances?.[0];
      deps.progress(`restored instance ${plan.drillId}: ${i?.DBInstanceStatus ?? 'unknown'}`);
      return i?.DBInstanceStatus === 'available' ? i : undefined;
    });
    stopIfAborted(signal, 'while waiting for the restored instance');
    if (instance === undefined)
      throw new DrillStopped(`${plan.drillId} was not available within the --timeout`);
    const available = deps.now();
    const restoreMinutes = Math.round((available.getTime() - started.getTime()) / 600) / 100;
    const host = instance.Endpoint?.Address ?? '';
    const port = instance.Endpoint?.Port ?? plan.port;
    outcome = {
      ...outcome,
      availableAt: available.toISOString(),
      restoreMinutes,
      withinRto: restoreMinutes <= plan.rtoMinutes,
      endpoint: { host, port },
    };
    deps.progress(
      `available after ${restoreMinutes} minutes (RTO ${plan.rtoMinutes}); connecting to ${host}:${port}`,
    );
    const connectivity = await deps.connect(host, port, limits.connectTimeoutMs);
    outcome = { ...outcome, connectivity };
  } catch (error) {
    const why = error instanceof DrillStopped ? error.message : String(error);
    outcome = { ...outcome, stopped: why };
    deps.progress(`stopped: ${why}`);
  }
  const cleanup = await cleanUp(created, deps, limits, cleanupSignal);
  return { ...outcome, cleanup };
}

const DELETABLE = new Set([
  'available',
  'failed',
  'storage-full',
  'incompatible-restore',
  'incompatible-parameters',
  'stopped',
]);

function isNotFound(error: unknown, names: RegExp): boolean {
  return typeof error === 'object' && error !== null && names.test((error as { name?: string }).name ?? '');
}

async function deleteInstance(
  item: Extract<Created, { kind: 'db-instance' }>,
  deps: DrillDeps,
  limits: DrillLimits,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<CleanupResult> {
  const manual = `aws rds delete-db-instance --db-instance-identifier ${item.id} --skip-final-snapshot --delete-automated-backups`;
  // The restore job may still be creating the instance (after an interrupt): wait until it can be deleted.
  const state = await poll(deps, limits, deadline, signal, async () => {
    try {
      const d = await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: item.id }));
      const status = d.DBInstances?.[0]?.DBInstanceStatus ?? '';
      if (DELETABLE.has(status) || status === 'deleting') return status;
      deps.progress(`clean-up: ${item.id} is ${status}; waiting to delete it`);
      return undefined;
    } catch (error) {
      if (!isNotFound(error, /DBInstanceNotFound/)) throw error;
      const job = await deps.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: item.restoreJobId }));
      // No instance and a finished job: nothing was (or will be) created.
      if (job.Status === 'FAILED' || job.Status === 'ABORTED' || job.Status === 'COMPLETED') return 'gone';
      deps.progress(
        `clean-up: restore job ${item.restoreJobId} is ${job.Status ?? 'unknown'}; waiting for its instance`,
      );
      return undefined;
    }
  }).catch((error: unknown) => classifyError('rds:DescribeDBInstances', error).message);
  if (state === undefined)
    return { resource: 'db-instance', id: item.id, deleted: false, error: 'clean-up time ran out', manual };
  if (state === 'gone') return { resource: 'db-instance', id: item.id, deleted: true };
  if (!DELETABLE.has(state) && state !== 'deleting')
    return { resource: 'db-instance', id: item.id, deleted: false, error: state, manual };
  if (state !== 'deleting') {
    try {
      await deps.rds.send(
        new DeleteDBInstanceCommand({
          DBInstanceIdentifier: item.id,
          SkipFinalSnapshot: true,
          DeleteAutomatedBackups: true,
        }),
      );
      deps.progress(`clean-up: deleting ${item.id}`);
    } catch (error) {
      if (!isNotFound(error, /DBInstanceNotFound/)) {
        return {
          resource: 'db-instance',
          id: item.id,
          deleted: false,
          error: classifyError('rds:DeleteDBInstance', error).message,
          manual,
        };
      }
    }
  }
  // The subnet group and security group stay in use until the instance is gone.
  const gone = await poll(deps, limits, deadline, signal, async () => {
    try {
      await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: item.id }));
      return undefined;
    } catch (error) {
      if (isNotFound(error, /DBInstanceNotFound/)) return true;
      throw error;
    }
  }).catch(() => undefined);
  return gone === true
    ? { resource: 'db-instance', id: item.id, deleted: true }
    : {
        resource: 'db-instance',
        id: item.id,
        deleted: false,
        error: 'still deleting when clean-up time ran out',
        manual,
      };
}

async function cleanUp(
  created: readonly Created[],
  deps: DrillDeps,
  limits: DrillLimits,
  signal: AbortSignal | undefined,
): Promise<CleanupResult[]> {
  const deadline = deps.now().getTime() + limits.cleanupTimeoutMs;
  const results: CleanupResult[] = [];
  for (const item of [...created].reverse()) {
    if (item.kind === 'db-instance') {
      results.push(await deleteInstance(item, deps, limits, deadline, signal));
      continue;
    }
    const [action, manual, run, absent] =
      item.kind === 'db-subnet-group'
        ? ([
            'rds:DeleteDBSubnetGroup',
            `aws rds delete-db-subnet-group --db-subnet-group-name ${item.id}`,
            () => deps.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: item.id })),
            /DBSubnetGroupNotFound/,
          ] as const)
        : ([
            'ec2:DeleteSecurityGroup',
            `aws ec2 delete-security-group --group-id ${item.id}`,
            () => deps.ec2.send(new DeleteSecurityGroupCommand({ GroupId: item.id })),
            /InvalidGroup\.NotFound/,
          ] as const);
    // In-use errors clear once the deleted instance's network interfaces are released: retry until the deadline.
    let last = '';
    const done = await poll(deps, limits, deadline, signal, async () => {
      try {
        await run();
        return true;
      } catch (error) {
        if (isNotFound(error, absent)) return true;
        last = classifyError(action, error).message;
        return undefined;
      }
    });
    results.push(
      done === true
        ? { resource: item.kind, id: item.id, deleted: true }
        : {
            resource: item.kind,
            id: item.id,
            deleted: false,
            error: last || 'clean-up time ran out',
            manual,
          },
    );
    deps.progress(`clean-up: ${item.kind} ${item.id} ${done === true ? 'deleted' : 'NOT deleted'}`);
  }
  return results;
}
