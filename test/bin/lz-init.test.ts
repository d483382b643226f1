import type { Command } from 'commander';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandOutput } from '../../lib/cli/output';
import { createProgram } from '../../lib/cli/program';
import { loadConfig } from '../../lib/config/load';
import { testCliContext } from '../helpers/cli-context';

/**
 * Runs `lz <args>` in-process, as bin/lz.ts would, and returns what it emitted. `env` plays
 * LZ_CONFIG and LZ_WAVES, as the README's `export` line sets them.
 */
async function lzIn(
  env: { config: string; waves: string } | undefined,
  args: string[],
): Promise<CommandOutput> {
  let captured: CommandOutput = { exitCode: -1, stdout: '', stderr: '' };
  const program = createProgram(
    testCliContext({
      ...(env === undefined ? {} : { defaults: env }),
      emit: (output) => {
        captured = output;
      },
    }),
  );
  // Usage errors throw instead of ending the process (bin/lz.ts exits 2 for them).
  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({
      writeErr: (s) => (captured = { exitCode: 2, stdout: '', stderr: captured.stderr + s }),
    });
    command.commands.forEach(quiet);
  };
  quiet(program);
  try {
    await program.parseAsync(['node', 'lz', ...args]);
  } catch {
    // Commander's usage errors: exitOverride throws after writeErr recorded the message.
  }
  return captured;
}

const lz = (...args: string[]): Promise<CommandOutput> => lzIn(undefined, args);

const required = [
  '--name',
  'Borsetshire County Council',
  '--short-name',
  'bcc',
  '--email',
  'cloud@borsetshire.example',
  '--repository',
  'borsetshire/landing-zone',
];

describe('lz init: a new council', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lz-init-'));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('goes from init to a gated synth with its own first baselines, as the README says', async () => {
    const dir = join(root, 'bcc');
    const init = await lz('init', ...required, '--dir', dir, '--on-premises', 'hq=10.0.0.0/16');
    expect(init.stderr).toBe('');
    expect(init.exitCode).toBe(0);
    const config = join(dir, 'landing-zone.yaml');
    const waves = join(dir, 'migration-waves');
    const assembly = join(dir, 'cdk.out');
    const baselines = join(dir, 'baselines');
    const council = (...args: string[]): Promise<CommandOutput> => lzIn({ config, waves }, args);

    expect((await council('validate')).exitCode).toBe(0);
    expect((await council('waves', 'validate')).exitCode).toBe(0);
    // As a user's synth runs it: with the CloudFormation validation the unit tests otherwise skip,
    // because a baseline is accepted only from an assembly synthesised with every check.
    const previous = process.env['CDK_VALIDATION'];
    process.env['CDK_VALIDATION'] = 'true';
    const synth = await council('synth', '--output', assembly).finally(() => {
      process.env['CDK_VALIDATION'] = previous;
    });
    expect(synth.stderr).toBe('');
    expect(synth.exitCode).toBe(0);

    // Before any baseline, the guard says what to do in one line instead of listing every resource.
    const guard = await council('guard', '--assembly', assembly, '--baselines', baselines);
    expect(guard.exitCode).toBe(2);
    expect(guard.stderr.trim().split('\n')).toHaveLength(1);
    expect(guard.stderr).toContain(`--baselines ${baselines}`);

    const accept = await council('baseline', '--accept', '--assembly', assembly, '--baselines', baselines);
    expect(accept.stderr).toBe('');
    expect(accept.exitCode).toBe(0);
    const gate = await council(
      'gate',
      '--no-synth',
      '--assembly',
      assembly,
      '--baselines',
      baselines,
      '--allow-list',
      join(baselines, 'allow-list.yaml'),
      '--out',
      join(dir, 'reports'),
    );
    expect(gate.stderr).not.toContain('FAIL');
    expect(gate.exitCode).toBe(0);
    // Its stacks are its own: nothing of the example council leaks in.
    const stacks = readdirSync(assembly).filter((f) => f.endsWith('.template.json'));
    expect(stacks.length).toBeGreaterThan(10);
    expect(stacks.every((f) => f.startsWith('Bcc'))).toBe(true);
  }, 300_000);

  it('carries the answers into the configuration: regions, residency, address space, real account ids', async () => {
    const dir = join(root, 'wolds');
    const out = await lz(
      'init',
      '--name',
      'Wolds Unitary Authority',
      '--short-name',
      'wua',
      '--email',
      'platform@wolds.example',
      '--repository',
      'wolds/aws',
      '--dir',
      dir,
      '--dr-region',
      'eu-central-1',
      '--data-residency',
      'uk-and-eea',
      '--aws-space',
      '172.20.0.0/16',
      '--on-premises',
      'county-hall=10.10.0.0/16',
      '--on-premises',
      'schools=10.200.0.0/14',
      '--account',
      'network=210987654321',
      '--first-wave',
      '2027-03-01',
    );
    expect(out.exitCode).toBe(0);
    const config = loadConfig(join(dir, 'landing-zone.yaml'));
    expect(config.organisation).toMatchObject({ shortName: 'wua', drRegion: 'eu-central-1' });
    expect(config.network.vpcs.every((v) => v.cidr.startsWith('172.20.'))).toBe(true);
    expect(config.network.onPremisesRanges.map((r) => r.name)).toEqual(['county-hall', 'schools']);
    expect(config.accounts.find((a) => a.role === 'network')?.id).toBe('210987654321');
    expect(readFileSync(join(dir, 'migration-waves', 'programme.yaml'), 'utf8')).toContain(
      '{ wave: wave-01, start: 2027-03-01',
    );
  });

  it('writes nothing when the answers make an invalid landing zone, and says why as validation does', async () => {
    const dir = join(root, 'bad');
    const out = await lz('init', ...required, '--dir', dir, '--on-premises', 'dc=10.64.0.0/16');
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/overlaps on-premises range dc/);
    expect(out.stderr).toContain('nothing was written');
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root)).toEqual([]);

    const residency = await lz('init', ...required, '--dir', dir, '--dr-region', 'eu-west-1');
    expect(residency.exitCode).toBe(2);
    expect(residency.stderr).toMatch(/eu-west-1 breaks dataResidency uk-only/);
  });

  it('refuses a folder that already holds files unless --force', async () => {
    const dir = join(root, 'taken');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const out = await lz('init', ...required, '--dir', dir);
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('already holds files');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
    expect((await lz('init', ...required, '--dir', dir, '--force')).exitCode).toBe(0);
    expect(existsSync(join(dir, 'notes.txt'))).toBe(false);
  });

  it('rejects malformed flags as usage errors', async () => {
    expect((await lz('init', ...required, '--account', 'treasury=123456789012')).stderr).toContain(
      'unknown account role "treasury"',
    );
    expect((await lz('init', ...required, '--account', 'network=1234')).stderr).toContain('12 digits');
    expect((await lz('init', ...required.slice(0, 2), '--short-name', 'Big-Council')).stderr).toContain(
      'lower-case',
    );
  });
});
