// Seeds a running moto_server, in the default account, with what vpn-status, db-health and
// cutover-readiness read: a customer gateway and VPN connection (on a transit gateway) per configured
// site device, and the production databases. For the real runs shown in docs/operations.md.
// Usage: ts-node --swc scripts/seed-moto-estate.ts http://127.0.0.1:PORT
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { loadConfig } from '../lib/config/load';
import { plannedRdsDatabases } from '../lib/waves/migration-plan';
import { loadWavePlan } from '../lib/waves/load';
import { plannedDevices } from '../lib/ops/vpn-status';
import { seedDatabase, seedVpnConnections } from './seed-moto/resources';

async function main(endpoint: string): Promise<void> {
  const config = loadConfig('config/landing-zone.yaml');
  const prefix = config.organisation.shortName;
  const aws = {
    region: config.organisation.homeRegion,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const ec2 = new EC2Client(aws);
  await seedVpnConnections(ec2, plannedDevices(prefix, config.connectivity?.sites ?? []), (device) =>
    process.stdout.write(`vpn ${device.name}\n`),
  );
  // An isolated subnet per zone, so the restore drill finds the VPC and subnets to restore beside.
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.65.0.0/19' }));
  const subnetIds: string[] = [];
  for (const [i, zone] of ['eu-west-2a', 'eu-west-2b'].entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpc.Vpc?.VpcId,
        CidrBlock: `10.65.${String(12 + i)}.0/24`,
        AvailabilityZone: zone,
      }),
    );
    if (subnet.Subnet?.SubnetId !== undefined) subnetIds.push(subnet.Subnet.SubnetId);
  }
  ec2.destroy();

  const rds = new RDSClient(aws);
  const subnetGroup = `${prefix}-production-isolated`;
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: subnetGroup,
      DBSubnetGroupDescription: 'isolated tier of the production VPC',
      SubnetIds: subnetIds,
    }),
  );
  // The production databases the app builds: dataProtection.databases and the plan's RDS databases.
  const plan = loadWavePlan('migration-waves', config);
  for (const db of plannedRdsDatabases(config, plan).filter((d) => d.account === 'production')) {
    await seedDatabase(rds, db, { deletionProtection: true, subnetGroup });
    process.stdout.write(`rds ${db.identifier}\n`);
  }
  rds.destroy();
}

const [endpoint] = process.argv.slice(2);
if (endpoint === undefined) {
  process.stderr.write('usage: seed-moto-estate.ts <moto endpoint>\n');
  process.exitCode = 2;
} else {
  void main(endpoint);
}
