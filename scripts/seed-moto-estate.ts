// Seeds a running moto_server, in the default account, with what vpn-status, db-health and
// cutover-readiness read: a customer gateway and VPN connection (on a transit gateway) per configured
// site device, and the production databases. For the real runs shown in docs/operations.md.
// Usage: ts-node --swc scripts/seed-moto-estate.ts http://127.0.0.1:PORT
import {
  CreateCustomerGatewayCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import { loadConfig } from '../lib/config/load';
import { plannedRdsDatabases } from '../lib/data/planned-databases';
import { loadWavePlan } from '../lib/waves/load';
import { plannedDevices } from '../lib/ops/vpn-status';

// RDS names the SQL Server and Oracle engines by edition.
const ENGINES: Readonly<Record<string, string>> = { sqlserver: 'sqlserver-se', oracle: 'oracle-se2' };

async function main(endpoint: string): Promise<void> {
  const config = loadConfig('config/landing-zone.yaml');
  const prefix = config.organisation.shortName;
  const aws = {
    region: config.organisation.homeRegion,
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  const ec2 = new EC2Client(aws);
  const tgw = await ec2.send(new CreateTransitGatewayCommand({ Description: 'hub' }));
  for (const device of plannedDevices(prefix, config.connectivity?.sites ?? [])) {
    const cgw = await ec2.send(
      new CreateCustomerGatewayCommand({
        Type: 'ipsec.1',
        PublicIp: device.publicIp,
        BgpAsn: 65010,
        TagSpecifications: [
          { ResourceType: 'customer-gateway', Tags: [{ Key: 'Name', Value: device.name }] },
        ],
      }),
    );
    await ec2.send(
      new CreateVpnConnectionCommand({
        Type: 'ipsec.1',
        CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId,
        TransitGatewayId: tgw.TransitGateway?.TransitGatewayId,
        TagSpecifications: [{ ResourceType: 'vpn-connection', Tags: [{ Key: 'Name', Value: device.name }] }],
      }),
    );
    process.stdout.write(`vpn ${device.name}\n`);
  }
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
    const engine = db.engine;
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: db.identifier,
        DBInstanceClass: 'db.m6i.large',
        Engine: ENGINES[engine] ?? engine,
        EngineVersion: db.version,
        AllocatedStorage: 100,
        MasterUsername: 'admin_user',
        MasterUserPassword: 'not-a-real-password-1',
        MultiAZ: true,
        StorageEncrypted: true,
        DeletionProtection: true,
        BackupRetentionPeriod: 35,
        DBSubnetGroupName: subnetGroup,
      }),
    );
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
