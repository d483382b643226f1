import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackupCompliance } from '../../../../lib/cli/ops-backup-compliance-command';
import { checkWaveReadiness } from '../../../../lib/cli/ops-cutover-readiness-command';
import { runDbHealth } from '../../../../lib/cli/ops-db-health-command';
import { runRestoreDrill } from '../../../../lib/cli/ops-restore-drill-command';
import { runVpnStatus } from '../../../../lib/cli/ops-vpn-status-command';
import type { CommandOutput } from '../../../../lib/cli/output';
import { loadConfig } from '../../../../lib/config/load';
import type { AwsOptions } from '../../../../lib/ops/aws';
import { MOTO_CREDENTIALS, MOTO_REGION } from '../../../helpers/moto';
import { readyWorkload, waveOf } from '../cutover-fixture';
import { DRILL_REGION, motoState } from './state';

/** The ops commands, run in-process against an endpoint (moto behind a fault proxy). */
export const COMMANDS = [
  'vpn-status',
  'db-health',
  'backup-compliance',
  'cutover-readiness',
  'restore-drill',
] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Limits {
  /** --call-timeout */
  readonly callTimeoutMs: number;
  /** --max-attempts */
  readonly maxAttempts: number;
  /** --deadline */
  readonly deadlineMs: number;
}

/**
 * Small limits, so a fault costs seconds, not minutes: the behaviour is the same at 10 s and 2 minutes.
 * Not smaller: moto takes a few hundred milliseconds to list a page of 100 instances when busy.
 */
export const FAST: Limits = { callTimeoutMs: 1500, maxAttempts: 2, deadlineMs: 4000 };
/**
 * For rows that test what a fault says, not how long a run may take: limits no loaded machine
 * reaches (moto answers dozens of side-by-side rows), so a slow answer never turns a denial or a
 * bad page into a deadline. The timing rows keep FAST.
 */
export const PATIENT: Limits = { callTimeoutMs: 30_000, maxAttempts: 2, deadlineMs: 90_000 };

export interface Run {
  readonly output: CommandOutput;
  readonly ms: number;
  /**
   * How long this test process could not run during the command (event-loop delay summed): time
   * the machine gave to other processes, which no deadline in the command can bound.
   */
  readonly starvedMs: number;
  readonly report: Record<string, unknown>;
  /** Where the drill wrote its evidence record. */
  readonly outDir?: string;
}

/**
 * Measures how long this process's event loop could not run: a 10 ms tick that fires more than
 * 5 ms late was held up by CPU work (the machine's other processes, or other rows in this one),
 * not by anything the command awaits. Returns a function that stops it and gives the total.
 */
export function starvationMeter(): () => number {
  const TICK_MS = 10;
  let last = performance.now();
  let starved = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late > 5) {
      starved += late;
    }
    last = now;
  }, TICK_MS);
  return () => {
    clearInterval(timer);
    return Math.round(starved);
  };
}

/** Runs one command against `endpoint`; JSON output, parsed. */
export async function run(
  command: CommandName,
  endpoint: string,
  options: {
    limits?: Limits;
    assumeRole?: string;
    /** The region to read instead of the configuration's home region. */
    region?: string;
    drill?: { signal?: AbortSignal };
  } = {},
): Promise<Run> {
  const state = motoState();
  const limits = options.limits ?? FAST;
  const aws: AwsOptions = {
    region: options.region ?? MOTO_REGION,
    endpoint,
    credentials: MOTO_CREDENTIALS,
    maxAttempts: limits.maxAttempts,
    requestTimeoutMs: limits.callTimeoutMs,
  };
  const common = {
    config: state.config,
    json: true,
    aws,
    deadlineMs: limits.deadlineMs,
    ...(options.assumeRole === undefined ? {} : { assumeRole: options.assumeRole }),
  };
  const starvation = starvationMeter();
  const started = Date.now();
  let outDir: string | undefined;
  let output: CommandOutput;
  switch (command) {
    case 'vpn-status':
      output = await runVpnStatus(common);
      break;
    case 'db-health':
      output = await runDbHealth({ ...common, accounts: ['production'] });
      break;
    case 'backup-compliance':
      output = await runBackupCompliance({ ...common, accounts: ['production'] });
      break;
    case 'cutover-readiness':
      output = await checkWaveReadiness(loadConfig(state.config), waveOf([readyWorkload]), {
        ...common,
        waves: 'migration-waves',
        wave: 'wave-05',
      });
      break;
    case 'restore-drill': {
      outDir = mkdtempSync(join(tmpdir(), 'lz-drill-'));
      output = await runRestoreDrill({
        ...common,
        aws: { ...aws, region: DRILL_REGION },
        database: 'gis/main',
        dryRun: false,
        restoreTimeoutMs: 5_000,
        outDir,
        ...(options.drill?.signal === undefined ? {} : { signal: options.drill.signal }),
        overrides: {
          pollMs: 25,
          connect: () => Promise.resolve({ ok: true }),
        },
      });
      break;
    }
  }
  const ms = Date.now() - started;
  const starvedMs = starvation();
  let report: Record<string, unknown>;
  try {
    report = JSON.parse(output.stdout) as Record<string, unknown>;
  } catch {
    report = { unparsed: output.stdout, stderr: output.stderr };
  }
  return { output, ms, starvedMs, report, ...(outDir === undefined ? {} : { outDir }) };
}
