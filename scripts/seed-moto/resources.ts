// The resources both moto seed scripts create, built one way so their runs agree with each other.
import {
  CreateCustomerGatewayCommand,
  CreateTransitGatewayCommand,
  CreateVpnConnectionCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, type RDSClient } from '@aws-sdk/client-rds';
import type { PlannedRdsDatabase } from '../../lib/data/planned-databases';
import type { PlannedDevice } from '../../lib/ops/vpn-status';

// RDS names the SQL Server and Oracle engines by edition.
const ENGINES: Readonly<Record<string, string>> = { sqlserver: 'sqlserver-se', oracle: 'oracle-se2' };

/** A Transit Gateway and, per device, its customer gateway and VPN connection, both named as the device. */
export async function seedVpnConnections(
  ec2: EC2Client,
  devices: readonly PlannedDevice[],
  seeded: (device: PlannedDevice) => void,
): Promise<void> {
  const tgw = await ec2.send(new CreateTransitGatewayCommand({ Description: 'hub' }));
  for (const device of devices) {
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
    seeded(device);
  }
}

/** A planned database as the landing zone configures it: Multi-AZ, encrypted, 35 days of backups. */
export async function seedDatabase(
  rds: RDSClient,
  db: PlannedRdsDatabase,
  options: { readonly deletionProtection: boolean; readonly subnetGroup?: string },
): Promise<void> {
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: db.identifier,
      DBInstanceClass: 'db.m6i.large',
      Engine: ENGINES[db.engine] ?? db.engine,
      EngineVersion: db.version,
      AllocatedStorage: 100,
      MasterUsername: 'admin_user',
      MasterUserPassword: 'not-a-real-password-1',
      MultiAZ: true,
      StorageEncrypted: true,
      DeletionProtection: options.deletionProtection,
      BackupRetentionPeriod: 35,
      ...(options.subnetGroup === undefined ? {} : { DBSubnetGroupName: options.subnetGroup }),
    }),
  );
}
