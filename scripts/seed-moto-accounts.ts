// Seeds a running moto_server with what `vpn-status --assume-role` and `db-health --assume-role`
// read, each in its own configured account reached through the role (moto keeps each assumed
// account's resources apart): the network account's Transit Gateway VPN connections in the home
// region, and every planned RDS database in its account. Two deliberate differences from the plan,
// so the runs in docs/operations.md show findings: central-library has no VPN connection, and the
// non-production databases have deletion protection off. For the real runs shown in the docs.
// Usage: ts-node --swc scripts/seed-moto-accounts.ts http://127.0.0.1:PORT <role name>
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { loadConfig } from '../lib/config/load';
import { partitionOf } from '../lib/config/partition';
import { plannedRdsDatabases } from '../lib/waves/migration-plan';
import { assumeRoleOptions, roleArn, type AwsOptions } from '../lib/ops/aws';
import { plannedDevices } from '../lib/ops/vpn-status';
import { loadWavePlan } from '../lib/waves/load';
import { seedDatabase, seedVpnConnections } from './seed-moto/resources';

async function main(endpoint: string, role: string): Promise<void> {
  const config = loadConfig('config/landing-zone.yaml');
  const prefix = config.organisation.shortName;
  const region = config.organisation.homeRegion;
  const base: AwsOptions = {
    region,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const through = (accountName: string): AwsOptions => {
    const id = config.accounts.find((a) => a.name === accountName)?.id ?? '';
    return assumeRoleOptions(base, roleArn(partitionOf(region), id, role));
  };

  const network = config.accounts.find((a) => a.role === 'network');
  if (network === undefined) throw new Error('no account has role network');
  const ec2 = new EC2Client(through(network.name));
  const devices = plannedDevices(prefix, config.connectivity?.sites ?? []);
  await seedVpnConnections(
    ec2,
    devices.filter((d) => d.site !== 'central-library'),
    (device) => process.stdout.write(`vpn ${network.name} ${device.name}\n`),
  );
  ec2.destroy();

  // Every database the app builds: dataProtection.databases and the plan's RDS databases.
  const plan = loadWavePlan('migration-waves', config);
  const databases = plannedRdsDatabases(config, plan);
  for (const account of [...new Set(databases.map((d) => d.account))]) {
    const rds = new RDSClient(through(account));
    for (const db of databases.filter((d) => d.account === account)) {
      await seedDatabase(rds, db, { deletionProtection: db.production });
      process.stdout.write(`rds ${account} ${db.identifier}\n`);
    }
    rds.destroy();
  }
}

const [endpoint, role] = process.argv.slice(2);
if (endpoint === undefined || role === undefined) {
  process.stderr.write('usage: seed-moto-accounts.ts <moto endpoint> <role name>\n');
  process.exitCode = 2;
} else {
  void main(endpoint, role);
}
