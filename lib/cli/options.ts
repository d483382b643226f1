import { InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import type { CliContext } from './context';

/*
 * The options several commands share, defined once so their names, defaults and help agree. Values
 * are checked here, as Commander parses them: a bad value is a usage error (exit 2) before any work.
 */

export function configOption(ctx: CliContext, help = 'landing-zone configuration'): Option {
  return new Option('-c, --config <file>', help).default(ctx.defaults.config);
}

export function wavesOption(ctx: CliContext, help = 'migration plan directory'): Option {
  return new Option('-w, --waves <dir>', help).default(ctx.defaults.waves);
}

export function jsonOption(): Option {
  return new Option('--json', 'machine-readable output on stdout (everything else on stderr)').default(false);
}

export function markdownOption(help = 'Markdown for a pull-request comment or $GITHUB_STEP_SUMMARY'): Option {
  return new Option('--markdown', help).default(false);
}

export function assemblyOption(help = 'synthesised cloud assembly'): Option {
  return new Option('--assembly <dir>', help).default('cdk.out');
}

export function baselinesOption(): Option {
  return new Option('--baselines <dir>', 'accepted baseline templates').default('baselines');
}

export function allowListOption(): Option {
  return new Option('--allow-list <file>', 'approved change-guard exceptions, each with a reason').default(
    'baselines/allow-list.yaml',
  );
}

export function pricesOption(): Option {
  return new Option('--prices <path>', 'price tables: a directory of <region>.yaml, or one table').default(
    'pricing',
  );
}

/** The usage assumptions of the cost estimate; a missing file means every documented default. */
export function usageAssumptionsOption(): Option {
  return new Option(
    '--usage <file>',
    'usage assumptions (data through NAT, log volumes, backup growth)',
  ).default('pricing/usage-assumptions.yaml');
}

export function allowStaleOption(): Option {
  return new Option(
    '--allow-stale',
    'read an assembly whose provenance does not match the working tree (forensics only; said in every output)',
  ).default(false);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused), as every --as-of takes it. */
export function parseCalendarDate(value: string): string {
  const date = DateTime.fromFormat(value, 'yyyy-MM-dd', { zone: 'utc' });
  if (!date.isValid) {
    throw new InvalidArgumentError(`expected a calendar date written YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function asOfOption(ctx: CliContext, help: string): Option {
  return new Option('--as-of <date>', `${help}, YYYY-MM-DD`)
    .default(ctx.today, 'today')
    .argParser(parseCalendarDate);
}

/** A whole number of at least 1, for counts and limits. */
export function parsePositiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  }
  return n;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A length of time, as every timeout and deadline takes it: a whole number with a unit (`500ms`,
 * `10s`, `15m`, `2h`), or a bare number of seconds. Returns milliseconds.
 */
export function parseDuration(value: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value.trim());
  const ms = match ? Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 0) : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidArgumentError(`expected a positive duration such as 30s, 15m or 2h, got "${value}"`);
  }
  return ms;
}

/** Appends each use of a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
