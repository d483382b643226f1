import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fourEngineExampleText } from '../../helpers/four-engine-databases';
import {
  BackupClient,
  DescribeBackupVaultCommand,
  ListBackupJobsCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  type RecoveryPointByBackupVault,
} from '@aws-sdk/client-backup';
import { mockClient } from 'aws-sdk-client-mock';
import { runBackupCompliance } from '../../../lib/cli/ops-backup-compliance-command';
import { loadConfig } from '../../../lib/config/load';
import { expectedVaults, protectedResources } from '../../../lib/ops/backup-plan';

// The example with a database of each engine in dataProtection.databases (the example itself keeps
// only the CRM staging copy there; the plan's databases are covered in planned-with-waves.test.ts).
const CONFIG = join(mkdtempSync(join(tmpdir(), 'lz-ops-')), 'landing-zone.yaml');
writeFileSync(CONFIG, fourEngineExampleText());
const NOW = new Date('2026-11-23T08:00:00Z');
const AWS = { region: 'eu-west-2', maxAttempts: 1 };
const config = loadConfig(CONFIG);
const VAULTS = expectedVaults(config);
const RESOURCES = protectedResources(config);
const backup = mockClient(BackupClient);

beforeEach(() => {
  backup.reset();
});

function point(identifier: string, minutesAgo: number): RecoveryPointByBackupVault {
  return {
    RecoveryPointArn: `arn:aws:backup:eu-west-2:555555555555:recovery-point:${identifier}-${minutesAgo}`,
    ResourceArn: `arn:aws:rds:eu-west-2:555555555555:db:${identifier}`,
    Status: 'COMPLETED',
    CreationDate: new Date(NOW.getTime() - (minutesAgo + 5) * 60000),
    CompletionDate: new Date(NOW.getTime() - minutesAgo * 60000),
  };
}

/** Every vault exists with its configured lock and holds a recent point or copy of each database. */
function seedCompliant(): void {
  for (const v of VAULTS) {
    backup.on(DescribeBackupVaultCommand, { BackupVaultName: v.vaultName }).resolves({
      BackupVaultName: v.vaultName,
      Locked: true,
      ...(v.lock.mode === 'compliance' ? { LockDate: new Date('2026-11-01T00:00:00Z') } : {}),
      MinRetentionDays: v.lock.minRetentionDays,
      MaxRetentionDays: v.lock.maxRetentionDays,
    });
    const points = RESOURCES.filter((r) =>
      v.kind === 'workload'
        ? r.accountName === v.accountName
        : (v.kind === 'central' ? r.centralCopy : r.drCopy) !== undefined,
    ).map((r) => point(r.identifier, v.kind === 'workload' ? 10 : 90));
    backup.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: v.vaultName }).resolves({
      RecoveryPoints: points,
    });
  }
  backup.on(ListBackupJobsCommand).resolves({ BackupJobs: [] });
  backup.on(ListCopyJobsCommand).resolves({ CopyJobs: [] });
}

interface Report {
  status: string;
  vaults: { vault: string; exists?: boolean; lockMode?: string; recoveryPoints?: number }[];
  findings: { kind: string; subject: string }[];
  errors: { account: string; region: string; action: string; kind: string }[];
}

describe('lz ops backup-compliance (aws-sdk-client-mock)', () => {
  it('is healthy (exit 0) across every account and region read through the role', async () => {
    seedCompliant();
    const out = await runBackupCompliance({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      assumeRole: 'lz-operations-read-only',
    });
    expect(out.stdout).toContain('HEALTHY: 0 finding(s), 0 failed call(s) (exit 0)');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/kvdc-dr .*dr .*backup .*eu-west-1 .*yes .*compliance .*7-400d .*3/);
    expect(out.stdout).toMatch(/kvdc-crm-main .*non-production .*bronze .*10m ago .*2880m .*1h 30m ago .*- /);
    // Jobs are read only in the workload accounts, once per failed state.
    expect(backup.commandCalls(ListBackupJobsCommand)).toHaveLength(2 * 3);
    expect(backup.commandCalls(ListCopyJobsCommand)).toHaveLength(2 * 2);
  });

  it('reads every page of recovery points and jobs', async () => {
    seedCompliant();
    const production = RESOURCES.filter((r) => r.accountName === 'production');
    const [first, ...rest] = production.map((r) => point(r.identifier, 10));
    backup
      .on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'kvdc-production' })
      .resolves({ RecoveryPoints: first === undefined ? [] : [first], NextToken: 'page-2' })
      .on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'kvdc-production', NextToken: 'page-2' })
      .resolves({ RecoveryPoints: rest });
    backup
      .on(ListBackupJobsCommand, { ByState: 'FAILED' })
      .resolves({ BackupJobs: [], NextToken: 'jobs-2' })
      .on(ListBackupJobsCommand, { ByState: 'FAILED', NextToken: 'jobs-2' })
      .resolves({
        BackupJobs: [
          {
            BackupJobId: 'job-9',
            State: 'FAILED',
            ResourceArn: 'arn:aws:rds:eu-west-2:555555555555:db:kvdc-planning-main',
            StatusMessage: 'insufficient privileges',
          },
        ],
      });
    const out = await runBackupCompliance({
      config: CONFIG,
      json: true,
      aws: AWS,
      now: NOW,
      accounts: ['production'],
    });
    const report = JSON.parse(out.stdout) as Report;
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'backup-job-failed kvdc-planning-main',
    ]);
    expect(out.exitCode).toBe(1);
    expect(
      backup.commandCalls(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'kvdc-production' }),
    ).toHaveLength(2);
  });

  it('reports each finding type found through the SDK: missing vault, no lock, unprotected, missing copy, failed copy', async () => {
    seedCompliant();
    backup
      .on(DescribeBackupVaultCommand, { BackupVaultName: 'kvdc-dr' })
      .rejects(Object.assign(new Error('kvdc-dr'), { name: 'ResourceNotFoundException' }));
    backup
      .on(DescribeBackupVaultCommand, { BackupVaultName: 'kvdc-non-production' })
      .resolves({ BackupVaultName: 'kvdc-non-production', Locked: false });
    backup
      .on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'kvdc-non-production' })
      .resolves({ RecoveryPoints: [] });
    backup.on(ListRecoveryPointsByBackupVaultCommand, { BackupVaultName: 'kvdc-central' }).resolves({
      RecoveryPoints: [point('kvdc-revenues-benefits-main', 60)],
    });
    backup.on(ListCopyJobsCommand, { ByState: 'PARTIAL' }).resolves({
      CopyJobs: [
        {
          CopyJobId: 'copy-3',
          State: 'PARTIAL',
          ResourceArn: 'arn:aws:rds:eu-west-2:555555555555:db:kvdc-gis-main',
        },
      ],
    });
    const out = await runBackupCompliance({
      config: CONFIG,
      json: true,
      aws: AWS,
      now: NOW,
      assumeRole: 'ops',
    });
    const report = JSON.parse(out.stdout) as Report;
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'vault-not-locked non-production/eu-west-2/kvdc-non-production',
      'missing-vault backup/eu-west-1/kvdc-dr',
      'missing-copy kvdc-gis-main',
      'missing-copy kvdc-planning-main',
      'unprotected kvdc-crm-main',
      'missing-copy kvdc-crm-main',
      'copy-job-failed kvdc-gis-main',
    ]);
    expect(out.exitCode).toBe(1);
  });

  it('partial failure: a denied or throttled account is reported with its name while the others are still checked', async () => {
    seedCompliant();
    backup.on(DescribeBackupVaultCommand, { BackupVaultName: 'kvdc-central' }).rejects(
      Object.assign(new Error('not authorised'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    backup.on(ListBackupJobsCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const out = await runBackupCompliance({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      assumeRole: 'ops',
    });
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toContain(
      'FAILED [backup eu-west-2] backup:DescribeBackupVault: access denied (AccessDeniedException). The role needs the IAM action backup:DescribeBackupVault',
    );
    expect(out.stdout).toContain('FAILED [production eu-west-2] backup:ListBackupJobs: still throttled');
    expect(out.stdout).toContain('FAILED [non-production eu-west-2] backup:ListBackupJobs: still throttled');
    expect(out.stdout).toMatch(/kvdc-central .*central .*backup .*eu-west-2 .*NOT READ/);
    expect(out.stdout).toMatch(/kvdc-dr .*eu-west-1 .*yes .*compliance/);
    expect(out.stdout).toContain('0 finding(s), 3 failed call(s) (exit 2)');
  });

  it('refuses several accounts without --assume-role, unknown accounts and a bad --since, before any call', async () => {
    const several = await runBackupCompliance({ config: CONFIG, json: false, aws: AWS, now: NOW });
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toContain('the default credentials reach one: name it with --account <name>');
    const unknown = await runBackupCompliance({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['network'],
    });
    expect(unknown.stderr).toContain('--account "network": no vault lives there');
    const since = await runBackupCompliance({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['backup'],
      since: 'last week',
    });
    expect(since.stderr).toContain('--since must be a duration');
    expect(backup.calls()).toHaveLength(0);
  });
});
