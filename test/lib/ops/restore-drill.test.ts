import { fourEngineExampleText } from '../../helpers/four-engine-databases';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackupClient,
  DescribeRestoreJobCommand,
  GetRecoveryPointRestoreMetadataCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartRestoreJobCommand,
} from '@aws-sdk/client-backup';
import {
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateDBSubnetGroupCommand,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  DescribeDBInstancesCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { runRestoreDrill } from '../../../lib/cli/ops-restore-drill-command';

// The example with a database of each engine in dataProtection.databases (the example itself keeps
// only the CRM staging copy there; the plan's databases are covered in planned-with-waves.test.ts).
const CONFIG = join(mkdtempSync(join(tmpdir(), 'lz-ops-')), 'landing-zone.yaml');
writeFileSync(CONFIG, fourEngineExampleText());
const AWS = { region: 'eu-west-2', maxAttempts: 1 };
const SOURCE = 'kvdc-gis-main';
const backup = mockClient(BackupClient);
const rds = mockClient(RDSClient);
const ec2 = mockClient(EC2Client);

/** A fake clock that each sleep moves forward, so polling takes no real time. */
function fakeTime(): { now: () => Date; sleep: (ms: number) => Promise<void> } {
  let t = new Date('2026-11-23T02:00:00Z').getTime();
  return {
    now: () => new Date(t),
    sleep: (ms) => {
      t += ms;
      return Promise.resolve();
    },
  };
}

const MUTATING = [
  CreateSecurityGroupCommand,
  RevokeSecurityGroupEgressCommand,
  CreateDBSubnetGroupCommand,
  StartRestoreJobCommand,
  DeleteDBInstanceCommand,
  DeleteDBSubnetGroupCommand,
  DeleteSecurityGroupCommand,
];

function notFound(name: string): Error {
  return Object.assign(new Error(name), { name });
}

beforeEach(() => {
  backup.reset();
  rds.reset();
  ec2.reset();
  rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: SOURCE }).resolves({
    DBInstances: [
      {
        DBInstanceIdentifier: SOURCE,
        DBInstanceArn: `arn:aws:rds:eu-west-2:555555555555:db:${SOURCE}`,
        Endpoint: { Address: 'gis.example.internal', Port: 5432 },
        DBSubnetGroup: {
          VpcId: 'vpc-1',
          Subnets: [{ SubnetIdentifier: 'subnet-a' }, { SubnetIdentifier: 'subnet-b' }],
        },
      },
    ],
  });
  backup.on(ListRecoveryPointsByBackupVaultCommand).resolves({
    RecoveryPoints: [
      {
        RecoveryPointArn: 'arn:rp:old',
        Status: 'COMPLETED',
        CompletionDate: new Date('2026-11-21T01:00:00Z'),
      },
      {
        RecoveryPointArn: 'arn:rp:new',
        Status: 'COMPLETED',
        CompletionDate: new Date('2026-11-22T01:00:00Z'),
      },
      {
        RecoveryPointArn: 'arn:rp:continuous:x',
        Status: 'AVAILABLE',
        CompletionDate: new Date('2026-11-22T09:00:00Z'),
      },
      {
        RecoveryPointArn: 'arn:rp:partial',
        Status: 'PARTIAL',
        CompletionDate: new Date('2026-11-22T05:00:00Z'),
      },
    ],
  });
  ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: 'sg-drill' });
  ec2.on(RevokeSecurityGroupEgressCommand).resolves({});
  rds.on(CreateDBSubnetGroupCommand).resolves({});
  backup
    .on(GetRecoveryPointRestoreMetadataCommand)
    .resolves({ RestoreMetadata: { dbinstanceidentifier: SOURCE, Engine: 'postgres' } });
  backup.on(StartRestoreJobCommand).resolves({ RestoreJobId: 'job-1' });
  rds.on(DeleteDBInstanceCommand).resolves({});
  rds.on(DeleteDBSubnetGroupCommand).resolves({});
  ec2.on(DeleteSecurityGroupCommand).resolves({});
});

describe('lz ops restore-drill (aws-sdk-client-mock)', () => {
  it('--dry-run prints the plan for the newest completed snapshot and sends no mutating command', async () => {
    const time = fakeTime();
    const out = await runRestoreDrill({
      config: CONFIG,
      json: false,
      aws: AWS,
      database: 'gis/main',
      dryRun: true,
      restoreTimeoutMs: 60 * 60_000,
      overrides: { now: time.now, nonce: 'd1d1' },
    });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('restore:  arn:rp:new (taken 2026-11-22T01:00:00.000Z)');
    expect(out.stdout).toContain(
      "DB subnet group kvdc-drill-gis-main-20261123020000-d1d1 on the source's isolated subnets subnet-a, subnet-b",
    );
    expect(out.stdout).toContain('delete:   DB instance kvdc-drill-gis-main-20261123020000-d1d1');
    expect(out.stdout).toContain('Dry run: nothing was created or changed.');
    for (const command of MUTATING) {
      expect(
        backup.commandCalls(command as never).length +
          rds.commandCalls(command as never).length +
          ec2.commandCalls(command as never).length,
      ).toBe(0);
    }
  });

  it('restores, times against the RTO, connects, records evidence and deletes everything in reverse order', async () => {
    const time = fakeTime();
    const dir = mkdtempSync(join(tmpdir(), 'drill-'));
    backup
      .on(DescribeRestoreJobCommand)
      .resolvesOnce({ Status: 'RUNNING', PercentDone: '40%' })
      .resolves({ Status: 'COMPLETED' });
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'kvdc-drill-gis-main-20261123020000-d1d1' })
      .resolvesOnce({
        DBInstances: [{ DBInstanceStatus: 'available', Endpoint: { Address: 'drill.internal', Port: 5432 } }],
      })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'available' }] })
      .rejects(notFound('DBInstanceNotFoundFault'));
    const lines: string[] = [];
    const out = await runRestoreDrill({
      config: CONFIG,
      json: false,
      aws: AWS,
      database: 'gis/main',
      dryRun: false,
      restoreTimeoutMs: 60 * 60_000,
      outDir: dir,
      progress: (l) => lines.push(l),
      overrides: {
        nonce: 'd1d1',
        now: time.now,
        sleep: time.sleep,
        connect: () => Promise.resolve({ ok: true }),
        pollMs: 1000,
      },
    });
    expect(out.stdout).toContain('Restore time: 0.02 minutes against an RTO of 480 (within)');
    expect(out.stdout).toContain('Connectivity: drill.internal:5432 connected');
    expect(out.exitCode).toBe(0);
    expect(lines).toContain('restore job job-1: RUNNING, 40% done after 0m 0s');
    const start = backup.commandCalls(StartRestoreJobCommand)[0]?.args[0].input;
    expect(start?.Metadata).toEqual({
      Engine: 'postgres',
      DBInstanceIdentifier: 'kvdc-drill-gis-main-20261123020000-d1d1',
      DBSubnetGroupName: 'kvdc-drill-gis-main-20261123020000-d1d1',
      VpcSecurityGroupIds: '["sg-drill"]',
      MultiAZ: 'false',
      PubliclyAccessible: 'false',
      DeletionProtection: 'false',
    });
    expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(1);
    expect(rds.commandCalls(DeleteDBSubnetGroupCommand)).toHaveLength(1);
    expect(ec2.commandCalls(DeleteSecurityGroupCommand)).toHaveLength(1);
    const record = JSON.parse(
      readFileSync(join(dir, 'kvdc-drill-gis-main-20261123020000-d1d1.json'), 'utf8'),
    ) as {
      restoreMinutes: number;
      withinRto: boolean;
      cleanup: { deleted: boolean }[];
    };
    expect(record.withinRto).toBe(true);
    expect(record.cleanup.map((c) => c.deleted)).toEqual([true, true, true]);
  });

  it('an interrupt while the restore runs still cleans up everything it created (exit 2)', async () => {
    const time = fakeTime();
    const abort = new AbortController();
    backup.on(DescribeRestoreJobCommand).callsFake(() => {
      abort.abort(); // SIGINT arrives during the first poll
      return { Status: 'RUNNING' };
    });
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'kvdc-drill-gis-main-20261123020000-d1d1' })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'creating' }] })
      .resolvesOnce({ DBInstances: [{ DBInstanceStatus: 'available' }] })
      .rejects(notFound('DBInstanceNotFoundFault'));
    const out = await runRestoreDrill({
      config: CONFIG,
      json: true,
      aws: AWS,
      database: 'gis/main',
      dryRun: false,
      restoreTimeoutMs: 60 * 60_000,
      outDir: mkdtempSync(join(tmpdir(), 'drill-')),
      signal: abort.signal,
      overrides: {
        nonce: 'd1d1',
        now: time.now,
        sleep: time.sleep,
        connect: () => Promise.resolve({ ok: true }),
        pollMs: 1000,
      },
    });
    const report = JSON.parse(out.stdout) as {
      stopped: string;
      cleanup: { resource: string; deleted: boolean }[];
    };
    expect(report.stopped).toBe('interrupted while the restore job ran');
    expect(report.cleanup).toEqual([
      { resource: 'db-instance', id: 'kvdc-drill-gis-main-20261123020000-d1d1', deleted: true },
      { resource: 'db-subnet-group', id: 'kvdc-drill-gis-main-20261123020000-d1d1', deleted: true },
      { resource: 'security-group', id: 'sg-drill', deleted: true },
    ]);
    expect(rds.commandCalls(DeleteDBInstanceCommand)).toHaveLength(1);
    expect(out.exitCode).toBe(2);
  });

  it('a failed step (subnet group denied) deletes the security group already created and lists nothing left', async () => {
    const time = fakeTime();
    rds
      .on(CreateDBSubnetGroupCommand)
      .rejects(
        Object.assign(new Error('denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }),
      );
    const out = await runRestoreDrill({
      config: CONFIG,
      json: false,
      aws: AWS,
      database: 'gis/main',
      dryRun: false,
      restoreTimeoutMs: 60 * 60_000,
      outDir: mkdtempSync(join(tmpdir(), 'drill-')),
      overrides: { now: time.now, sleep: time.sleep, pollMs: 1000, nonce: 'd1d1' },
    });
    expect(out.stdout).toContain(
      'Stopped: rds:CreateDBSubnetGroup: access denied (AccessDenied). The role needs the IAM action rds:CreateDBSubnetGroup',
    );
    expect(out.stdout).toContain('Deleted security-group sg-drill');
    expect(backup.commandCalls(StartRestoreJobCommand)).toHaveLength(0);
    expect(out.exitCode).toBe(2);
  });

  it('a security group that cannot be deleted is listed with the command to remove it', async () => {
    const time = fakeTime();
    backup.on(DescribeRestoreJobCommand).resolves({ Status: 'FAILED', StatusMessage: 'bad metadata' });
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'kvdc-drill-gis-main-20261123020000-d1d1' })
      .rejects(notFound('DBInstanceNotFoundFault'));
    ec2
      .on(DeleteSecurityGroupCommand)
      .rejects(Object.assign(new Error('in use'), { name: 'DependencyViolation' }));
    const out = await runRestoreDrill({
      config: CONFIG,
      json: false,
      aws: AWS,
      database: 'gis/main',
      dryRun: false,
      restoreTimeoutMs: 60 * 60_000,
      outDir: mkdtempSync(join(tmpdir(), 'drill-')),
      overrides: { now: time.now, sleep: time.sleep, pollMs: 60_000, nonce: 'd1d1' },
    });
    expect(out.stdout).toContain('Stopped: restore job job-1 FAILED: bad metadata');
    expect(out.stdout).toContain('LEFT OVER security-group sg-drill');
    expect(out.stdout).toContain('aws ec2 delete-security-group --region eu-west-2 --group-id sg-drill');
    expect(out.exitCode).toBe(2);
  });

  it('rejects a database that is not planned, before any call', async () => {
    const out = await runRestoreDrill({
      config: CONFIG,
      json: false,
      aws: AWS,
      database: 'gis/nope',
      dryRun: true,
      restoreTimeoutMs: 60 * 60_000,
    });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain(
      '--database "gis/nope" is not a planned database (workload/name: revenues-benefits/main, gis/main',
    );
    expect(rds.calls()).toHaveLength(0);
  });
});
