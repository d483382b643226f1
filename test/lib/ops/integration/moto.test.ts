import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBackupCompliance } from '../../../../lib/cli/ops-backup-compliance-command';
import { runDbHealth } from '../../../../lib/cli/ops-db-health-command';
import { runRestoreDrill } from '../../../../lib/cli/ops-restore-drill-command';
import { runVpnStatus } from '../../../../lib/cli/ops-vpn-status-command';
import { loadConfig } from '../../../../lib/config/load';
import type { AwsOptions } from '../../../../lib/ops/aws';
import { startFaultProxy } from '../../../helpers/fault-proxy';
import { MotoComplement } from '../../../helpers/moto-complement';
import { MOTO_CREDENTIALS, MOTO_REGION } from '../../../helpers/moto';
import { ROLE, motoState } from './state';

// The commands through the operations role against moto_server itself (no proxy): each configured
// account's resources kept apart by moto, and what moto 5.2.1 does not implement reported as such.
// Seeded once for the run by global-setup.ts (scripts/seed-moto/estate.ts, seedRoleAccounts).
const state = motoState();
const aws = (endpoint = state.endpoint): AwsOptions => ({
  region: MOTO_REGION,
  endpoint,
  maxAttempts: 2,
  credentials: MOTO_CREDENTIALS,
});

interface Report {
  status: string;
  tunnels: { site: string; device: string; region?: string; status: string }[];
  databases: { identifier: string; account: string; region: string; exists?: boolean }[];
  vaults: { vault: string; account: string; region: string; exists?: boolean; lockMode?: string }[];
  findings: { kind: string; subject: string; message: string }[];
  errors: { account: string; region: string; action: string; kind: string; message: string }[];
}

describe('lz ops through the operations role, against moto_server', () => {
  it('vpn-status reads the network account in each region: its own connections, not the caller account', async () => {
    const out = await runVpnStatus({
      config: state.config,
      json: true,
      aws: aws(),
      assumeRole: ROLE,
      regions: ['eu-west-2', 'eu-west-1'],
    });
    const report = JSON.parse(out.stdout) as Report;
    expect(report.errors).toEqual([]);
    // moto reports no tunnel telemetry (VgwTelemetry).
    expect(report.tunnels.map((t) => `${t.site}/${t.device} ${t.region} ${t.status}`)).toEqual([
      'civic-centre-dc/edge-1 eu-west-2 UNKNOWN',
      'civic-centre-dc/edge-2 eu-west-2 UNKNOWN',
      'northgate-depot/router-1 undefined MISSING',
      'central-library/router-1 undefined MISSING',
    ]);
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'no-telemetry civic-centre-dc/edge-1',
      'no-telemetry civic-centre-dc/edge-2',
      'missing-connection northgate-depot/router-1',
      'missing-connection central-library/router-1',
    ]);
    expect(report.findings[2]?.message).toContain("in this account's regions eu-west-2, eu-west-1");
    expect(out.exitCode).toBe(1);
  });

  it('db-health reads production and non-production each on its own; moto has no DescribePendingMaintenanceActions', async () => {
    const out = await runDbHealth({ config: state.config, json: true, aws: aws(), assumeRole: ROLE });
    const report = JSON.parse(out.stdout) as Report;
    expect(report.databases.map((d) => `${d.identifier} ${d.account} ${d.region} ${d.exists}`)).toEqual([
      'kvdc-revenues-benefits-main production eu-west-2 true',
      'kvdc-gis-main production eu-west-2 true',
      'kvdc-planning-main production eu-west-2 true',
      'kvdc-crm-main non-production eu-west-2 false',
    ]);
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual(['missing-database kvdc-crm-main']);
    // moto answers an HTML 500 page to the action it lacks: a failed read, retried, then reported.
    expect(report.errors.map((e) => `${e.kind} ${e.account} ${e.action}`)).toEqual([
      'invalid-response production rds:DescribePendingMaintenanceActions',
      'invalid-response non-production rds:DescribePendingMaintenanceActions',
    ]);
    expect(report.errors[0]?.message).toContain(
      'answered HTTP 500 after 2 attempts with a web page titled "500 Internal Server Error"',
    );
    expect(out.exitCode).toBe(2);
  });

  it('backup-compliance reads each account: vaults and locks; recovery points and jobs are not implemented by moto', async () => {
    const out = await runBackupCompliance({ config: state.config, json: true, aws: aws(), assumeRole: ROLE });
    const report = JSON.parse(out.stdout) as Report;
    expect(report.vaults.map((v) => `${v.vault} ${v.account} ${v.region} ${v.exists} ${v.lockMode}`)).toEqual(
      [
        'kvdc-production production eu-west-2 true governance',
        'kvdc-non-production non-production eu-west-2 true governance',
        'kvdc-central backup eu-west-2 true compliance',
        'kvdc-dr backup eu-west-1 true compliance',
      ],
    );
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'vault-lock-mode production/eu-west-2/kvdc-production',
    ]);
    expect([...new Set(report.errors.map((e) => e.kind))]).toEqual(['not-implemented']);
    expect(report.errors.map((e) => `${e.account} ${e.region} ${e.action}`).sort()).toEqual([
      'backup eu-west-1 backup:ListRecoveryPointsByBackupVault',
      'backup eu-west-2 backup:ListRecoveryPointsByBackupVault',
      'non-production eu-west-2 backup:ListBackupJobs',
      'non-production eu-west-2 backup:ListCopyJobs',
      'non-production eu-west-2 backup:ListRecoveryPointsByBackupVault',
      'production eu-west-2 backup:ListBackupJobs',
      'production eu-west-2 backup:ListCopyJobs',
      'production eu-west-2 backup:ListRecoveryPointsByBackupVault',
    ]);
    expect(out.exitCode).toBe(2);
  });

  it('backup-compliance with what moto lacks completed: only the governance lock is found (exit 1)', async () => {
    const proxy = await startFaultProxy(
      state.endpoint,
      new MotoComplement(loadConfig(state.config), state.endpoint),
    );
    try {
      const out = await runBackupCompliance({
        config: state.config,
        json: true,
        aws: aws(proxy.url),
        assumeRole: ROLE,
      });
      const report = JSON.parse(out.stdout) as Report;
      expect(report.errors).toEqual([]);
      expect(report.findings.map((f) => f.kind)).toEqual(['vault-lock-mode']);
      expect(out.exitCode).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it("restore-drill --dry-run on a database that is not there: RDS's DBInstanceNotFound (a real 404) is explained as such", async () => {
    const out = await runRestoreDrill({
      config: state.config,
      json: false,
      aws: aws(),
      assumeRole: ROLE,
      database: 'crm/main',
      dryRun: true,
      restoreTimeoutMs: 60_000,
      outDir: mkdtempSync(join(tmpdir(), 'lz-drill-')),
    });
    expect(out.stderr).toBe(
      'restore drill for crm/main cannot start:\n  kvdc-crm-main does not exist in this account and region\n',
    );
    expect(out.exitCode).toBe(2);
  });
});
