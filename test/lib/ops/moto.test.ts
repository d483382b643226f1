import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fourEngineExampleText } from '../../helpers/four-engine-databases';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import {
  CreateCustomerGatewayCommand,
  CreateTransitGatewayCommand,
  CreateVpnConnectionCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  BackupClient,
  CreateBackupVaultCommand,
  PutBackupVaultLockConfigurationCommand,
} from '@aws-sdk/client-backup';
import { runBackupCompliance } from '../../../lib/cli/ops-backup-compliance-command';
import { checkWaveReadiness } from '../../../lib/cli/ops-cutover-readiness-command';
import { assumeRoleOptions, roleArn } from '../../../lib/ops/aws';
import { expectedVaults } from '../../../lib/ops/backup-plan';
import { runDbHealth } from '../../../lib/cli/ops-db-health-command';
import { runVpnStatus } from '../../../lib/cli/ops-vpn-status-command';
import { loadConfig } from '../../../lib/config/load';
import { plannedDatabases } from '../../../lib/ops/db-health';
import { plannedDevices } from '../../../lib/ops/vpn-status';
import { readyWorkload, waveOf } from './cutover-fixture';

// Integration: the commands against moto_server on 127.0.0.1, seeded to match the example
// configuration. moto is required: this fails, rather than skips, when moto_server is missing.
// The example with a database of each engine in dataProtection.databases (the example itself keeps
// only the CRM staging copy there; `--waves` adds the plan's databases, tested in db-health.test.ts).
const CONFIG = join(mkdtempSync(join(tmpdir(), 'lz-ops-')), 'landing-zone.yaml');
writeFileSync(CONFIG, fourEngineExampleText());
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const REGION = 'eu-west-2';
const config = loadConfig(CONFIG);
const prefix = config.organisation.shortName;
const ROLE = 'lz-operations-read-only';

function accountId(name: string): string {
  return config.accounts.find((a) => a.name === name)?.id ?? '';
}

/** Every production database of the configuration, as the CDK app would build it. */
async function seedProductionDatabases(rds: RDSClient): Promise<void> {
  const planned = plannedDatabases(prefix, config.dataProtection?.databases ?? [], 'production');
  const engines = new Map(
    (config.dataProtection?.databases ?? []).map((d) => [`${d.workload}/${d.name}`, d.engine]),
  );
  for (const db of planned) {
    const engine = engines.get(`${db.workload}/${db.name}`) ?? 'postgres';
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: db.identifier,
        DBInstanceClass: 'db.m6i.large',
        Engine: engine === 'sqlserver' ? 'sqlserver-se' : engine === 'oracle' ? 'oracle-se2' : engine,
        EngineVersion: db.version,
        AllocatedStorage: 100,
        MasterUsername: 'admin_user',
        MasterUserPassword: 'not-a-real-password-1',
        MultiAZ: true,
        StorageEncrypted: true,
        DeletionProtection: true,
        BackupRetentionPeriod: 35,
      }),
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitFor(endpoint: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(`${endpoint}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error('moto_server did not answer within 30 s');
}

describe('lz ops against moto_server', () => {
  let moto: ChildProcess | undefined;
  let endpoint = '';
  const aws = (): {
    region: string;
    endpoint: string;
    maxAttempts: number;
    credentials: typeof CREDENTIALS;
  } => ({
    region: REGION,
    endpoint,
    maxAttempts: 2,
    credentials: CREDENTIALS,
  });

  beforeAll(async () => {
    const which = spawnSync('moto_server', ['--help'], { encoding: 'utf8' });
    if (which.error !== undefined || which.status !== 0) {
      throw new Error(
        'moto_server is required for the integration tests (it is preinstalled on these machines)',
      );
    }
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitFor(endpoint, moto);

    const ec2 = new EC2Client(aws());
    const tgw = await ec2.send(new CreateTransitGatewayCommand({ Description: 'hub' }));
    for (const device of plannedDevices(prefix, config.connectivity?.sites ?? [])) {
      const tags = [
        { ResourceType: 'customer-gateway' as const, Tags: [{ Key: 'Name', Value: device.name }] },
      ];
      const cgw = await ec2.send(
        new CreateCustomerGatewayCommand({
          Type: 'ipsec.1',
          PublicIp: device.publicIp,
          BgpAsn: 65010,
          TagSpecifications: tags,
        }),
      );
      await ec2.send(
        new CreateVpnConnectionCommand({
          Type: 'ipsec.1',
          CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId,
          TransitGatewayId: tgw.TransitGateway?.TransitGatewayId,
          TagSpecifications: [
            { ResourceType: 'vpn-connection', Tags: [{ Key: 'Name', Value: device.name }] },
          ],
        }),
      );
    }
    ec2.destroy();

    // The network account, reached through the role as vpn-status --assume-role reaches it, holds a
    // Transit Gateway with civic-centre-dc's two connections only, in the home region.
    const network = new EC2Client(assumeRoleOptions(aws(), roleArn('aws', accountId('network'), ROLE)));
    const networkTgw = await network.send(new CreateTransitGatewayCommand({ Description: 'hub' }));
    for (const device of plannedDevices(prefix, config.connectivity?.sites ?? [])) {
      if (device.site !== 'civic-centre-dc') continue;
      const cgw = await network.send(
        new CreateCustomerGatewayCommand({ Type: 'ipsec.1', PublicIp: device.publicIp, BgpAsn: 65010 }),
      );
      await network.send(
        new CreateVpnConnectionCommand({
          Type: 'ipsec.1',
          CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId,
          TransitGatewayId: networkTgw.TransitGateway?.TransitGatewayId,
        }),
      );
    }
    network.destroy();

    // The production databases twice: in the default account (db-health with the caller's own
    // credentials) and in the production account through the role (db-health --assume-role). The
    // non-production account is left empty.
    for (const rds of [
      new RDSClient(aws()),
      new RDSClient(assumeRoleOptions(aws(), roleArn('aws', accountId('production'), ROLE))),
    ]) {
      await seedProductionDatabases(rds);
      rds.destroy();
    }

    // Every configured vault in its own account and region, reached as the commands reach it: through
    // the role (moto keeps each assumed account's resources apart). moto cannot create the
    // logically air-gapped vault, so the central vault is a standard vault with a compliance lock.
    // The production vault gets a governance lock although the configuration asks for compliance.
    for (const vault of expectedVaults(config)) {
      const account = config.accounts.find((a) => a.name === vault.accountName);
      const client = new BackupClient(
        assumeRoleOptions({ ...aws(), region: vault.region }, roleArn('aws', account?.id ?? '', ROLE)),
      );
      await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault.vaultName }));
      const governance = vault.lock.mode === 'governance' || vault.kind === 'workload';
      await client.send(
        new PutBackupVaultLockConfigurationCommand({
          BackupVaultName: vault.vaultName,
          MinRetentionDays: vault.lock.minRetentionDays,
          MaxRetentionDays: vault.lock.maxRetentionDays,
          ...(governance ? {} : { ChangeableForDays: 3 }),
        }),
      );
      client.destroy();
    }
  }, 60_000);

  afterAll(() => {
    if (moto?.pid !== undefined) process.kill(moto.pid);
  });

  it('vpn-status matches every seeded connection to its site; moto reports no tunnel telemetry', async () => {
    const out = await runVpnStatus({ config: CONFIG, json: true, aws: aws() });
    const report = JSON.parse(out.stdout) as {
      status: string;
      findings: { kind: string; subject: string }[];
      errors: unknown[];
    };
    expect(report.errors).toEqual([]);
    const kinds = new Set(report.findings.map((f) => f.kind));
    expect([...kinds]).toEqual(['no-telemetry']);
    expect(report.findings.map((f) => f.subject)).toEqual([
      'civic-centre-dc/edge-1',
      'civic-centre-dc/edge-2',
      'northgate-depot/router-1',
      'central-library/router-1',
    ]);
    expect(out.exitCode).toBe(1);
  });

  it('db-health finds every production database as seeded', async () => {
    const out = await runDbHealth({ config: CONFIG, json: true, aws: aws(), accounts: ['production'] });
    const report = JSON.parse(out.stdout) as {
      databases: { identifier: string; exists: boolean; status?: string; storageEncrypted?: boolean }[];
      findings: { kind: string; subject: string }[];
      errors: { action: string; kind: string }[];
    };
    expect(report.databases.map((d) => [d.identifier, d.exists, d.status])).toEqual([
      ['kvdc-revenues-benefits-main', true, 'available'],
      ['kvdc-gis-main', true, 'available'],
      ['kvdc-planning-main', true, 'available'],
    ]);
    // moto has no DescribePendingMaintenanceActions (it answers 404), so the run is incomplete: exit 2,
    // with every database still checked.
    expect(report.errors.map((e) => `${e.kind} ${e.action}`)).toEqual([
      'not-implemented rds:DescribePendingMaintenanceActions',
    ]);
    expect(report.findings).toEqual([]);
    expect(out.exitCode).toBe(2);
  });

  it('vpn-status --assume-role reads the network account in each region: its own connections, not the caller account', async () => {
    const out = await runVpnStatus({
      config: CONFIG,
      json: true,
      aws: aws(),
      assumeRole: ROLE,
      regions: ['eu-west-2', 'eu-west-1'],
    });
    const report = JSON.parse(out.stdout) as {
      regions: string[];
      tunnels: { site: string; device: string; region?: string; status: string }[];
      findings: { kind: string; subject: string; message: string }[];
      errors: unknown[];
    };
    expect(report.errors).toEqual([]);
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

  it('db-health --assume-role reads production and non-production through the role, each on its own', async () => {
    const out = await runDbHealth({ config: CONFIG, json: true, aws: aws(), assumeRole: ROLE });
    const report = JSON.parse(out.stdout) as {
      databases: { identifier: string; account: string; region: string; exists?: boolean }[];
      findings: { kind: string; subject: string }[];
      errors: { account: string; region: string; action: string; kind: string }[];
    };
    expect(report.databases.map((d) => `${d.identifier} ${d.account} ${d.region} ${d.exists}`)).toEqual([
      'kvdc-revenues-benefits-main production eu-west-2 true',
      'kvdc-gis-main production eu-west-2 true',
      'kvdc-planning-main production eu-west-2 true',
      'kvdc-crm-main non-production eu-west-2 false',
    ]);
    // Nothing was seeded in the non-production account.
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual(['missing-database kvdc-crm-main']);
    expect(report.errors.map((e) => `${e.kind} ${e.account} ${e.region} ${e.action}`)).toEqual([
      'not-implemented production eu-west-2 rds:DescribePendingMaintenanceActions',
      'not-implemented non-production eu-west-2 rds:DescribePendingMaintenanceActions',
    ]);
    expect(out.exitCode).toBe(2);
  });

  it('backup-compliance reads each account through the role: vaults and locks; moto has no recovery points or jobs', async () => {
    const out = await runBackupCompliance({ config: CONFIG, json: true, aws: aws(), assumeRole: ROLE });
    const report = JSON.parse(out.stdout) as {
      vaults: { vault: string; account: string; region: string; exists?: boolean; lockMode?: string }[];
      findings: { kind: string; subject: string }[];
      errors: { account: string; region: string; action: string; kind: string }[];
    };
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
    // Not implemented by moto 5.2: recovery points and jobs (HTTP 404 with a web page).
    expect(report.errors.map((e) => `${e.kind} ${e.account} ${e.region} ${e.action}`).sort()).toEqual([
      'not-implemented backup eu-west-1 backup:ListRecoveryPointsByBackupVault',
      'not-implemented backup eu-west-2 backup:ListRecoveryPointsByBackupVault',
      'not-implemented non-production eu-west-2 backup:ListBackupJobs',
      'not-implemented non-production eu-west-2 backup:ListCopyJobs',
      'not-implemented non-production eu-west-2 backup:ListRecoveryPointsByBackupVault',
      'not-implemented production eu-west-2 backup:ListBackupJobs',
      'not-implemented production eu-west-2 backup:ListCopyJobs',
      'not-implemented production eu-west-2 backup:ListRecoveryPointsByBackupVault',
    ]);
    expect(out.exitCode).toBe(2);
  });

  it("backup-compliance with the default credentials sees only its own account: the others' vaults are missing there", async () => {
    const out = await runBackupCompliance({ config: CONFIG, json: true, aws: aws(), accounts: ['backup'] });
    const report = JSON.parse(out.stdout) as { findings: { kind: string; subject: string }[] };
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'missing-vault backup/eu-west-2/kvdc-central',
      'missing-vault backup/eu-west-1/kvdc-dr',
    ]);
    expect(out.exitCode).toBe(1);
  });

  it('cutover-readiness: database found, sites without telemetry down, vaults in other accounts; moto lacks jobs', async () => {
    // The default credentials: the VPNs and databases are seeded in this account, the vaults elsewhere.
    const out = await checkWaveReadiness(config, waveOf([readyWorkload]), {
      config: CONFIG,
      waves: 'migration-waves',
      wave: 'wave-05',
      json: true,
      aws: aws(),
    });
    const report = JSON.parse(out.stdout) as {
      verdict: string;
      workloads: {
        sites: { site: string; state: string }[];
        reasons: { severity: string; check: string; message: string }[];
      }[];
      errors: { kind: string; action: string }[];
    };
    const workload = report.workloads[0];
    expect(workload?.sites.map((s) => `${s.site} ${s.state}`)).toEqual([
      'civic-centre-dc down',
      'northgate-depot down',
    ]);
    // The instance is found healthy; moto lacking DescribePendingMaintenanceActions does not hide it.
    expect(workload?.reasons.filter((r) => r.check === 'database')).toEqual([]);
    expect(workload?.reasons.filter((r) => r.check === 'backup').map((r) => r.message)).toEqual([
      expect.stringContaining('the workload vault kvdc-production (production eu-west-2) does not exist'),
      expect.stringContaining('the central vault kvdc-central (backup eu-west-2) does not exist'),
      expect.stringContaining('the dr vault kvdc-dr (backup eu-west-1) does not exist'),
    ]);
    expect(report.errors.map((e) => `${e.kind} ${e.action}`).sort()).toEqual([
      'not-implemented backup:ListBackupJobs',
      'not-implemented backup:ListCopyJobs',
      'not-implemented rds:DescribePendingMaintenanceActions',
    ]);
    expect(report.verdict).toBe('no-go');
    expect(out.exitCode).toBe(2);
  });
});
