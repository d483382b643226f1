import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fourEngineExampleText } from '../../helpers/four-engine-databases';
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
  type DBInstance,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { runDbHealth } from '../../../lib/cli/ops-db-health-command';
import { runVpnStatus } from '../../../lib/cli/ops-vpn-status-command';
import { loadConfig } from '../../../lib/config/load';
import { plannedDatabases } from '../../../lib/ops/db-health';
import { plannedDevices } from '../../../lib/ops/vpn-status';

// The example with a database of each engine in dataProtection.databases (the example itself keeps
// only the CRM staging copy there; `--waves` adds the plan's databases, tested in db-health.test.ts).
const CONFIG = join(mkdtempSync(join(tmpdir(), 'lz-ops-')), 'landing-zone.yaml');
writeFileSync(CONFIG, fourEngineExampleText());
const NOW = new Date('2026-11-23T08:00:00Z');
const AWS = { region: 'eu-west-2', maxAttempts: 1 };
const config = loadConfig(CONFIG);
const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
const databases = plannedDatabases(config.organisation.shortName, config.dataProtection?.databases ?? []);

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);

beforeEach(() => {
  ec2.reset();
  rds.reset();
});

function accessDenied(name: string): Error {
  return Object.assign(new Error('You are not authorized to perform this operation.'), {
    name,
    $metadata: { httpStatusCode: 403 },
  });
}

function seedHealthyVpns(): void {
  ec2.on(DescribeCustomerGatewaysCommand).resolves({
    CustomerGateways: devices.map((d, i) => ({
      CustomerGatewayId: `cgw-${i}`,
      IpAddress: d.publicIp,
      State: 'available',
      Tags: [{ Key: 'Name', Value: d.name }],
    })),
  });
  ec2.on(DescribeVpnConnectionsCommand).resolves({
    VpnConnections: devices.map((d, i): VpnConnection => ({
      VpnConnectionId: `vpn-${i}`,
      CustomerGatewayId: `cgw-${i}`,
      State: 'available',
      Type: 'ipsec.1',
      Tags: [{ Key: 'Name', Value: d.name }],
      VgwTelemetry: [1, 2].map((t) => ({
        OutsideIpAddress: `35.176.0.${i * 2 + t}`,
        Status: 'UP',
        LastStatusChange: new Date('2026-11-21T05:00:00Z'),
        AcceptedRouteCount: d.routing === 'bgp' ? 4 : 0,
      })),
    })),
  });
}

function instance(db: (typeof databases)[number]): DBInstance {
  return {
    DBInstanceIdentifier: db.identifier,
    DBInstanceArn: `arn:aws:rds:eu-west-2:444444444444:db:${db.identifier}`,
    DBInstanceStatus: 'available',
    EngineVersion: db.version,
    MultiAZ: true,
    StorageEncrypted: true,
    DeletionProtection: true,
    BackupRetentionPeriod: 35,
    LatestRestorableTime: new Date('2026-11-23T07:55:00Z'),
  };
}

describe('lz ops vpn-status (aws-sdk-client-mock)', () => {
  it('is healthy (exit 0) and prints a row per tunnel when every device is up with routes', async () => {
    seedHealthyVpns();
    const out = await runVpnStatus({ config: CONFIG, json: false, aws: AWS, now: NOW });
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('civic-centre-dc');
    expect(out.stdout).toMatch(/central-library .*vpn-3 .*UP .*2d 3h .*0/);
    expect(out.stdout).toContain('HEALTHY: 0 finding(s), 0 failed call(s) (exit 0)');
  });

  it('is degraded (exit 1) with a finding when a BGP tunnel is up with no routes, as JSON', async () => {
    seedHealthyVpns();
    ec2.on(DescribeVpnConnectionsCommand).resolves({
      VpnConnections: [
        {
          VpnConnectionId: 'vpn-0',
          CustomerGatewayId: 'cgw-0',
          State: 'available',
          VgwTelemetry: [{ OutsideIpAddress: '35.176.0.1', Status: 'UP', AcceptedRouteCount: 0 }],
        },
      ],
    });
    const out = await runVpnStatus({ config: CONFIG, json: true, aws: AWS, now: NOW });
    expect(out.exitCode).toBe(1);
    const report = JSON.parse(out.stdout) as {
      status: string;
      findings: { kind: string; subject: string }[];
    };
    expect(report.status).toBe('degraded');
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'no-bgp-routes civic-centre-dc/edge-1',
      'missing-connection civic-centre-dc/edge-2',
      'missing-connection northgate-depot/router-1',
      'missing-connection central-library/router-1',
    ]);
  });

  it('partial failure: a denied DescribeCustomerGateways is reported (exit 2) and connections still matched by Name', async () => {
    seedHealthyVpns();
    ec2.on(DescribeCustomerGatewaysCommand).rejects(accessDenied('UnauthorizedOperation'));
    const out = await runVpnStatus({ config: CONFIG, json: false, aws: AWS, now: NOW });
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toContain(
      'FAILED [network eu-west-2] ec2:DescribeCustomerGateways: access denied (UnauthorizedOperation). The role needs the IAM action ec2:DescribeCustomerGateways',
    );
    expect(out.stdout).toMatch(/northgate-depot .*vpn-2 .*UP/);
    expect(out.stdout).not.toContain('missing-connection');
  });

  it('names the missing credentials instead of printing a stack trace', async () => {
    ec2.onAnyCommand().rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    const out = await runVpnStatus({ config: CONFIG, json: false, aws: AWS, now: NOW });
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toContain(
      '[network eu-west-2] ec2:DescribeVpnConnections: no usable AWS credentials (CredentialsProviderError',
    );
    expect(out.stdout).toContain('aws sso login');
    // Nothing could be listed, so no device is called missing: each is shown as not read.
    expect(out.stdout).not.toContain('MISSING');
    expect(out.stdout).toMatch(/central-library .*NOT READ/);
  });
});

describe('lz ops db-health (aws-sdk-client-mock)', () => {
  it('reads every page of DescribeDBInstances and is healthy (exit 0)', async () => {
    const [first, ...rest] = databases.map(instance);
    rds
      .on(DescribeDBInstancesCommand, {})
      .resolves({ DBInstances: first === undefined ? [] : [first], Marker: 'page-2' })
      .on(DescribeDBInstancesCommand, { Marker: 'page-2' })
      .resolves({ DBInstances: rest });
    rds.on(DescribePendingMaintenanceActionsCommand).resolves({
      PendingMaintenanceActions: [
        {
          ResourceIdentifier: first?.DBInstanceArn,
          PendingMaintenanceActionDetails: [
            { Action: 'system-update', AutoAppliedAfterDate: new Date('2026-12-01T00:00:00Z') },
          ],
        },
      ],
    });
    const out = await runDbHealth({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['production'],
    });
    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
    expect(out.stdout).toContain('HEALTHY');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(
      /kvdc-revenues-benefits-main .*available .*system-update \(applied after 2026-12-01\)/,
    );
    // Only the named account's databases: the non-production CRM copy is not listed.
    expect(out.stdout).not.toContain('kvdc-crm-main');
  });

  it('is degraded (exit 1) for a missing database and an RPO breach, as JSON', async () => {
    const [first, second] = databases.map(instance);
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        { ...first, LatestRestorableTime: new Date('2026-11-23T07:00:00Z') },
        ...(second === undefined ? [] : [second]),
      ],
    });
    rds.on(DescribePendingMaintenanceActionsCommand).resolves({ PendingMaintenanceActions: [] });
    const out = await runDbHealth({
      config: CONFIG,
      json: true,
      aws: AWS,
      now: NOW,
      accounts: ['production'],
    });
    expect(out.exitCode).toBe(1);
    const report = JSON.parse(out.stdout) as { findings: { kind: string; subject: string }[] };
    expect(report.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'rpo-breach kvdc-revenues-benefits-main',
      'missing-database kvdc-planning-main',
    ]);
  });

  it('partial failure: a failed maintenance call is reported (exit 2) while the databases are still checked', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: databases.map(instance) });
    rds.on(DescribePendingMaintenanceActionsCommand).rejects(accessDenied('AccessDenied'));
    const out = await runDbHealth({
      config: CONFIG,
      json: false,
      aws: AWS,
      now: NOW,
      accounts: ['production'],
    });
    expect(out.exitCode).toBe(2);
    expect(out.stdout).toContain(
      'FAILED [production eu-west-2] rds:DescribePendingMaintenanceActions: access denied (AccessDenied). The role needs the IAM action rds:DescribePendingMaintenanceActions',
    );
    expect(out.stdout).toMatch(/kvdc-gis-main .*available/);
    expect(out.stdout).toContain('0 finding(s), 1 failed call(s) (exit 2)');
  });

  it('rejects an account the configuration does not define', async () => {
    const out = await runDbHealth({ config: CONFIG, json: false, aws: AWS, now: NOW, accounts: ['nope'] });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain('unknown account "nope"');
    expect(rds.calls()).toHaveLength(0);
  });
});
