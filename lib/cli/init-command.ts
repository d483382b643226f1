import { Command, InvalidArgumentError, Option } from 'commander';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatDiagnostic } from '../config/diagnostics';
import { validateConfigText } from '../config/load';
import {
  defaultFirstWave,
  STARTER_BASELINES,
  STARTER_CONFIG,
  STARTER_ROLES,
  STARTER_WAVES,
  starterFiles,
  type StarterAnswers,
  type StarterRole,
} from '../init/starter';
import { validateWaveTexts } from '../waves/load';
import { action } from './action';
import type { CliContext } from './context';
import { parseCalendarDate } from './options';
import { EXIT, failure, type CommandOutput } from './output';

export interface InitOptions {
  readonly name: string;
  readonly shortName: string;
  readonly email: string;
  readonly repository: string;
  readonly dir?: string;
  readonly homeRegion: string;
  readonly drRegion?: string;
  readonly dataResidency: StarterAnswers['dataResidency'];
  readonly awsSpace: string;
  readonly onPremises: readonly { name: string; cidr: string }[];
  readonly account: readonly { role: StarterRole; id: string }[];
  readonly firstWave?: string;
  readonly force: boolean;
}

/** The repository's schema/ folder, wherever lz is run from. */
const SCHEMA_DIR = resolve(__dirname, '../../schema');

function nameEqualsValue(what: string, value: string): { key: string; value: string } {
  const at = value.indexOf('=');
  if (at <= 0 || at === value.length - 1) {
    throw new InvalidArgumentError(`expected ${what}, got "${value}"`);
  }
  return { key: value.slice(0, at), value: value.slice(at + 1) };
}

function parseOnPremises(
  value: string,
  previous: readonly { name: string; cidr: string }[],
): { name: string; cidr: string }[] {
  const { key, value: block } = nameEqualsValue('NAME=CIDR, e.g. civic-centre=10.0.0.0/16', value);
  return [...previous, { name: key, cidr: block }];
}

function parseAccount(
  value: string,
  previous: readonly { role: StarterRole; id: string }[],
): { role: StarterRole; id: string }[] {
  const { key, value: id } = nameEqualsValue('ROLE=ID, e.g. network=123456789012', value);
  const role = STARTER_ROLES.find((r) => r === key);
  if (role === undefined) {
    throw new InvalidArgumentError(`unknown account role "${key}" (roles: ${STARTER_ROLES.join(', ')})`);
  }
  if (!/^\d{12}$/.test(id)) {
    throw new InvalidArgumentError(`an account id is 12 digits, got "${id}" for ${role}`);
  }
  return [...previous, { role, id }];
}

function notEmpty(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}

/**
 * `lz init`: a new council's configuration, plan folder and (empty) baselines folder, checked by the
 * same validation as every configuration before anything is written, and written all or nothing.
 */
export function runInit(options: InitOptions, today: string): CommandOutput {
  const dir = options.dir ?? join('councils', options.shortName);
  if (notEmpty(dir) && !options.force) {
    return failure(
      `lz init: ${resolve(dir)} already holds files; choose another --dir, or --force to overwrite them`,
    );
  }
  const answers: StarterAnswers = {
    name: options.name,
    shortName: options.shortName,
    homeRegion: options.homeRegion,
    ...(options.drRegion === undefined ? {} : { drRegion: options.drRegion }),
    dataResidency: options.dataResidency,
    awsSpace: options.awsSpace,
    onPremises: options.onPremises,
    accountIds: Object.fromEntries(options.account.map((a) => [a.role, a.id])),
    email: options.email,
    repository: options.repository,
    firstWave: options.firstWave ?? defaultFirstWave(today),
  };
  const files = starterFiles(answers, relative(resolve(dir), SCHEMA_DIR) || '.');
  const text = (path: string): string => files.find((f) => f.path === path)?.text ?? '';

  // The answers go into YAML the same validation reads, so a bad answer (an address space that
  // overlaps a site, a region the residency forbids) is reported as that rule reports it.
  const configFile = join(dir, STARTER_CONFIG);
  const config = validateConfigText(configFile, text(STARTER_CONFIG));
  const problems = config.diagnostics.filter((d) => d.severity === 'error');
  if (config.config !== undefined && problems.length === 0) {
    const waves = validateWaveTexts(
      { file: join(dir, STARTER_WAVES, 'programme.yaml'), text: text(`${STARTER_WAVES}/programme.yaml`) },
      files
        .filter((f) => f.path.startsWith(`${STARTER_WAVES}/wave-`))
        .map((f) => ({ file: join(dir, f.path), text: f.text })),
      config.config,
    );
    problems.push(...waves.diagnostics.filter((d) => d.severity === 'error'));
  }
  if (problems.length > 0) {
    return failure(
      `${problems.map(formatDiagnostic).join('\n')}\n` +
        `lz init: these answers do not make a valid landing zone (${problems.length} error(s)); nothing was written`,
    );
  }

  // Written into a sibling folder first and moved into place, so an interrupted init leaves nothing.
  mkdirSync(dirname(resolve(dir)), { recursive: true });
  const staging = mkdtempSync(`${resolve(dir)}.init-`);
  try {
    for (const file of files) {
      mkdirSync(dirname(join(staging, file.path)), { recursive: true });
      writeFileSync(join(staging, file.path), file.text);
    }
    if (existsSync(dir)) {
      rmSync(dir, { recursive: true, force: true });
    }
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }

  const assembly = join(dir, 'cdk.out');
  const baselines = join(dir, STARTER_BASELINES);
  const steps = [
    `export LZ_CONFIG=${join(dir, STARTER_CONFIG)} LZ_WAVES=${join(dir, STARTER_WAVES)}`,
    'npx lz validate && npx lz waves validate',
    `npx lz synth --output ${assembly}`,
    `npx lz baseline --accept --assembly ${assembly} --baselines ${baselines}`,
    `npx lz gate --no-synth --assembly ${assembly} --baselines ${baselines} --allow-list ${join(baselines, 'allow-list.yaml')} --out ${join(dir, 'reports', 'gate')}`,
  ];
  return {
    exitCode: EXIT.ok,
    stdout:
      `${answers.name}: wrote ${files.map((f) => join(dir, f.path)).join(', ')}\n\n` +
      'Next (docs/new-council.md):\n' +
      steps.map((s) => `  ${s}\n`).join('') +
      '\nAccept baselines now only because nothing is deployed yet; after the first deployment they\n' +
      'change only when a release is accepted. Placeholder account and organisation ids are marked\n' +
      'in the configuration: replace them before bootstrapping (docs/delivery.md).\n',
    stderr: '',
  };
}

export function initCommand(ctx: CliContext): Command {
  return new Command('init')
    .description('Start a new council: its configuration, migration-plan folder and empty baselines')
    .requiredOption('--name <text>', 'the council\'s name, e.g. "Borsetshire County Council"')
    .addOption(
      new Option(
        '--short-name <id>',
        'prefix of every stack and resource name, 2-8 lower-case letters or digits',
      )
        .makeOptionMandatory()
        .argParser((v: string) => {
          if (!/^[a-z][a-z0-9]{1,7}$/.test(v)) {
            throw new InvalidArgumentError(
              `expected 2-8 lower-case letters or digits starting with a letter, got "${v}"`,
            );
          }
          return v;
        }),
    )
    .requiredOption('--email <address>', 'where backup failures and security alarms go')
    .requiredOption('--repository <owner/name>', 'the GitHub repository that will deploy it')
    .option('--dir <dir>', "folder for the council's files (default: councils/<short-name>)")
    .option('--home-region <region>', 'home region', 'eu-west-2')
    .option('--dr-region <region>', 'disaster-recovery region (must satisfy --data-residency)')
    .addOption(
      new Option('--data-residency <rule>', 'where data may be held')
        .choices(['uk-only', 'uk-and-eea', 'uk-adequacy'])
        .default('uk-only'),
    )
    .option('--aws-space <cidr>', "the AWS address space, clear of the council's networks", '10.64.0.0/14')
    .option(
      '--on-premises <name=cidr>',
      'a council network AWS must not overlap (repeatable)',
      parseOnPremises,
      [],
    )
    .option(
      `--account <role=id>`,
      `an account's id (repeatable; roles: ${STARTER_ROLES.join(', ')}); others get placeholders`,
      parseAccount,
      [],
    )
    .addOption(
      new Option(
        '--first-wave <date>',
        "the pilot wave's start (default: a Monday eight weeks away)",
      ).argParser(parseCalendarDate),
    )
    .option('--force', 'overwrite the folder if it already holds files', false)
    .action(action(ctx, (opts: InitOptions) => runInit(opts, ctx.today)));
}
