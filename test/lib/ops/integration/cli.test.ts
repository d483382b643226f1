import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { loadConfig } from '../../../../lib/config/load';
import { startFaultProxy, type FaultProxy, type Rule } from '../../../helpers/fault-proxy';
import { MotoComplement } from '../../../helpers/moto-complement';
import { isolatedAwsEnv, MOTO_CREDENTIALS } from '../../../helpers/moto';
import { COMMANDS, type CommandName } from './commands';
import { DRILL_REGION, motoState } from './state';

/*
 * `lz ops` as real processes, as the rota and scheduled jobs run it: a stalled endpoint for every
 * command (the process itself exits within the deadline plus a few seconds), and the restore drill
 * interrupted by SIGTERM and SIGINT, sent to it directly and to the process group of `npm run`.
 * Each process gets an environment of its own (no AWS_* of the caller's). Timing: the command's own
 * elapsed time must be within the deadline plus 3 s; the process's within the deadline plus 10 s,
 * for starting ts-node on a loaded two-core machine. Nothing is retried.
 */

const state = motoState();
const config = loadConfig(state.config);
const LIMITS = ['--call-timeout', '1s', '--max-attempts', '2', '--deadline', '3s'];
const DEADLINE_MS = 3000;
const STARTUP_MS = 10_000;

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

interface Running {
  readonly pid: number;
  readonly exit: Promise<Exit>;
  /** Resolves when stderr has said this. */
  said(text: string, timeoutMs?: number): Promise<void>;
}

function start(args: readonly string[], how: 'direct' | 'npm'): Running {
  const env = isolatedAwsEnv(mkdtempSync(join(tmpdir(), 'lz-cli-env-')), { NO_COLOR: '1' });
  const [command, prefix] =
    how === 'direct'
      ? [join('node_modules', '.bin', 'ts-node'), ['--swc', 'bin/lz.ts']]
      : ['npm', ['run', '--silent', 'lz', '--']];
  const started = Date.now();
  // detached: its own process group, as a terminal, `timeout` or systemd gives it.
  const child = spawn(command, [...prefix, ...args], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    for (const w of waiters.filter((x) => stderr.includes(x.text))) w.resolve();
  });
  // 'exit', not 'close': npm's child keeps the pipes open after npm itself has gone (the SIGTERM case).
  const exit = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
  return {
    pid: child.pid ?? 0,
    exit,
    said: (text, timeoutMs = 30_000) =>
      new Promise<void>((resolve, reject) => {
        if (stderr.includes(text)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          reject(new Error(`no "${text}" on stderr within ${timeoutMs} ms:\n${stderr}`));
        }, timeoutMs);
        waiters.push({
          text,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
  };
}

async function proxied<T>(
  rules: readonly Rule[],
  work: (proxy: FaultProxy) => Promise<T>,
  slow = false,
): Promise<T> {
  const complement = new MotoComplement(config, state.endpoint);
  complement.slowRestore = slow;
  const proxy = await startFaultProxy(state.endpoint, complement, rules);
  try {
    return await work(proxy);
  } finally {
    await proxy.close();
  }
}

function argsFor(command: CommandName, endpoint: string, out: string): string[] {
  const common = ['ops', command, '-c', state.config, '--endpoint', endpoint, ...LIMITS];
  switch (command) {
    case 'db-health':
    case 'backup-compliance':
      return [...common, '--account', 'production'];
    case 'cutover-readiness':
      return [...common, '--wave', 'wave-05', '-w', 'migration-waves'];
    case 'restore-drill':
      return [...common, '--database', 'gis/main', '--region', DRILL_REGION, '--out', out];
    default:
      return common;
  }
}

/** What each command prints for what it could not read. */
const NOT_READ: Readonly<Record<CommandName, RegExp>> = {
  'vpn-status': /NOT READ/,
  'db-health': /NOT READ/,
  'backup-compliance': /NOT READ/,
  'cutover-readiness': /NOT READ|NO-GO/,
  'restore-drill': /cannot start/,
};

describe('a stalled endpoint: every command, as a process, ends within the deadline plus a few seconds', () => {
  it.concurrent.each(COMMANDS)('%s', async (command) => {
    const out = mkdtempSync(join(tmpdir(), 'lz-drill-'));
    const result = await proxied(
      [{ fault: 'stall' }],
      (proxy) => start(argsFor(command, proxy.url, out), 'direct').exit,
    );
    // The command's own time (its closing line) within the deadline plus 3 s; the process, ts-node's
    // start-up on a loaded machine included, within a few seconds more.
    const own = / ([\d.]+)s elapsed\n$/.exec(result.stderr)?.[1];
    expect(Number(own) * 1000).toBeLessThan(DEADLINE_MS + 3000);
    expect(result.ms).toBeLessThan(DEADLINE_MS + STARTUP_MS);
    expect(result.code).toBe(2);
    expect(`${result.stdout}${result.stderr}`).toMatch(NOT_READ[command]);
    // Nothing it did not read is shown as healthy, present, missing or a go.
    expect(result.stdout).not.toMatch(/MISSING|│ GO|HEALTHY|│ UP|│ available/);
    expect(result.stderr).toMatch(new RegExp(`lz ops ${command}:.* elapsed\\n$`));
  });

  it.concurrent(
    '--json keeps stdout one JSON document; progress and the elapsed time go to stderr',
    async () => {
      const result = await proxied(
        [{ fault: 'stall' }],
        (proxy) => start([...argsFor('vpn-status', proxy.url, ''), '--json'], 'direct').exit,
      );
      expect(result.code).toBe(2);
      const report = JSON.parse(result.stdout) as { status: string; errors: { kind: string }[] };
      expect(report.status).toBe('failed');
      expect(report.errors.map((e) => e.kind).every((k) => k === 'timeout' || k === 'deadline')).toBe(true);
      expect(result.stderr).toMatch(
        /^lz ops vpn-status: 1 of 1 account\/region scope\(s\) finished, [\d.]+s elapsed\n$/,
      );
    },
  );
});

describe('the restore drill interrupted: SIGTERM and SIGINT clean up, directly and through npm', () => {
  const ec2 = new EC2Client({
    region: DRILL_REGION,
    endpoint: state.endpoint,
    credentials: MOTO_CREDENTIALS,
  });
  const rds = new RDSClient({
    region: DRILL_REGION,
    endpoint: state.endpoint,
    credentials: MOTO_CREDENTIALS,
  });
  afterAll(() => {
    ec2.destroy();
    rds.destroy();
  });

  function record(dir: string): Record<string, unknown> | undefined {
    const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.json')) : undefined;
    return file === undefined
      ? undefined
      : (JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>);
  }

  async function finalRecord(dir: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = record(dir);
      if (r !== undefined && r['status'] !== 'running') return r;
      if (Date.now() > until)
        throw new Error(`no final record in ${dir} within ${timeoutMs} ms: ${JSON.stringify(r)}`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }

  async function leftOver(name: string): Promise<number> {
    const groups = await ec2.send(
      new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
    );
    const instances = await rds.send(new DescribeDBInstancesCommand({}));
    return (
      (groups.SecurityGroups?.length ?? 0) +
      (instances.DBInstances ?? []).filter((i) => i.DBInstanceIdentifier === name).length
    );
  }

  const drill = (endpoint: string, out: string, extra: string[] = []): string[] => [
    'ops',
    'restore-drill',
    '-c',
    state.config,
    '--database',
    'gis/main',
    '--region',
    DRILL_REGION,
    '--endpoint',
    endpoint,
    '--out',
    out,
    ...extra,
  ];

  it.concurrent.each([
    ['SIGTERM to the lz process', 'direct', 'SIGTERM', 'process'],
    ['SIGTERM to the process group of npm run (timeout, systemd, a CI cancel)', 'npm', 'SIGTERM', 'group'],
    ['SIGINT to the process group of npm run (Ctrl-C)', 'npm', 'SIGINT', 'group'],
  ] as const)('%s', async (_name, how, signal, target) => {
    const out = mkdtempSync(join(tmpdir(), 'lz-drill-'));
    await proxied(
      [],
      async (proxy) => {
        const lz = start(drill(proxy.url, out), how);
        await lz.said('started restore job');
        process.kill(target === 'group' ? -lz.pid : lz.pid, signal);
        const exit = await lz.exit;
        const evidence = await finalRecord(out, 30_000);
        expect(String(evidence['stopped'])).toBe(`the drill was interrupted by ${signal}`);
        expect((evidence['cleanup'] as { deleted: boolean }[]).map((c) => c.deleted)).toEqual([
          true,
          true,
          true,
        ]);
        expect(await leftOver((evidence['plan'] as { drillId: string }).drillId)).toBe(0);
        if (how === 'direct') {
          expect(exit.code).toBe(2);
          expect(exit.stderr).toContain(`${signal}: cleaning up what the drill created`);
          expect(exit.stdout).toContain(`Stopped: the drill was interrupted by ${signal}`);
        } else {
          // npm 11 answers SIGTERM by exiting at once, and SIGINT by waiting for the script: either
          // way lz, signalled as a member of the group, cleans up on its own.
          expect(exit.code ?? exit.signal).not.toBe(0);
        }
      },
      true,
    );
  });

  it.concurrent(
    'SIGTERM to npm alone is not passed on by npm 11: the drill runs on to its own limit, then cleans up',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'lz-drill-'));
      await proxied(
        [],
        async (proxy) => {
          const npm = start(drill(proxy.url, out, ['--restore-timeout', '4s']), 'npm');
          await npm.said('started restore job');
          process.kill(npm.pid, 'SIGTERM');
          const exit = await npm.exit;
          expect(exit.signal ?? exit.code).not.toBe(0);
          // npm has gone; lz never saw the signal and ends at --restore-timeout.
          expect(record(out)?.['status']).toBe('running');
          const evidence = await finalRecord(out, 30_000);
          expect(String(evidence['stopped'])).toContain('did not finish within');
          expect((evidence['cleanup'] as { deleted: boolean }[]).every((c) => c.deleted)).toBe(true);
        },
        true,
      );
    },
  );
});
