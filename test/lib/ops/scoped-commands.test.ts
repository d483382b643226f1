import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
  type CustomerGateway,
  type VpnConnection,
} from '@aws-sdk/client-ec2';
import {
  DescribeDBInstancesCommand,
  DescribePendingMaintenanceActionsCommand,
  RDSClient,
  type DBInstance,
} from '@aws-sdk/client-rds';
// The STS client fromTemporaryCredentials itself loads (a dependency of @aws-sdk/credential-providers):
// mocking it lets each account's calls be told apart by the credentials its role returned.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { mockClient } from 'aws-sdk-client-mock';
import { runDbHealth } from '../../../lib/cli/ops-db-health-command';
import { runVpnStatus } from '../../../lib/cli/ops-vpn-status-command';
import { loadConfig } from '../../../lib/config/load';
import { plannedDatabases } from '../../../lib/ops/db-health';
import { plannedDevices } from '../../../lib/ops/vpn-status';
import { fourEngineExampleText } from '../../helpers/four-engine-databases';
import { lz } from '../../helpers/lz-cli';

// The example with a database of each engine in dataProtection.databases: three in production, the
// CRM staging copy in non-production, so db-health has two accounts to read.
const CONFIG = join(mkdtempSync(join(tmpdir(), 'lz-ops-')), 'landing-zone.yaml');
writeFileSync(CONFIG, fourEngineExampleText());
const NOW = new Date('2026-11-23T08:00:00Z');
const AWS = { maxAttempts: 1, credentials: { accessKeyId: 'caller', secretAccessKey: 'caller' } };
const ROLE = 'lz-operations-read-only';
const config = loadConfig(CONFIG);
const idOf = (name: string): string => config.accounts.find((a) => a.name === name)?.id ?? '';
const databases = plannedDatabases(config);
const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);

const sts = mockClient(STSClient);
const rds = mockClient(RDSClient);
const ec2 = mockClient(EC2Client);

beforeEach(() => {
  sts.reset();
  rds.reset();
  ec2.reset();
  // The temporary credentials name the account whose role was assumed.
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn?: string }) => ({
    Credentials: {
      AccessKeyId: `role:${input.RoleArn ?? ''}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(NOW.getTime() + 15 * 60_000),
    },
  }));
});

function accessDenied(name: string): Error {
  return Object.assign(new Error('User is not authorized to perform this action'), {
    name,
    $metadata: { httpStatusCode: 403 },
  });
}

/** The access key the client signs with: the caller's own, or the one its assumed role returned. */
async function signingKey(getClient: () => { config: unknown }): Promise<string> {
  const { credentials } = getClient().config as { credentials: () => Promise<{ accessKeyId: string }> };
  return (await credentials()).accessKeyId;
}

function instance(db: (typeof databases)[number]): DBInstance {
  return {
    DBInstanceIdentifier: db.identifier,
    DBInstanceArn: `arn:aws:rds:eu-west-2:${idOf(db.account)}:db:${db.identifier}`,
    DBInstanceStatus: 'available',
    EngineVersion: db.version,
    MultiAZ: true,
    StorageEncrypted: true,
    DeletionProtection: true,
    BackupRetentionPeriod: 35,
    LatestRestorableTime: new Date('2026-11-23T07:55:00Z'),
  };
}

interface DbReport {
  status: string;
  databases: { identifier: string; account: string; region: string; exists?: boolean; status?: string }[];
  findings: { kind: string; subject: string }[];
  errors: { account: string; region: string; action: string; kind: string; message: string }[];
}

describe('lz ops db-health across accounts', () => {
  /** Each account's role sees only that account's instances; non-production's role lacks the read. */
  function seedTwoAccounts(): void {
    rds.on(DescribeDBInstancesCommand).callsFake(async (_input: unknown, getClient) => {
      const key = await signingKey(getClient);
      if (key.includes(`::${idOf('non-production')}:`)) throw accessDenied('AccessDenied');
      const account = config.accounts.find((a) => key.includes(`::${a.id}:`))?.name;
      return { DBInstances: databases.filter((d) => d.account === account).map(instance) };
    });
    rds.on(DescribePendingMaintenanceActionsCommand).resolves({ PendingMaintenanceActions: [] });
  }

  it('reads every account through its role; a denied account is named and its databases left unread', async () => {
    seedTwoAccounts();
    const out = await runDbHealth({ config: CONFIG, json: true, aws: AWS, now: NOW, assumeRole: ROLE });
    const report = JSON.parse(out.stdout) as DbReport;
    // Each account through its own role (the SDK may ask STS more than once per client).
    expect(
      [...new Set(sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleArn))].sort(),
    ).toEqual([
      `arn:aws:iam::${idOf('production')}:role/${ROLE}`,
      `arn:aws:iam::${idOf('non-production')}:role/${ROLE}`,
    ]);
    expect(report.errors.map((e) => e.message)).toEqual([
      '[non-production eu-west-2] rds:DescribeDBInstances: access denied (AccessDenied). The role needs the IAM action rds:DescribeDBInstances; see docs/operations.md for the minimum policy.',
    ]);
    expect(report.errors[0]).toMatchObject({ account: 'non-production', region: 'eu-west-2' });
    // Production's databases are still evaluated; the CRM copy is not read, which is not missing.
    expect(
      report.databases.map((d) => `${d.identifier} ${d.account} ${d.region} ${d.exists} ${d.status}`),
    ).toEqual([
      'kvdc-revenues-benefits-main production eu-west-2 true available',
      'kvdc-gis-main production eu-west-2 true available',
      'kvdc-planning-main production eu-west-2 true available',
      'kvdc-crm-main non-production eu-west-2 undefined undefined',
    ]);
    expect(report.findings).toEqual([]);
    expect(out.exitCode).toBe(2);
  });

  it('shows the account column, NOT READ for the unread account and finds faults in the readable one', async () => {
    seedTwoAccounts();
    rds.on(DescribePendingMaintenanceActionsCommand).rejects(accessDenied('AccessDenied'));
    const out = await runDbHealth({
      config: CONFIG,
      json: false,
      aws: { ...AWS, region: 'eu-west-1' },
      now: NOW,
      assumeRole: ROLE,
    });
    expect(out.stdout).toMatch(/Database +│ Account +│ Status/);
    expect(out.stdout).toMatch(/kvdc-gis-main +│ production +│ available/);
    expect(out.stdout).toMatch(/kvdc-crm-main +│ non-production +│ NOT READ/);
    expect(out.stdout).not.toContain('MISSING');
    // --region overrides the home region for every account.
    expect(out.stdout).toContain('FAILED [non-production eu-west-1] rds:DescribeDBInstances: access denied');
    expect(out.stdout).toContain(
      'FAILED [production eu-west-1] rds:DescribePendingMaintenanceActions: access denied',
    );
    expect(out.exitCode).toBe(2);
  });

  it('without --assume-role refuses several accounts before any call, and reads one named account', async () => {
    const several = await runDbHealth({ config: CONFIG, json: false, aws: AWS, now: NOW });
    expect(several.exitCode).toBe(2);
    expect(several.stderr).toBe(
      '2 accounts hold planned databases (production, non-production) but the default credentials reach one: ' +
        'name it with --account <name>, or read them all with --assume-role <role-name>\n',
    );
    const named = await runDbHealth({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['production', 'non-production'],
    });
    expect(named.stderr).toContain('2 accounts hold planned databases');
    expect(rds.calls()).toHaveLength(0);

    rds.on(DescribeDBInstancesCommand).callsFake(async (_input: unknown, getClient) => ({
      // The caller's own credentials: no role assumed.
      DBInstances: (await signingKey(getClient)) === 'caller' ? databases.map(instance) : [],
    }));
    rds.on(DescribePendingMaintenanceActionsCommand).resolves({ PendingMaintenanceActions: [] });
    const one = await runDbHealth({
      config: CONFIG,
      json: true,
      aws: AWS,
      now: NOW,
      accounts: ['non-production'],
    });
    const report = JSON.parse(one.stdout) as DbReport;
    expect(report.databases.map((d) => `${d.identifier} ${d.account} ${d.region} ${d.exists}`)).toEqual([
      'kvdc-crm-main non-production eu-west-2 true',
    ]);
    expect(sts.calls()).toHaveLength(0);
    expect(one.exitCode).toBe(0);
  });

  it('rejects unknown accounts and accounts without planned databases, all at once', async () => {
    const out = await runDbHealth({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['nope', 'production', 'also-nope'],
    });
    expect(out.stderr).toContain('unknown account "nope", "also-nope" (accounts: network,');
    const empty = await runDbHealth({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['network'],
    });
    expect(empty.stderr).toBe(
      '--account "network": no planned database there (accounts with planned databases: production, non-production; ' +
        "--waves adds the migration plan's)\n",
    );
    expect(empty.exitCode).toBe(2);
    expect(rds.calls()).toHaveLength(0);
  });

  it('as a process: --account is repeatable and several without --assume-role exit 2 with the reason', () => {
    const run = lz(
      'ops',
      'db-health',
      '-c',
      CONFIG,
      '--account',
      'production',
      '--account',
      'non-production',
    );
    expect(run.stderr).toContain('2 accounts hold planned databases (production, non-production)');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(2);
  });
});

interface VpnReport {
  regions: string[];
  tunnels: { site: string; device: string; region?: string; connectionId: string; status: string }[];
  findings: { kind: string; subject: string }[];
  errors: { account: string; region: string; action: string; message: string }[];
}

describe('lz ops vpn-status across regions', () => {
  /** Who listed the connections: the region and the access key the client signed with. */
  const readers: string[] = [];

  /** civic-centre-dc's devices in eu-west-2, the others in eu-west-1; each region has its own IDs. */
  function seedRegions(failing?: string): void {
    readers.length = 0;
    const regionOf = (site: string): string => (site === 'civic-centre-dc' ? 'eu-west-2' : 'eu-west-1');
    ec2.on(DescribeCustomerGatewaysCommand).callsFake(async (_input: unknown, getClient) => {
      const region = await getClient().config.region();
      return {
        CustomerGateways: devices
          .map((d, i): CustomerGateway & { region: string } => ({
            region: regionOf(d.site),
            CustomerGatewayId: `cgw-${i}`,
            IpAddress: d.publicIp,
            State: 'available',
          }))
          .filter((g) => g.region === region),
      };
    });
    ec2.on(DescribeVpnConnectionsCommand).callsFake(async (_input: unknown, getClient) => {
      const region = await getClient().config.region();
      readers.push(`${region} ${await signingKey(getClient)}`);
      if (region === failing) throw accessDenied('UnauthorizedOperation');
      return {
        VpnConnections: devices
          .map((d, i): VpnConnection & { region: string } => ({
            region: regionOf(d.site),
            VpnConnectionId: `vpn-${region}-${i}`,
            CustomerGatewayId: `cgw-${i}`,
            State: 'available',
            VgwTelemetry: [1, 2].map((t) => ({
              OutsideIpAddress: `35.176.${i}.${t}`,
              Status: 'UP',
              AcceptedRouteCount: d.routing === 'bgp' ? 4 : 0,
            })),
          }))
          .filter((c) => c.region === region),
      };
    });
  }

  it('reads each region of the network account through the role and matches devices in either', async () => {
    seedRegions();
    const out = await runVpnStatus({
      config: CONFIG,
      json: true,
      aws: AWS,
      now: NOW,
      regions: ['eu-west-2', 'eu-west-1'],
      assumeRole: ROLE,
    });
    const report = JSON.parse(out.stdout) as VpnReport;
    expect(readers.sort()).toEqual([
      `eu-west-1 role:arn:aws:iam::${idOf('network')}:role/${ROLE}`,
      `eu-west-2 role:arn:aws:iam::${idOf('network')}:role/${ROLE}`,
    ]);
    expect(report.regions).toEqual(['eu-west-2', 'eu-west-1']);
    expect([...new Set(report.tunnels.map((t) => `${t.site}/${t.device} ${t.region} ${t.status}`))]).toEqual([
      'civic-centre-dc/edge-1 eu-west-2 UP',
      'civic-centre-dc/edge-2 eu-west-2 UP',
      'northgate-depot/router-1 eu-west-1 UP',
      'central-library/router-1 eu-west-1 UP',
    ]);
    expect(report.findings).toEqual([]);
    expect(out.exitCode).toBe(0);
  });

  it('one failing region is named; the other is still evaluated and devices maybe there are not read', async () => {
    seedRegions('eu-west-1');
    const out = await runVpnStatus({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      regions: ['eu-west-2', 'eu-west-1'],
      assumeRole: ROLE,
    });
    expect(out.stdout).toContain(
      'FAILED [network eu-west-1] ec2:DescribeVpnConnections: access denied (UnauthorizedOperation). The role needs the IAM action ec2:DescribeVpnConnections',
    );
    expect(out.stdout).toMatch(
      /civic-centre-dc +│ edge-1 +│ eu-west-2 +│ vpn-eu-west-2-0 +│ 35\.176\.0\.1 +│ UP/,
    );
    expect(out.stdout).toMatch(/northgate-depot +│ router-1 +│ - +│ - +│ - +│ NOT READ/);
    expect(out.stdout).not.toContain('missing-connection');
    expect(out.stdout).toContain('FAILED: 0 finding(s), 1 failed call(s) (exit 2)');
    expect(out.exitCode).toBe(2);
  });

  it('defaults to the home region, reads with the caller credentials without a role, and reports a missing device there', async () => {
    seedRegions();
    const out = await runVpnStatus({ config: CONFIG, json: true, aws: AWS, now: NOW });
    const report = JSON.parse(out.stdout) as VpnReport;
    expect(report.regions).toEqual(['eu-west-2']);
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'missing-connection northgate-depot/router-1',
      'missing-connection central-library/router-1',
    ]);
    expect(readers).toEqual(['eu-west-2 caller']);
    expect(sts.calls()).toHaveLength(0);
    expect(out.exitCode).toBe(1);
  });
});
