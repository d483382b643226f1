import {
  BackupClient,
  DescribeBackupVaultCommand,
  ListBackupJobsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
} from '@aws-sdk/client-backup';
import {
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import {
  DescribeDBInstancesCommand,
  DescribePendingMaintenanceActionsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { checkWaveReadiness, runCutoverReadiness } from '../../../lib/cli/ops-cutover-readiness-command';
import { expectedVaults } from '../../../lib/ops/backup-plan';
import { OPS_READ_ACTIONS } from '../../../lib/ops/iam-actions';
import { plannedDevices } from '../../../lib/ops/vpn-status';
import { lz } from '../../helpers/lz-cli';
import { CONFIG, config, IDENTIFIER, readyWorkload, waveOf } from './cutover-fixture';

const NOW = new Date('2026-11-23T08:00:00Z');
const OPTIONS = {
  config: CONFIG,
  waves: 'migration-waves',
  wave: 'wave-05',
  json: true,
  aws: { region: 'eu-west-2', maxAttempts: 1 },
  now: NOW,
};
const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
const ARN = `arn:aws:rds:eu-west-2:444444444444:db:${IDENTIFIER}`;

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
const backup = mockClient(BackupClient);

interface Report {
  verdict: string;
  workloads: {
    workload: string;
    verdict: string;
    reasons: { severity: string; check: string; message: string }[];
  }[];
  errors: { action: string; kind: string; message: string }[];
}

function accessDenied(): Error {
  return Object.assign(new Error('not authorized'), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 403 },
  });
}

function seedVpn(status: (site: string) => 'UP' | 'DOWN'): void {
  ec2.on(DescribeCustomerGatewaysCommand).resolves({
    CustomerGateways: devices.map((d, i) => ({
      CustomerGatewayId: `cgw-${i}`,
      IpAddress: d.publicIp,
      State: 'available',
    })),
  });
  ec2.on(DescribeVpnConnectionsCommand).resolves({
    VpnConnections: devices.map((d, i): VpnConnection => ({
      VpnConnectionId: `vpn-${i}`,
      CustomerGatewayId: `cgw-${i}`,
      State: 'available',
      VgwTelemetry: [1, 2].map((t) => ({
        OutsideIpAddress: `35.176.0.${i * 2 + t}`,
        Status: status(d.site),
        AcceptedRouteCount: d.routing === 'bgp' ? 4 : 0,
      })),
    })),
  });
}

function seedDatabase(status = 'available'): void {
  rds.on(DescribeDBInstancesCommand).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: IDENTIFIER,
        DBInstanceArn: ARN,
        DBInstanceStatus: status,
        EngineVersion: config.dataProtection?.databases.find((d) => d.workload === 'revenues-benefits')
          ?.version,
        StorageEncrypted: true,
        DeletionProtection: true,
        BackupRetentionPeriod: 35,
        LatestRestorableTime: new Date(NOW.getTime() - 5 * 60000),
      },
    ],
  });
  rds.on(DescribePendingMaintenanceActionsCommand).resolves({ PendingMaintenanceActions: [] });
}

/** Every vault the database relies on exists, locked as configured, with a fresh point or copy. */
function seedBackups(points = true): void {
  for (const v of expectedVaults(config)) {
    backup.on(DescribeBackupVaultCommand, { BackupVaultName: v.vaultName }).resolves({
      BackupVaultName: v.vaultName,
      Locked: true,
      ...(v.lock.mode === 'compliance' ? { LockDate: new Date('2026-11-01T00:00:00Z') } : {}),
      MinRetentionDays: v.lock.minRetentionDays,
      MaxRetentionDays: v.lock.maxRetentionDays,
    });
    backup.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: v.vaultName }).resolves({
      RecoveryPoints: points
        ? [
            {
              RecoveryPointArn: `arn:aws:backup:eu-west-2:444444444444:recovery-point:${v.vaultName}`,
              ResourceArn: ARN,
              Status: 'COMPLETED',
              CompletionDate: new Date(NOW.getTime() - 10 * 60000),
            },
          ]
        : [],
    });
  }
  backup.on(ListBackupJobsCommand).resolves({ BackupJobs: [] });
  backup.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
}

async function run(workloads = [readyWorkload]): Promise<{ exitCode: number; report: Report }> {
  const out = await checkWaveReadiness(config, waveOf(workloads), OPTIONS);
  return { exitCode: out.exitCode, report: JSON.parse(out.stdout) as Report };
}

beforeEach(() => {
  ec2.reset();
  rds.reset();
  backup.reset();
  seedVpn(() => 'UP');
  seedDatabase();
  seedBackups();
});

describe('lz ops cutover-readiness through the SDK (aws-sdk-client-mock)', () => {
  it('go (exit 0) when the database, its backups and copies, and its sites are all healthy', async () => {
    const { exitCode, report } = await run();
    expect(report.errors).toEqual([]);
    expect(report.workloads).toEqual([
      expect.objectContaining({ workload: 'revenues-benefits', verdict: 'go', reasons: [] }),
    ]);
    expect(report).toEqual(expect.objectContaining({ verdict: 'go' }));
    expect(exitCode).toBe(0);
  });

  it('no-go (exit 1: read, and found something) when the database is not available', async () => {
    rds.reset();
    seedDatabase('stopped');
    const { exitCode, report } = await run();
    expect(report.workloads[0]?.reasons).toEqual([
      { severity: 'no-go', check: 'database', message: `${IDENTIFIER}: status is stopped [status]` },
    ]);
    expect(exitCode).toBe(1);
  });

  it('no-go when the database has no recovery point in its vault (and no copies: warnings)', async () => {
    backup.reset();
    seedBackups(false);
    const { report } = await run();
    const reasons = report.workloads[0]?.reasons ?? [];
    expect(reasons.filter((r) => r.severity === 'no-go').map((r) => r.message)).toEqual([
      `${IDENTIFIER}: planned for tier gold but has no recovery point in kvdc-production [unprotected]`,
    ]);
    expect(reasons.filter((r) => r.severity === 'warning').map((r) => r.check)).toEqual(['backup', 'backup']);
  });

  it('no-go when the site behind a hard dependency is down; only a warning for a soft one', async () => {
    ec2.reset();
    seedVpn((site) => (site === 'civic-centre-dc' ? 'DOWN' : 'UP'));
    expect((await run()).report.workloads[0]?.reasons.map((r) => [r.severity, r.check])).toEqual([
      ['no-go', 'vpn'],
    ]);
    ec2.reset();
    seedVpn((site) => (site === 'northgate-depot' ? 'DOWN' : 'UP'));
    const soft = await run();
    expect(soft.report.workloads[0]?.reasons.map((r) => [r.severity, r.check])).toEqual([['warning', 'vpn']]);
    expect(soft.exitCode).toBe(1);
  });

  it('one API failing is shown with its IAM action while the other checks still report', async () => {
    backup.on(ListRecoveryPointsByBackupVaultCommand).rejects(accessDenied());
    ec2.reset();
    seedVpn((site) => (site === 'civic-centre-dc' ? 'DOWN' : 'UP'));
    rds.reset();
    seedDatabase('stopped');
    const { exitCode, report } = await run();
    expect(report.errors.map((e) => e.action)).toEqual(
      expect.arrayContaining(['backup:ListRecoveryPointsByBackupVault']),
    );
    expect(report.errors.every((e) => e.kind === 'access-denied')).toBe(true);
    expect(report.errors[0]?.message).toMatch(
      /The role needs the IAM action backup:ListRecoveryPointsByBackupVault/,
    );
    // The database and VPN findings are still there, and the unread backups count against the go.
    expect(report.workloads[0]?.reasons.map((r) => r.check).sort()).toEqual(['database', 'unread', 'vpn']);
    expect(exitCode).toBe(2);
  });

  it('the VPN connections unreadable: every site it needs is not read, so NOT READ (exit 2), the database still checked', async () => {
    ec2.on(DescribeVpnConnectionsCommand).rejects(accessDenied());
    const { exitCode, report } = await run();
    expect(report.errors.map((e) => e.action)).toEqual(['ec2:DescribeVpnConnections']);
    expect(report.workloads[0]?.reasons.map((r) => [r.severity, r.check])).toEqual([
      ['unread', 'unread'],
      ['unread', 'unread'],
    ]);
    expect(report.verdict).toBe('not-read');
    expect(exitCode).toBe(2);
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(1);
  });

  it.each([
    ['ec2:DescribeCustomerGateways', () => ec2.on(DescribeCustomerGatewaysCommand).rejects(accessDenied())],
    [
      'rds:DescribePendingMaintenanceActions',
      () => rds.on(DescribePendingMaintenanceActionsCommand).rejects(accessDenied()),
    ],
  ])('%s denied: never GO, the verdict is NOT READ (exit 2)', async (action, deny) => {
    deny();
    const { exitCode, report } = await run();
    expect(report.errors.map((e) => e.action)).toEqual([action]);
    expect(report.verdict).toBe('not-read');
    expect(report.workloads[0]?.reasons.map((r) => r.severity)).toContain('unread');
    expect(exitCode).toBe(2);
  });

  it('a pending maintenance action is a warning: it could restart the database during the cutover', async () => {
    rds.on(DescribePendingMaintenanceActionsCommand).resolves({
      PendingMaintenanceActions: [
        {
          ResourceIdentifier: ARN,
          PendingMaintenanceActionDetails: [{ Action: 'system-update' }],
        },
      ],
    });
    const { exitCode, report } = await run();
    expect(report.workloads[0]?.reasons).toEqual([
      {
        severity: 'warning',
        check: 'database',
        message: `${IDENTIFIER}: pending maintenance: system-update [pending-maintenance]`,
      },
    ]);
    expect(exitCode).toBe(1);
  });

  it('the table lists each workload, each reason and the wave verdict', async () => {
    rds.reset();
    seedDatabase('stopped');
    const out = await checkWaveReadiness(config, waveOf([readyWorkload]), { ...OPTIONS, json: false });
    expect(out.stdout).toMatch(/revenues-benefits\s+│ NO-GO/);
    expect(out.stdout).toContain(
      `NO-GO revenues-benefits [database]: ${IDENTIFIER}: status is stopped [status]`,
    );
    expect(out.stdout).toContain(
      'wave-05 (Revenues and benefits): NO-GO, 1 workload(s), 1 no-go, 0 not read, 0 failed call(s) (exit 1)',
    );
  });

  it('the real wave-05 as planned: no-go on the recorded approval and the databases the config lacks', async () => {
    const out = await runCutoverReadiness(OPTIONS);
    const report = JSON.parse(out.stdout) as Report;
    expect(report.verdict).toBe('no-go');
    expect(out.exitCode).toBe(1);
    const first = report.workloads.find((w) => w.workload === 'revs-bens-nec');
    expect(first?.reasons.map((r) => r.check)).toEqual(
      expect.arrayContaining(['approval', 'sign-off', 'database']),
    );
  });

  it('needs exactly the actions of the three checks it reuses', () => {
    const reused = [
      ...OPS_READ_ACTIONS['vpn-status'],
      ...OPS_READ_ACTIONS['db-health'],
      ...OPS_READ_ACTIONS['backup-compliance'],
    ];
    expect([...OPS_READ_ACTIONS['cutover-readiness']].sort()).toEqual([...new Set(reused)].sort());
  });
});

describe('lz ops cutover-readiness as a process', () => {
  it('an unknown wave id is an error listing the known ids (exit 2)', () => {
    const result = lz('ops', 'cutover-readiness', '--wave', 'wave-9', '--endpoint', 'http://127.0.0.1:9');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'unknown wave "wave-9" in migration-waves (known waves: wave-01, wave-02, wave-03, wave-04, wave-05, wave-06)',
    );
    expect(result.stdout).toBe('');
  });
});
