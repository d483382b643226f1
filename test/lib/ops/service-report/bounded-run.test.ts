import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServiceReport } from '../../../../lib/cli/ops-service-report-command';
import type { Progress, ScopeLabel } from '../../../../lib/ops/progress';
import type { ServiceReport } from '../../../../lib/ops/service-report/model';
import { FIXTURE_MONTH, FIXTURE_NOW } from '../../../../scripts/service-report/fixture';
import { startServer, type TestServer } from '../../../helpers/http-server';
import { isolatedAwsEnv } from '../../../helpers/moto';

/*
 * The service report is bounded like every `lz ops` command: the real SDK clients (STS behind
 * --assume-role included) against a local endpoint that accepts every request and never answers.
 * The limits are far apart (a 1 s deadline against 60 s per attempt, or 300 ms per attempt against
 * a 60 s deadline), so these fail if a limit is not enforced, not because the machine is slow.
 */

const ROLE = 'lz-operations-read-only';
let stalled: TestServer;
let dir: string;

beforeAll(async () => {
  // Accepts the request and never answers: neither headers nor body.
  stalled = await startServer(() => undefined);
});
afterAll(async () => {
  await stalled.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lz-service-report-bounded-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function recorder(): Progress & { planned: ScopeLabel[]; ended: ScopeLabel[] } {
  const planned: ScopeLabel[] = [];
  const ended: ScopeLabel[] = [];
  return {
    planned,
    ended,
    plan: (scopes) => planned.push(...scopes),
    begin: () => undefined,
    end: (scope) => ended.push(scope),
    note: () => undefined,
  };
}

async function stalledRun(limits: { deadlineMs: number; callTimeoutMs: number }, progress?: Progress) {
  const started = Date.now();
  const output = await runServiceReport({
    config: 'config/landing-zone.yaml',
    waves: 'migration-waves',
    month: FIXTURE_MONTH,
    // No assembly: the estimate is NOT READ at once, so only the AWS reads are timed.
    assembly: join(dir, 'no-assembly.out'),
    prices: 'pricing',
    out: join(dir, 'report'),
    json: true,
    aws: {
      endpoint: stalled.url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
      requestTimeoutMs: limits.callTimeoutMs,
    },
    assumeRole: ROLE,
    deadlineMs: limits.deadlineMs,
    now: FIXTURE_NOW,
    ...(progress === undefined ? {} : { progress }),
  });
  return { output, ms: Date.now() - started, report: JSON.parse(output.stdout) as ServiceReport };
}

describe('lz ops service-report against an endpoint that never answers', () => {
  it('--deadline: every read still in flight ends at the deadline, NOT READ (exit 2), and the files are written', async () => {
    const progress = recorder();
    const { output, ms, report } = await stalledRun({ deadlineMs: 1000, callTimeoutMs: 60_000 }, progress);
    // 60 s per attempt would hold it a minute per call; the deadline ends them all.
    expect(ms).toBeLessThan(30_000);
    expect(output.exitCode).toBe(2);
    const aws = report.notRead.filter((n) => n.subject !== 'cost estimate (lz cost)');
    expect(aws.length).toBeGreaterThan(10);
    for (const item of aws) {
      expect(item.reason).toMatch(
        /^\[[a-z-]+ (eu-west-2|us-east-1)\] [a-z0-9-]+:[A-Za-z]+: not answered: the run's deadline \(--deadline 1s\) passed before it was answered\.$/,
      );
    }
    // Nothing unread is shown as met: no availability (but for services with nothing in AWS yet,
    // which need no read), no incident count, no cost.
    expect(report.availability.filter((a) => a.current.read && a.current.value !== null)).toEqual([]);
    expect(report.availability.filter((a) => !a.current.read).length).toBeGreaterThan(10);
    expect(report.incidents.current.read).toBe(false);
    expect(report.cost.total.actual.read).toBe(false);
    expect(existsSync(join(dir, 'report', 'index.html'))).toBe(true);
    expect(readFileSync(join(dir, 'report', 'summary.md'), 'utf8')).toContain('**Status: INCOMPLETE: ');
    // Progress: each workload account and the network account in the home region, Cost Explorer in us-east-1.
    expect(progress.planned).toEqual([
      { account: 'production', region: 'eu-west-2' },
      { account: 'non-production', region: 'eu-west-2' },
      { account: 'network', region: 'eu-west-2' },
      { account: 'caller', region: 'us-east-1' },
    ]);
    expect(progress.ended).toHaveLength(4);
  });

  it('--call-timeout bounds sts:AssumeRole too, and the failure names the role, account, region and action', async () => {
    const { output, ms, report } = await stalledRun({ deadlineMs: 60_000, callTimeoutMs: 300 });
    expect(ms).toBeLessThan(30_000);
    expect(output.exitCode).toBe(2);
    const reasons = report.notRead.map((n) => n.reason);
    expect(reasons).toContainEqual(
      expect.stringMatching(
        /^\[production eu-west-2\] cloudwatch:GetMetricData not called: could not assume arn:aws:iam::555555555555:role\/lz-operations-read-only \(TimeoutError\)/,
      ),
    );
    // Never blamed on the service action's permission.
    expect(reasons.some((r) => r.includes('access denied'))).toBe(false);
  });
});

describe('lz ops service-report as a process', () => {
  it('--json: stdout is one JSON document; the closing line with the elapsed time is on stderr', async () => {
    const env = isolatedAwsEnv(join(dir, 'env'), { NO_COLOR: '1' });
    const args = [
      '--swc',
      'bin/lz.ts',
      'ops',
      'service-report',
      '--month',
      FIXTURE_MONTH,
      '--endpoint',
      stalled.url,
      '--assume-role',
      ROLE,
      '--call-timeout',
      '60s',
      '--max-attempts',
      '1',
      '--deadline',
      '1s',
      '--assembly',
      join(dir, 'no-assembly.out'),
      '--out',
      join(dir, 'report'),
      '--json',
    ];
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(join('node_modules', '.bin', 'ts-node'), args, {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
      child.once('close', (code) => {
        resolve({ code, stdout, stderr });
      });
    });
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout) as ServiceReport;
    expect(report.notRead.length).toBeGreaterThan(10);
    expect(result.stderr).toMatch(
      /^lz ops service-report: 4 of 4 account\/region scope\(s\) finished, [\d.]+m?s elapsed\n$/,
    );
  });
});
