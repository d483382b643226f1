import { Command, Option } from 'commander';
import type { AwsOptions } from '../ops/aws';
import { StderrProgress, type Progress } from '../ops/progress';
import { DEFAULT_DEADLINE_MS, formatDuration } from '../ops/run';
import { action } from './action';
import type { CliContext } from './context';
import { collect, configOption, jsonOption, parseDuration, parsePositiveInteger } from './options';
import type { CommandOutput } from './output';

/** The flags every `lz ops` command shares, as Commander parses them. */
export interface OpsFlags {
  readonly config: string;
  readonly json: boolean;
  readonly region?: string | string[];
  readonly endpoint?: string;
  readonly maxAttempts: number;
  readonly retryMode: 'standard' | 'adaptive';
  /** Milliseconds each attempt of each API call may take. */
  readonly callTimeout: number;
  /** Milliseconds the whole command may take (the drill: everything but the restore wait and clean-up). */
  readonly deadline: number;
}

/** The AWS options every ops command shares; credentials come from the SDK's standard chain. */
export function awsOptions(opts: OpsFlags): AwsOptions {
  return {
    // Several regions: each command sets the region per call; one: the SDK client's region.
    ...(typeof opts.region === 'string' ? { region: opts.region } : {}),
    ...(opts.endpoint === undefined ? {} : { endpoint: opts.endpoint }),
    maxAttempts: opts.maxAttempts,
    retryMode: opts.retryMode,
    requestTimeoutMs: opts.callTimeout,
  };
}

/**
 * How a command takes --region: `home` one region, by default the configuration's home region (where
 * the landing zone builds its VPNs and databases); `many` repeatable, by default every region the
 * configuration uses; `many-home` repeatable, by default the home region.
 */
export type RegionFlag = 'home' | 'many' | 'many-home';

const REGION_HELP: Record<RegionFlag, string> = {
  home: 'AWS region (default: organisation.homeRegion in the configuration)',
  many: 'only this region (repeatable; default: every region the configuration uses)',
  'many-home': 'region to read (repeatable; default: organisation.homeRegion in the configuration)',
};

/** An `lz ops` subcommand with the shared flags; the caller adds its own and the action. */
export function opsCommand(ctx: CliContext, name: string, description: string, regions: RegionFlag): Command {
  const region = new Option('--region <region>', REGION_HELP[regions]);
  return new Command(name)
    .description(description)
    .addOption(configOption(ctx))
    .addOption(jsonOption())
    .addOption(regions === 'home' ? region : region.argParser(collect))
    .option('--endpoint <url>', 'service endpoint override, e.g. http://127.0.0.1:5000 for moto_server')
    .addOption(
      new Option('--max-attempts <n>', 'attempts per API call, retries included')
        .default(5)
        .argParser(parsePositiveInteger),
    )
    .addOption(
      new Option('--retry-mode <mode>', 'SDK retry strategy')
        .choices(['standard', 'adaptive'])
        .default('standard'),
    )
    .addOption(
      new Option('--call-timeout <duration>', 'limit on each attempt of each API call (e.g. 10s)')
        .default(10_000, '10s')
        .argParser(parseDuration),
    )
    .addOption(
      new Option(
        '--deadline <duration>',
        'limit on the whole run: what is not read by then is reported NOT READ (exit 2)',
      )
        .default(DEFAULT_DEADLINE_MS, formatDuration(DEFAULT_DEADLINE_MS))
        .argParser(parseDuration),
    );
}

/**
 * The action of an `lz ops` command: progress on stderr while it reads (a status line on a terminal,
 * nothing but whole lines otherwise), the elapsed time after the result, and JSON stdout untouched.
 * Every call has ended by the time the command returns; should anything still hold the process
 * (a connection the SDK did not close), it exits shortly after its output is written.
 */
export function opsAction<O>(
  ctx: CliContext,
  name: string,
  run: (options: O, progress: Progress) => Promise<CommandOutput>,
): (options: O, command: Command) => Promise<void> {
  return action(ctx, async (options: O) => {
    const progress = new StderrProgress(ctx.progress, `lz ops ${name}`);
    let closing = '';
    try {
      const output = await run(options, progress);
      closing = progress.finish();
      return { ...output, stderr: `${output.stderr}${closing}` };
    } finally {
      if (closing === '') progress.finish();
      setTimeout(() => {
        process.exit();
      }, 2_000).unref();
    }
  });
}

export function assumeRoleOption(help = 'read each account through the IAM role of this name in it'): Option {
  return new Option('--assume-role <name>', help);
}

export function accountOption(help: string): Option {
  return new Option('--account <name>', help).argParser(collect);
}

export function opsWavesOption(help: string): Option {
  return new Option('-w, --waves <dir>', help);
}
