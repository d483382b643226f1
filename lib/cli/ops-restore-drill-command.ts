import { Command } from 'commander';
import type { CliContext } from './context';
import {
  assumeRoleOption,
  awsOptions,
  opsAction,
  opsCommand,
  opsWavesOption,
  type OpsFlags,
} from './ops-options';
import { Option } from 'commander';
import { parseDuration } from './options';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partitionOf } from '../config/partition';
import { DEFAULT_DRILL_RESTORE_ROLE_NAME } from '../config/schema-operations';
import { backupClient, ec2Client, rdsClient, type AwsOptions } from '../ops/aws';
import { EXIT_CODES, type OverallStatus } from '../ops/report';
import {
  DEFAULT_LIMITS,
  executeDrill,
  prepareDrill,
  type DrillDeps,
  type DrillOutcome,
  type DrillPhase,
} from '../ops/restore-drill';
import { combine, RunStopped, shared } from '../ops/http';
import { DEFAULT_DEADLINE_MS, startDeadline } from '../ops/run';
import { describePlan, drillId, drillTarget } from '../ops/restore-drill-plan';
import { scopeOptions } from '../ops/scopes';
import { abortableSleep, tcpConnect } from '../ops/tcp-check';
import { optionalPlan } from './ops-plan';
import { loadOpsConfig } from './ops-vpn-status-command';
import type { CommandOutput } from './output';

export interface RestoreDrillOptions {
  readonly config: string;
  readonly json: boolean;
  readonly aws: AwsOptions;
  /** `workload/name` of a planned database. */
  readonly database: string;
  /** The migration plan directory: its workloads' RDS databases can be drilled too. @default - configuration only */
  readonly waves?: string;
  readonly dryRun: boolean;
  /** Longest wait for the restored instance, in milliseconds. */
  readonly restoreTimeoutMs: number;
  /**
   * Limit in ms on everything before the restore is running: the reads, the dry run, the set-up.
   * The wait is `restoreTimeoutMs`; the clean-up has its own limit. @default 2 minutes
   */
  readonly deadlineMs?: number;
  /** Read and change the database's account through this role name (the drill role). */
  readonly assumeRole?: string;
  /** The role AWS Backup uses to restore; default the account's AWSBackupDefaultServiceRole. */
  readonly restoreRole?: string;
  /** Security group of the host running the drill, allowed in on the database port. */
  readonly runnerSecurityGroup?: string;
  /** Where the evidence record goes (default reports/restore-drills). */
  readonly outDir?: string;
  /** First interrupt: stop and clean up. */
  readonly signal?: AbortSignal;
  /** Second interrupt: stop cleaning up and list what is left. */
  readonly cleanupSignal?: AbortSignal;
  readonly progress?: (line: string) => void;
  /** For tests: the clock, sleeps, TCP check and poll intervals. */
  readonly overrides?: Partial<Pick<DrillDeps, 'sleep' | 'connect' | 'now'>> & {
    pollMs?: number;
    /** The random part of the drill id. */
    nonce?: string;
  };
}

function failure(message: string): CommandOutput {
  return { exitCode: EXIT_CODES.failed, stdout: '', stderr: `${message}\n` };
}

/** healthy: restored within the RTO, reachable and cleaned up; degraded: slow or unreachable; failed: otherwise. */
export function drillStatus(outcome: DrillOutcome): OverallStatus {
  if (outcome.stopped !== undefined || outcome.cleanup.some((c) => !c.deleted)) return 'failed';
  if (outcome.withinRto !== true || outcome.connectivity?.ok !== true) return 'degraded';
  return 'healthy';
}

/** Writes the evidence record whole or not at all. */
function writeRecord(dir: string, name: string, record: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

function summary(outcome: DrillOutcome, status: OverallStatus, record: string): string {
  const lines = [describePlan(outcome.plan), ''];
  if (outcome.restoreMinutes !== undefined) {
    lines.push(
      `Restore time: ${outcome.restoreMinutes} minutes against an RTO of ${outcome.plan.rtoMinutes} (${outcome.withinRto === true ? 'within' : 'OVER'})`,
    );
  }
  if (outcome.connectivity !== undefined) {
    const where = outcome.endpoint === undefined ? '' : ` ${outcome.endpoint.host}:${outcome.endpoint.port}`;
    lines.push(
      `Connectivity:${where} ${outcome.connectivity.ok ? 'connected' : `FAILED (${outcome.connectivity.error ?? 'unknown'})`}`,
    );
  }
  if (outcome.stopped !== undefined) lines.push(`Stopped: ${outcome.stopped}`);
  for (const c of outcome.cleanup) {
    lines.push(
      c.deleted
        ? c.note === undefined
          ? `Deleted ${c.resource} ${c.id}`
          : `Not created ${c.resource} ${c.id}: ${c.note}`
        : `LEFT OVER ${c.resource} ${c.id} (${c.error ?? 'unknown'}); remove it with: ${c.manual ?? '-'}`,
    );
  }
  lines.push(`Record: ${record}`, `${status.toUpperCase()} (exit ${EXIT_CODES[status]})`);
  return `${lines.join('\n')}\n`;
}

/**
 * `lz ops restore-drill --database <workload/name>`: restores the newest snapshot recovery point of a
 * planned database into an isolated security group and DB subnet group created for the drill, waits,
 * checks it answers on its port, records the restore time against the RTO under reports/, and
 * deletes everything it created, also when interrupted or when a step fails. `--dry-run` reads only.
 */
export async function runRestoreDrill(options: RestoreDrillOptions): Promise<CommandOutput> {
  const config = loadOpsConfig(options.config);
  if ('exitCode' in config) return config;
  const loaded = optionalPlan(options.waves, config);
  if ('exitCode' in loaded) return loaded;
  const target = drillTarget(config, options.database, loaded.plan);
  if ('error' in target) return failure(target.error);
  const region = options.aws.region ?? config.organisation.homeRegion;
  // Each phase stops its calls on its own signal: the reads and set-up on the deadline or the first
  // interrupt, the wait for the restore on the first interrupt (it has --restore-timeout), the
  // clean-up only on a second interrupt (it has its own limit).
  const deadline = startDeadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const interrupt = options.signal ?? new AbortController().signal;
  const phases: Record<DrillPhase, AbortSignal> = {
    setup: combine([deadline.signal, interrupt]) ?? deadline.signal,
    wait: shared(interrupt),
    cleanup: shared(options.cleanupSignal ?? new AbortController().signal),
  };
  let current = phases.setup;
  const aws = scopeOptions(
    { ...options.aws, stop: () => current },
    { id: target.accountId },
    region,
    options.assumeRole,
  );
  // The drill's own restore role, which can create only <prefix>-drill-* instances.
  const restoreRoleArn =
    options.restoreRole ??
    `arn:${partitionOf(region)}:iam::${target.accountId}:role/${config.operations?.drillRestoreRoleName ?? DEFAULT_DRILL_RESTORE_ROLE_NAME}`;
  const now = options.overrides?.now ?? ((): Date => new Date());
  const id = drillId(config.organisation.shortName, target, now(), options.overrides?.nonce);
  const progress = options.progress ?? ((): void => undefined);
  const backup = backupClient(aws);
  const rds = rdsClient(aws);
  const ec2 = ec2Client(aws);
  try {
    const prepared = await prepareDrill(
      target,
      { backup, rds },
      {
        drillId: id,
        restoreRoleArn,
        region,
        ...(options.runnerSecurityGroup === undefined
          ? {}
          : { runnerSecurityGroup: options.runnerSecurityGroup }),
      },
    );
    if (prepared.plan === undefined) {
      const why = [
        ...prepared.errors.map((e) => e.message),
        ...(prepared.problem === undefined ? [] : [prepared.problem]),
      ];
      if (options.json) {
        return {
          exitCode: EXIT_CODES.failed,
          stdout: `${JSON.stringify({ status: 'failed', database: options.database, errors: why }, null, 2)}\n`,
          stderr: '',
        };
      }
      return failure(
        `restore drill for ${options.database} cannot start:\n${why.map((w) => `  ${w}`).join('\n')}`,
      );
    }
    if (options.dryRun) {
      const text = `${describePlan(prepared.plan)}\nDry run: nothing was created or changed.\n`;
      return {
        exitCode: EXIT_CODES.healthy,
        stdout: options.json ? `${JSON.stringify({ dryRun: true, plan: prepared.plan }, null, 2)}\n` : text,
        stderr: '',
      };
    }
    const plan = prepared.plan;
    const dir = options.outDir ?? join('reports', 'restore-drills');
    const deps: DrillDeps = {
      backup,
      rds,
      ec2,
      sleep: options.overrides?.sleep ?? abortableSleep,
      connect: options.overrides?.connect ?? tcpConnect,
      now,
      progress,
      // The record on disk lists every resource before it is requested, so a drill that is killed
      // (SIGKILL, a lost machine) still leaves the list of what may exist and how to remove it.
      journal: (resources) => {
        writeRecord(dir, id, { status: 'running', recordedAt: now().toISOString(), plan, resources });
      },
      phase: (phase) => {
        current = phases[phase];
      },
    };
    const limits = {
      ...DEFAULT_LIMITS,
      timeoutMs: options.restoreTimeoutMs,
      ...(options.overrides?.pollMs === undefined ? {} : { pollMs: options.overrides.pollMs }),
    };
    const outcome = await executeDrill(plan, deps, limits, interrupt, options.cleanupSignal);
    const status = drillStatus(outcome);
    const record = writeRecord(dir, id, {
      status,
      recordedAt: now().toISOString(),
      ...outcome,
    });
    return {
      exitCode: EXIT_CODES[status],
      stdout: options.json
        ? `${JSON.stringify({ status, record, ...outcome }, null, 2)}\n`
        : summary(outcome, status, record),
      stderr: '',
    };
  } finally {
    deadline.clear();
    backup.destroy();
    rds.destroy();
    ec2.destroy();
  }
}

export function restoreDrillCommand(ctx: CliContext): Command {
  return opsCommand(
    ctx,
    'restore-drill',
    'Restore the newest recovery point of a planned database in isolation, time it against the RTO, clean up',
    'home',
  )
    .requiredOption(
      '--database <workload/name>',
      'the planned database to restore, e.g. crm/main, or revs-bens-nec/revenues with --waves',
    )
    .option('--dry-run', 'print the plan: what would be restored, where, and what would be deleted', false)
    .addOption(
      new Option('--restore-timeout <duration>', 'longest wait for the restored instance to be available')
        .default(7_200_000, '2h')
        .argParser(parseDuration),
    )
    .addOption(assumeRoleOption("act in the database's account through the IAM role of this name in it"))
    .option(
      '--restore-role <arn>',
      "role AWS Backup restores with (default: the drill's own restore role, operations.drillRestoreRoleName)",
    )
    .option('--runner-security-group <sg-id>', 'security group of this host, let in on the database port')
    .option('--out <dir>', 'where the evidence record is written', 'reports/restore-drills')
    .addOption(
      opsWavesOption(
        "the migration plan: its workloads' RDS databases can be drilled too (without it, only dataProtection.databases)",
      ),
    )
    .action(
      opsAction(
        ctx,
        'restore-drill',
        async (
          opts: OpsFlags & {
            database: string;
            dryRun: boolean;
            restoreTimeout: number;
            assumeRole?: string;
            restoreRole?: string;
            runnerSecurityGroup?: string;
            out: string;
            waves?: string;
          },
          progress,
        ) => {
          // First SIGINT/SIGTERM/SIGHUP: stop and clean up. Second: stop cleaning up and list what
          // is left. npm 11 does not pass SIGTERM on to the script (docs/operations.md): signal the
          // process group, or run lz without npm.
          const drill = new AbortController();
          const cleanup = new AbortController();
          const interrupt = (signal: NodeJS.Signals): void => {
            if (drill.signal.aborted) {
              progress.note(`second ${signal}: stopping the clean-up; what is left will be listed`);
              cleanup.abort(new RunStopped(`the clean-up was interrupted by a second ${signal}`));
            } else {
              progress.note(
                `${signal}: cleaning up what the drill created (send it again to stop the clean-up)`,
              );
              drill.abort(new RunStopped(`the drill was interrupted by ${signal}`));
            }
          };
          const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
          for (const signal of signals) process.on(signal, interrupt);
          try {
            return await runRestoreDrill({
              config: opts.config,
              json: opts.json,
              aws: awsOptions(opts),
              database: opts.database,
              dryRun: opts.dryRun,
              restoreTimeoutMs: opts.restoreTimeout,
              deadlineMs: opts.deadline,
              outDir: opts.out,
              signal: drill.signal,
              cleanupSignal: cleanup.signal,
              progress: (line) => {
                progress.note(`${new Date().toISOString().slice(11, 19)} ${line}`);
              },
              ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
              ...(opts.restoreRole === undefined ? {} : { restoreRole: opts.restoreRole }),
              ...(opts.runnerSecurityGroup === undefined
                ? {}
                : { runnerSecurityGroup: opts.runnerSecurityGroup }),
              ...(opts.waves === undefined ? {} : { waves: opts.waves }),
            });
          } finally {
            for (const signal of signals) process.off(signal, interrupt);
          }
        },
      ),
    );
}
