import {
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  paginateListRecoveryPointsByBackupVault,
  paginateListRestoreJobs,
  StartRestoreJobCommand,
  type BackupClient,
} from '@aws-sdk/client-backup';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
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
import { attempt, classifyError, isNotFound, type OperationError } from './errors';
import { DRILL_TAG, type DrillPlan, type DrillTarget } from './restore-drill-plan';

/** The phases of a drill; each may stop on its own signal (see the command). */
export type DrillPhase = 'setup' | 'wait' | 'cleanup';

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
  /**
   * Called with every resource the drill has asked AWS to create, before each request and after each
   * answer, so the evidence record on disk lists it even if the process is killed.
   */
  readonly journal?: (resources: readonly DrillResource[]) => void;
  /** Called as the drill enters a phase, so the caller can switch the signal its calls stop on. */
  readonly phase?: (phase: DrillPhase) => void;
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

/** A resource the drill asked AWS to create. Its name is known before the request is sent. */
export interface DrillResource {
  readonly kind: 'security-group' | 'db-subnet-group' | 'db-instance';
  /** The drill id: the security group's and subnet group's name, the restored instance's identifier. */
  readonly name: string;
  /** The security group's id, once AWS has answered. */
  readonly id?: string;
  /** The restore job creating the instance, once AWS has answered. */
  readonly restoreJobId?: string;
  /** requested: asked, no answer (yet), so it may or may not exist; created: AWS confirmed it. */
  readonly state: 'requested' | 'created';
  readonly requestedAt: string;
  /** How to remove it by hand, should the drill not. */
  readonly manual: string;
}

export interface CleanupResult {
  readonly resource: DrillResource['kind'];
  readonly id: string;
  /** True when nothing of it is left: deleted, or found never to have been created (see note). */
  readonly deleted: boolean;
  readonly note?: string;
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
  /** Everything the drill asked AWS to create, in order. */
  readonly resources: readonly DrillResource[];
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
  extra: { drillId: string; restoreRoleArn: string; runnerSecurityGroup?: string; region?: string },
): Promise<{ plan?: DrillPlan; errors: OperationError[]; problem?: string }> {
  const source = await attempt('rds:DescribeDBInstances', () =>
    deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: target.identifier })),
  );
  if (!source.ok) {
    // RDS's own DBInstanceNotFound (HTTP 404 with an AWS error) is an answer: the database is not there.
    if (source.error.kind === 'not-found') {
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
      ...(extra.region === undefined ? {} : { region: extra.region }),
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

/** The command that removes a drill resource by hand, whether or not its id is known. */
export function removalCommand(
  kind: DrillResource['kind'],
  name: string,
  plan: Pick<DrillPlan, 'vpcId' | 'region'>,
  id?: string,
): string {
  const region = plan.region === undefined ? '' : ` --region ${plan.region}`;
  switch (kind) {
    case 'db-instance':
      return `aws rds delete-db-instance${region} --db-instance-identifier ${name} --skip-final-snapshot --delete-automated-backups`;
    case 'db-subnet-group':
      return `aws rds delete-db-subnet-group${region} --db-subnet-group-name ${name}`;
    case 'security-group':
      return id !== undefined
        ? `aws ec2 delete-security-group${region} --group-id ${id}`
        : `aws ec2 delete-security-group${region} --group-id "$(aws ec2 describe-security-groups${region} --filters Name=group-name,Values=${name} Name=vpc-id,Values=${plan.vpcId} --query 'SecurityGroups[0].GroupId' --output text)"`;
  }
}

/**
 * Runs the drill: creates an isolated security group and DB subnet group, restores the recovery point
 * into them, waits (polling with backoff, bounded by `timeoutMs`), checks TCP connectivity, and in
 * every case (success, failure, interruption through `signal`) deletes what it created, in reverse
 * order. Each resource is journalled before it is requested, under the name it will have, so a lost
 * answer (AWS created it, the drill never heard) is still looked up by name and removed.
 * `cleanupSignal` cuts the clean-up short (a second interrupt); what is left is then listed.
 */
export async function executeDrill(
  plan: DrillPlan,
  deps: DrillDeps,
  limits: DrillLimits,
  signal: AbortSignal,
  cleanupSignal?: AbortSignal,
): Promise<DrillOutcome> {
  const resources: DrillResource[] = [];
  const journal = (): void => {
    deps.journal?.([...resources]);
  };
  const request = (kind: DrillResource['kind']): number => {
    resources.push({
      kind,
      name: plan.drillId,
      state: 'requested',
      requestedAt: deps.now().toISOString(),
      manual: removalCommand(kind, plan.drillId, plan),
    });
    journal();
    return resources.length - 1;
  };
  const confirm = (index: number, answer: { id?: string; restoreJobId?: string }): void => {
    const current = resources[index];
    if (current === undefined) return;
    resources[index] = {
      ...current,
      ...answer,
      state: 'created',
      manual: removalCommand(current.kind, current.name, plan, answer.id),
    };
    journal();
  };
  const tags = [{ Key: DRILL_TAG, Value: plan.drillId }];
  let outcome: Omit<DrillOutcome, 'cleanup' | 'resources'> = { plan };
  try {
    deps.phase?.('setup');
    stopIfAborted(signal, 'before anything was created');
    const sgIndex = request('security-group');
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
    const groupId = sg.GroupId;
    if (groupId === undefined) throw new DrillStopped('ec2:CreateSecurityGroup answered without a GroupId');
    confirm(sgIndex, { id: groupId });
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
    const subnetIndex = request('db-subnet-group');
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
    confirm(subnetIndex, {});
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
    stopIfAborted(signal, 'before the restore was started');
    const started = deps.now();
    const instanceIndex = request('db-instance');
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
    const jobId = job.RestoreJobId;
    if (jobId === undefined) throw new DrillStopped('backup:StartRestoreJob answered without a RestoreJobId');
    confirm(instanceIndex, { restoreJobId: jobId });
    outcome = { ...outcome, restoreJobId: jobId, startedAt: started.toISOString() };
    deps.progress(`started restore job ${jobId}`);

    deps.phase?.('wait');
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
      throw new DrillStopped(
        `the restore did not finish within ${minutes(limits.timeoutMs)} (--restore-timeout)`,
      );
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
      throw new DrillStopped(`${plan.drillId} was not available within the --restore-timeout`);
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
    // An interrupt says so itself, rather than through the call it cut short.
    const reason: unknown = signal.reason;
    const why =
      signal.aborted && reason instanceof Error
        ? reason.message
        : error instanceof DrillStopped
          ? error.message
          : String(error);
    outcome = { ...outcome, stopped: why };
    deps.progress(`stopped: ${why}`);
  }
  deps.phase?.('cleanup');
  const cleanup = await cleanUp(resources, plan, deps, limits, cleanupSignal);
  return { ...outcome, resources: [...resources], cleanup };
}

const DELETABLE = new Set([
  'available',
  'failed',
  'storage-full',
  'incompatible-restore',
  'incompatible-parameters',
  'stopped',
]);
const FINISHED = new Set(['COMPLETED', 'FAILED', 'ABORTED']);

/**
 * The restore job of this drill when StartRestoreJob's answer was lost: a job of the drill's recovery
 * point created since the request. `null` when AWS lists none (nothing was started).
 */
async function findRestoreJob(item: DrillResource, plan: DrillPlan, deps: DrillDeps): Promise<string | null> {
  const since = new Date(new Date(item.requestedAt).getTime() - 60_000);
  for await (const page of paginateListRestoreJobs(
    { client: deps.backup },
    { ByCreatedAfter: since, ByResourceType: 'RDS' },
  )) {
    const mine = (page.RestoreJobs ?? []).find((j) => j.RecoveryPointArn === plan.recoveryPointArn);
    if (mine?.RestoreJobId !== undefined) return mine.RestoreJobId;
  }
  return null;
}

type InstanceState =
  | { readonly kind: 'instance'; readonly status: string }
  | { readonly kind: 'none'; readonly note: string }
  | { readonly kind: 'error'; readonly error: string };

async function deleteInstance(
  item: DrillResource,
  plan: DrillPlan,
  deps: DrillDeps,
  limits: DrillLimits,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<CleanupResult> {
  const manual = removalCommand('db-instance', item.name, plan);
  const left = (error: string): CleanupResult => ({
    resource: 'db-instance',
    id: item.name,
    deleted: false,
    error,
    manual,
  });
  let jobId = item.restoreJobId;
  // Look the instance up by name. When it is not there (yet), the restore job says whether it will be:
  // its id from StartRestoreJob, or, if that answer was lost, from the list of restore jobs.
  const state = await poll(deps, limits, deadline, signal, async (): Promise<InstanceState | undefined> => {
    try {
      const d = await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: item.name }));
      const status = d.DBInstances?.[0]?.DBInstanceStatus ?? '';
      if (DELETABLE.has(status) || status === 'deleting') return { kind: 'instance', status };
      deps.progress(`clean-up: ${item.name} is ${status}; waiting to delete it`);
      return undefined;
    } catch (error) {
      if (!isNotFound(error, /DBInstanceNotFound/)) {
        return { kind: 'error', error: classifyError('rds:DescribeDBInstances', error).message };
      }
    }
    if (jobId === undefined) {
      try {
        const found = await findRestoreJob(item, plan, deps);
        if (found === null) {
          return {
            kind: 'none',
            note: 'StartRestoreJob was not confirmed and AWS lists no restore job for it',
          };
        }
        jobId = found;
        deps.progress(`clean-up: found restore job ${found}, whose answer was lost`);
      } catch (error) {
        return {
          kind: 'error',
          error: `no instance ${item.name} yet, and whether a restore job will create one is unknown: ${classifyError('backup:ListRestoreJobs', error).message}`,
        };
      }
    }
    try {
      const job = await deps.backup.send(new DescribeRestoreJobCommand({ RestoreJobId: jobId }));
      // No instance and a finished job: nothing was (or will be) created.
      if (FINISHED.has(job.Status ?? '')) {
        return { kind: 'none', note: `restore job ${jobId} is ${job.Status ?? ''} and left no instance` };
      }
      deps.progress(`clean-up: restore job ${jobId} is ${job.Status ?? 'unknown'}; waiting for its instance`);
      return undefined;
    } catch (error) {
      return { kind: 'error', error: classifyError('backup:DescribeRestoreJob', error).message };
    }
  });
  if (state === undefined) return left('clean-up time ran out before it could be deleted');
  if (state.kind === 'none')
    return { resource: 'db-instance', id: item.name, deleted: true, note: state.note };
  if (state.kind === 'error') return left(state.error);
  if (!DELETABLE.has(state.status) && state.status !== 'deleting') return left(state.status);
  if (state.status !== 'deleting') {
    try {
      await deps.rds.send(
        new DeleteDBInstanceCommand({
          DBInstanceIdentifier: item.name,
          SkipFinalSnapshot: true,
          DeleteAutomatedBackups: true,
        }),
      );
      deps.progress(`clean-up: deleting ${item.name}`);
    } catch (error) {
      if (!isNotFound(error, /DBInstanceNotFound/)) {
        return left(classifyError('rds:DeleteDBInstance', error).message);
      }
    }
  }
  // The subnet group and security group stay in use until the instance is gone.
  const gone = await poll(deps, limits, deadline, signal, async () => {
    try {
      await deps.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: item.name }));
      return undefined;
    } catch (error) {
      if (isNotFound(error, /DBInstanceNotFound/)) return true;
      throw error;
    }
  }).catch(() => undefined);
  return gone === true
    ? { resource: 'db-instance', id: item.name, deleted: true }
    : left('still deleting when clean-up time ran out');
}

/** The id of the drill's security group, looked up by name when CreateSecurityGroup's answer was lost. */
async function securityGroupId(
  item: DrillResource,
  plan: DrillPlan,
  deps: DrillDeps,
): Promise<string | null> {
  if (item.id !== undefined) return item.id;
  const found = await deps.ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: 'group-name', Values: [item.name] },
        { Name: 'vpc-id', Values: [plan.vpcId] },
      ],
    }),
  );
  return found.SecurityGroups?.[0]?.GroupId ?? null;
}

async function cleanUp(
  resources: readonly DrillResource[],
  plan: DrillPlan,
  deps: DrillDeps,
  limits: DrillLimits,
  signal: AbortSignal | undefined,
): Promise<CleanupResult[]> {
  const deadline = deps.now().getTime() + limits.cleanupTimeoutMs;
  const results: CleanupResult[] = [];
  for (const item of [...resources].reverse()) {
    if (item.kind === 'db-instance') {
      results.push(await deleteInstance(item, plan, deps, limits, deadline, signal));
      continue;
    }
    let id = item.id ?? item.name;
    let note: string | undefined;
    const run =
      item.kind === 'db-subnet-group'
        ? {
            action: 'rds:DeleteDBSubnetGroup',
            absent: /DBSubnetGroupNotFound/,
            remove: async (): Promise<boolean> => {
              await deps.rds.send(new DeleteDBSubnetGroupCommand({ DBSubnetGroupName: item.name }));
              return true;
            },
          }
        : {
            action: 'ec2:DeleteSecurityGroup',
            absent: /InvalidGroup\.NotFound/,
            remove: async (): Promise<boolean> => {
              const groupId = await securityGroupId(item, plan, deps);
              if (groupId === null) {
                note = 'CreateSecurityGroup was not confirmed and no group of that name exists';
                return true;
              }
              id = groupId;
              await deps.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
              return true;
            },
          };
    // In-use errors clear once the deleted instance's network interfaces are released: retry until the deadline.
    // Anything else (access denied, an interrupted call) will not clear by waiting.
    let last = '';
    const done = await poll(deps, limits, deadline, signal, async () => {
      try {
        return await run.remove();
      } catch (error) {
        if (isNotFound(error, run.absent)) return true;
        const explained = classifyError(run.action, error);
        last = explained.message;
        const waitable =
          ['throttled', 'timeout', 'endpoint', 'invalid-response'].includes(explained.kind) ||
          /DependencyViolation|InUse|InvalidDBSubnetGroupState/.test((error as { name?: string }).name ?? '');
        return waitable ? undefined : false;
      }
    });
    const manual = removalCommand(item.kind, item.name, plan, id === item.name ? item.id : id);
    results.push(
      done === true
        ? { resource: item.kind, id, deleted: true, ...(note === undefined ? {} : { note }) }
        : { resource: item.kind, id, deleted: false, error: last || 'clean-up time ran out', manual },
    );
    deps.progress(`clean-up: ${item.kind} ${id} ${done === true ? (note ?? 'deleted') : 'NOT deleted'}`);
  }
  return results;
}
