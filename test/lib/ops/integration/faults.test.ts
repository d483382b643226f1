import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { loadConfig } from '../../../../lib/config/load';
import { formatDuration } from '../../../../lib/ops/run';
import { DENIED_CALLER, FAULTS, startFaultProxy, type Fault, type Rule } from '../../../helpers/fault-proxy';
import { MotoComplement } from '../../../helpers/moto-complement';
import { MOTO_CREDENTIALS } from '../../../helpers/moto';
import { COMMANDS, FAST, PATIENT, run, type CommandName, type Limits, type Run } from './commands';
import { DRILL_REGION, PAGINATION_REGION, ROLE, motoState } from './state';

/*
 * The fault suite: every command against moto_server behind a proxy that injects one fault, with a
 * row per fault and command. Each row checks the run was bounded (within the deadline plus a few
 * seconds), exited 2, said what went wrong, and claimed nothing it did not read: no GO, no healthy
 * tunnel or database, no MISSING. Timing: the rows whose fault is about time (a delay, a stall)
 * run with small limits (FAST: --call-timeout 1500ms, --max-attempts 2, --deadline 4s) and must
 * end within the deadline plus 3 s, plus the time the test process itself was starved of CPU
 * (measured during the run: a deadline bounds what the command waits for, not the machine's other
 * work); every other row runs with PATIENT limits,
 * so on a busy machine a slow moto cannot turn a denial or a bad page into a deadline. Rows run
 * side by side, each with its own proxy; nothing is retried.
 */

/** The run ended within its deadline plus 3 s, not counting the time the process was starved. */
function expectBounded(result: Run, limits: Limits): void {
  const bound = limits.deadlineMs + 3000;
  if (result.ms - result.starvedMs >= bound) {
    throw new Error(
      `the run took ${result.ms} ms (of which ${result.starvedMs} ms starved of CPU), over the bound of ${bound} ms (deadline ${limits.deadlineMs} ms + 3 s)`,
    );
  }
}
/** The faults that are about time: only these need the small limits to end quickly. */
const TIMING_FAULTS: readonly Fault[] = ['delay', 'stall', 'stall-body'];
const state = motoState();
const config = loadConfig(state.config);

async function withProxy(
  rules: readonly Rule[],
  /** `calls` grows as the proxy sees each call, for a test that acts when one happens. */
  work: (url: string, calls: readonly string[]) => Promise<Run>,
  slow = false,
): Promise<Run & { calls: string[] }> {
  const complement = new MotoComplement(config, state.endpoint);
  complement.slowRestore = slow;
  const proxy = await startFaultProxy(state.endpoint, complement, rules);
  try {
    const result = await work(proxy.url, proxy.calls);
    return { ...result, calls: [...proxy.calls] };
  } finally {
    await proxy.close();
  }
}

interface ReportError {
  kind: string;
  action: string;
  message: string;
}

function errorsOf(result: Run): ReportError[] {
  const errors = result.report['errors'];
  if (!Array.isArray(errors)) return [];
  // The drill's "cannot start" JSON lists messages only.
  return errors.map((e: unknown) =>
    typeof e === 'string' ? { kind: '?', action: '?', message: e } : (e as ReportError),
  );
}

/**
 * The error kinds each fault must produce (at least one call) and may produce (every call). On a
 * busy machine a retried call can also meet the deadline, and a call the proxy passes to moto can
 * time out waiting for moto: those are reported as such, which is right, so they are allowed.
 */
const SLOW = ['timeout', 'deadline'];
const KINDS: Readonly<Record<Fault, { must: readonly string[]; may: readonly string[] }>> = {
  throttle: { must: ['throttled'], may: SLOW },
  deny: { must: ['access-denied'], may: [] },
  'error-500': { must: ['other'], may: SLOW },
  'html-200': { must: ['invalid-response'], may: [] },
  'html-500': { must: ['invalid-response'], may: SLOW },
  'empty-200': { must: ['invalid-response'], may: [] },
  truncated: { must: ['invalid-response'], may: SLOW },
  dropped: { must: ['endpoint'], may: SLOW },
  delay: { must: SLOW, may: [] },
  stall: { must: SLOW, may: [] },
  'stall-body': { must: SLOW, may: [] },
};

/** The message each kind must say, for the person on the rota. */
const SAYS: Readonly<Record<string, RegExp>> = {
  throttled: /still throttled after 2 attempts/,
  'access-denied':
    /access denied \((UnauthorizedOperation|AccessDenied|AccessDeniedException)\)\. The role needs the IAM action/,
  other: /InternalFailure \(HTTP 500\) after 2 attempts/,
  'invalid-response':
    /answered HTTP (200|500).* with (an empty answer|a web page|XML that ends|JSON that ends).* instead of an AWS answer, so nothing was read/,
  endpoint: /the connection was cut/,
  timeout: /no complete answer within --call-timeout/,
  deadline: new RegExp(
    `the run's deadline \\((--deadline ${formatDuration(FAST.deadlineMs)}|--deadline ${formatDuration(PATIENT.deadlineMs)})\\) passed`,
  ),
  '?': /./,
};

/** Nothing that was not read is reported as healthy, present or missing. */
function claimsNothingUnread(command: CommandName, result: Run): void {
  const r = result.report;
  switch (command) {
    case 'vpn-status': {
      const tunnels = r['tunnels'] as { status: string }[];
      expect(tunnels.map((t) => t.status).filter((s) => s !== 'NOT READ')).toEqual([]);
      expect(r['findings']).toEqual([]);
      expect(r['status']).toBe('failed');
      break;
    }
    case 'db-health': {
      const databases = r['databases'] as { exists?: boolean }[];
      expect(databases.filter((d) => d.exists !== undefined)).toEqual([]);
      expect(r['findings']).toEqual([]);
      expect(r['status']).toBe('failed');
      break;
    }
    case 'backup-compliance': {
      const vaults = r['vaults'] as { exists?: boolean }[];
      expect(vaults.filter((v) => v.exists !== undefined)).toEqual([]);
      expect(r['findings']).toEqual([]);
      expect(r['status']).toBe('failed');
      break;
    }
    case 'cutover-readiness': {
      const workloads = r['workloads'] as { verdict: string }[];
      expect(r['verdict']).toBe('not-read');
      expect(workloads.map((w) => w.verdict)).toEqual(['not-read']);
      break;
    }
    case 'restore-drill':
      expect(r['status']).toBe('failed');
      expect(result.output.stdout).not.toMatch(/"resources"/);
      break;
  }
}

function rulesFor(fault: Fault): Rule[] {
  return [{ fault, ...(fault === 'delay' ? { delayMs: FAST.callTimeoutMs + 300 } : {}) }];
}

const ROWS = COMMANDS.flatMap((command) => FAULTS.map((fault) => [command, fault] as const));

describe('every fault, every command: bounded, exit 2, a clear message, nothing claimed that was not read', () => {
  it.concurrent.each(ROWS)('%s with %s on every call', async (command, fault) => {
    const limits = TIMING_FAULTS.includes(fault) ? FAST : PATIENT;
    const result = await withProxy(rulesFor(fault), (url) => run(command, url, { limits }));
    expectBounded(result, limits);
    expect(result.output.exitCode).toBe(2);
    const errors = errorsOf(result);
    expect(errors.length).toBeGreaterThan(0);
    const { must, may } = KINDS[fault];
    const allowed = [...must, ...may];
    if (command !== 'restore-drill') {
      expect(errors.map((e) => e.kind).filter((k) => !allowed.includes(k))).toEqual([]);
      expect(errors.some((e) => must.includes(e.kind))).toBe(true);
    }
    for (const e of errors) {
      expect(e.message).toMatch(
        command === 'restore-drill'
          ? new RegExp(allowed.map((k) => SAYS[k]?.source).join('|'))
          : (SAYS[e.kind] ?? /./),
      );
    }
    claimsNothingUnread(command, result);
  });
});

describe('pagination over 100 items (and the rest of the estate clean): every page read', () => {
  it.concurrent.each(COMMANDS)('%s', async (command) => {
    const result = await withProxy([], (url) =>
      run(command, url, {
        limits: PATIENT,
        ...(command === 'db-health' || command === 'cutover-readiness' ? { region: PAGINATION_REGION } : {}),
      }),
    );
    expect(result.output.exitCode).toBe(0);
    expect(errorsOf(result)).toEqual([]);
    if (command === 'db-health' || command === 'cutover-readiness') {
      // More than 100 instances: the planned ones are on the second page.
      expect(result.calls.filter((c) => c === 'rds:DescribeDBInstances').length).toBeGreaterThanOrEqual(2);
    }
    if (command === 'backup-compliance') {
      expect(result.calls.filter((c) => c === 'backup:ListRecoveryPointsByBackupVault')).toHaveLength(2);
      expect((result.report['vaults'] as { recoveryPoints?: number }[])[0]?.recoveryPoints).toBeGreaterThan(
        100,
      );
    }
    if (command === 'cutover-readiness') expect(result.report['verdict']).toBe('go');
  });
});

describe('one call failing: the verdict says NOT READ, never GO or MISSING', () => {
  it.concurrent.each([
    ['ec2', 'DescribeCustomerGateways'],
    ['rds', 'DescribePendingMaintenanceActions'],
  ])('cutover-readiness with %s:%s denied', async (service, operation) => {
    const result = await withProxy([{ service, operation, fault: 'deny' }], (url) =>
      run('cutover-readiness', url, { limits: PATIENT }),
    );
    expect(result.output.exitCode).toBe(2);
    expect(result.report['verdict']).toBe('not-read');
    expect(errorsOf(result).map((e) => e.action)).toEqual([`${service}:${operation}`]);
  });

  it.concurrent.each(['empty-200', 'html-200'] as const)(
    'vpn-status with %s to DescribeVpnConnections only: NOT READ, not MISSING',
    async (fault) => {
      const result = await withProxy([{ operation: 'DescribeVpnConnections', fault }], (url) =>
        run('vpn-status', url, { limits: PATIENT }),
      );
      expect(result.output.exitCode).toBe(2);
      const tunnels = result.report['tunnels'] as { status: string }[];
      expect([...new Set(tunnels.map((t) => t.status))]).toEqual(['NOT READ']);
      expect(result.report['findings']).toEqual([]);
    },
  );

  it.concurrent(
    'db-health with the second page of DescribeDBInstances not an answer: NOT READ, nothing MISSING',
    async () => {
      // The planned databases are on the second page: the first page alone proves nothing about them.
      const result = await withProxy(
        [{ operation: 'DescribeDBInstances', fault: 'html-200', nth: 2 }],
        (url) => run('db-health', url, { region: PAGINATION_REGION, limits: PATIENT }),
      );
      expect(result.calls.filter((c) => c === 'rds:DescribeDBInstances')).toHaveLength(2);
      expect(result.output.exitCode).toBe(2);
      expect(
        (result.report['databases'] as { exists?: boolean }[]).every((d) => d.exists === undefined),
      ).toBe(true);
      expect(result.report['findings']).toEqual([]);
    },
  );
});

describe('--assume-role: a refused or stalled sts:AssumeRole is named as such, never as the service action', () => {
  it.concurrent.each(COMMANDS)('%s with sts:AssumeRole denied', async (command) => {
    const result = await withProxy([{ service: 'sts', operation: 'AssumeRole', fault: 'deny' }], (url) =>
      run(command, url, { assumeRole: ROLE, limits: PATIENT }),
    );
    expect(result.output.exitCode).toBe(2);
    const errors = errorsOf(result);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.message).toMatch(
        new RegExp(`could not assume arn:aws:iam::\\d{12}:role/${ROLE} \\(AccessDenied\\)`),
      );
      expect(e.message).toContain(`STS refused the caller ${DENIED_CALLER}`);
      expect(e.message).toContain("the role's trust policy must trust the caller");
      expect(e.message).not.toContain('The role needs the IAM action');
    }
    if (command !== 'restore-drill') claimsNothingUnread(command, result);
  });

  it.concurrent.each(COMMANDS)(
    '%s with sts:AssumeRole stalled: bounded by the same limits',
    async (command) => {
      const result = await withProxy([{ service: 'sts', fault: 'stall' }], (url) =>
        run(command, url, { assumeRole: ROLE }),
      );
      expectBounded(result, FAST);
      expect(result.output.exitCode).toBe(2);
      expect(errorsOf(result).every((e) => /could not assume|deadline/.test(e.message))).toBe(true);
    },
  );
});

describe('the restore drill leaves nothing behind it does not list', () => {
  const ec2 = (): EC2Client =>
    new EC2Client({ region: DRILL_REGION, endpoint: state.endpoint, credentials: MOTO_CREDENTIALS });
  const rds = (): RDSClient =>
    new RDSClient({ region: DRILL_REGION, endpoint: state.endpoint, credentials: MOTO_CREDENTIALS });

  function record(result: Run): Record<string, unknown> {
    const dir = result.outDir ?? '';
    const file = readdirSync(dir).find((f) => f.endsWith('.json'));
    return JSON.parse(readFileSync(join(dir, file ?? ''), 'utf8')) as Record<string, unknown>;
  }

  async function leftInMoto(name: string): Promise<{ groups: number; instances: number }> {
    const client = ec2();
    const db = rds();
    try {
      const groups = await client.send(
        new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [name] }] }),
      );
      const instances = await db
        .send(new DescribeDBInstancesCommand({}))
        .then((d) => (d.DBInstances ?? []).filter((i) => i.DBInstanceIdentifier === name));
      return { groups: groups.SecurityGroups?.length ?? 0, instances: instances.length };
    } finally {
      client.destroy();
      db.destroy();
    }
  }

  it.concurrent(
    "StartRestoreJob's answer lost after AWS accepted it: the instance is found by name and deleted",
    async () => {
      const result = await withProxy([{ operation: 'StartRestoreJob', fault: 'dropped' }], (url) =>
        run('restore-drill', url, { limits: { ...PATIENT, maxAttempts: 1 } }),
      );
      expect(result.output.exitCode).toBe(2);
      const evidence = record(result);
      const plan = evidence['plan'] as { drillId: string };
      expect(evidence['resources']).toEqual([
        expect.objectContaining({ kind: 'security-group', state: 'created' }),
        expect.objectContaining({ kind: 'db-subnet-group', state: 'created' }),
        expect.objectContaining({ kind: 'db-instance', name: plan.drillId, state: 'requested' }),
      ]);
      expect(evidence['cleanup']).toEqual([
        { resource: 'db-instance', id: plan.drillId, deleted: true },
        { resource: 'db-subnet-group', id: plan.drillId, deleted: true },
        expect.objectContaining({ resource: 'security-group', deleted: true }),
      ]);
      expect(result.calls).toContain('rds:DeleteDBInstance');
      expect(await leftInMoto(plan.drillId)).toEqual({ groups: 0, instances: 0 });
    },
  );

  it.concurrent("CreateSecurityGroup's answer lost: the group is looked up by name and deleted", async () => {
    const result = await withProxy([{ operation: 'CreateSecurityGroup', fault: 'dropped' }], (url) =>
      run('restore-drill', url, { limits: { ...PATIENT, maxAttempts: 1 } }),
    );
    expect(result.output.exitCode).toBe(2);
    const evidence = record(result);
    const plan = evidence['plan'] as { drillId: string };
    expect(evidence['resources']).toEqual([
      expect.objectContaining({ kind: 'security-group', state: 'requested' }),
    ]);
    expect(evidence['cleanup']).toEqual([
      expect.objectContaining({ resource: 'security-group', deleted: true }),
    ]);
    expect(result.calls).toEqual(
      expect.arrayContaining(['ec2:DescribeSecurityGroups', 'ec2:DeleteSecurityGroup']),
    );
    expect(await leftInMoto(plan.drillId)).toEqual({ groups: 0, instances: 0 });
  });

  it.concurrent(
    'the set-up stalled past the deadline: stopped at the deadline, cleaned up, bounded',
    async () => {
      const result = await withProxy([{ operation: 'CreateDBSubnetGroup', fault: 'stall' }], (url) =>
        run('restore-drill', url, { limits: { ...FAST, callTimeoutMs: 10_000 } }),
      );
      expectBounded(result, FAST);
      expect(result.output.exitCode).toBe(2);
      const evidence = record(result);
      expect(String(evidence['stopped'])).toContain(
        `deadline (--deadline ${formatDuration(FAST.deadlineMs)})`,
      );
      expect((evidence['cleanup'] as { deleted: boolean }[]).every((c) => c.deleted)).toBe(true);
    },
  );

  it.concurrent(
    'a security group that cannot be deleted is listed with the command that removes it',
    async () => {
      const result = await withProxy([{ operation: 'DeleteSecurityGroup', fault: 'deny' }], (url) =>
        run('restore-drill', url, { limits: PATIENT }),
      );
      expect(result.output.exitCode).toBe(2);
      const evidence = record(result);
      const left = (evidence['cleanup'] as { resource: string; deleted: boolean; manual?: string }[]).filter(
        (c) => !c.deleted,
      );
      expect(left).toEqual([
        expect.objectContaining({
          resource: 'security-group',
          manual: expect.stringMatching(
            /^aws ec2 delete-security-group --region eu-west-1 --group-id sg-/,
          ) as unknown,
        }),
      ]);
      expect(existsSync(result.outDir ?? '')).toBe(true);
    },
  );

  it.concurrent('an interrupt while the restore runs stops the wait and cleans up everything', async () => {
    const interrupt = new AbortController();
    const result = await withProxy(
      [],
      async (url, calls) => {
        // Interrupted once the drill is waiting on the restore (its first poll of the job), not
        // after a fixed time: on a loaded machine the drill may not have got that far in 600 ms.
        const watch = setInterval(() => {
          if (calls.includes('backup:DescribeRestoreJob')) {
            clearInterval(watch);
            interrupt.abort(new Error('interrupted by SIGTERM'));
          }
        }, 25);
        try {
          return await run('restore-drill', url, { limits: PATIENT, drill: { signal: interrupt.signal } });
        } finally {
          clearInterval(watch);
        }
      },
      true,
    );
    expect(result.output.exitCode).toBe(2);
    const evidence = record(result);
    expect(String(evidence['stopped'])).toMatch(/interrupted/);
    expect((evidence['cleanup'] as { deleted: boolean }[]).map((c) => c.deleted)).toEqual([true, true, true]);
    expect(await leftInMoto((evidence['plan'] as { drillId: string }).drillId)).toEqual({
      groups: 0,
      instances: 0,
    });
  });
});
