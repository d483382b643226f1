// The estates the operations integration tests (and the fault samples in docs/operations.md) run
// against, seeded into a running moto_server. Built from the configuration, so every check passes
// until something is changed or a fault is injected.
import {
  BackupClient,
  CreateBackupVaultCommand,
  PutBackupVaultLockConfigurationCommand,
} from '@aws-sdk/client-backup';
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, CreateDBSubnetGroupCommand, RDSClient } from '@aws-sdk/client-rds';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { plannedRdsDatabases } from '../../lib/waves/migration-plan';
import { assumeRoleOptions, roleArn, type AwsOptions } from '../../lib/ops/aws';
import { expectedVaults, type ExpectedVault } from '../../lib/ops/backup-plan';
import { plannedDevices } from '../../lib/ops/vpn-status';
import type { WavePlan } from '../../lib/waves/load';
import { seedDatabase, seedVpnConnections } from './resources';

const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };
/** Instances created before the planned ones, so DescribeDBInstances needs two pages to reach them. */
export const FILLER_INSTANCES = 110;

/** A vault with the lock the configuration asks for (compliance: a lock date after the cooling-off). */
export async function seedVault(
  client: BackupClient,
  vault: ExpectedVault,
  mode: 'compliance' | 'governance' = vault.lock.mode,
): Promise<void> {
  await client.send(new CreateBackupVaultCommand({ BackupVaultName: vault.vaultName }));
  await client.send(
    new PutBackupVaultLockConfigurationCommand({
      BackupVaultName: vault.vaultName,
      MinRetentionDays: vault.lock.minRetentionDays,
      MaxRetentionDays: vault.lock.maxRetentionDays,
      ...(mode === 'compliance' ? { ChangeableForDays: 3 } : {}),
    }),
  );
}

/**
 * Everything in the caller's own account (moto's default, 123456789012): a VPC with two isolated
 * subnets and a DB subnet group, filler instances, every planned database as the landing zone
 * configures it, a Transit Gateway VPN connection per site device, and every configured vault in its
 * region with its configured lock. The single-account estate `lz ops` reads without --assume-role.
 */
export async function seedSingleAccountEstate(
  endpoint: string,
  config: LandingZoneConfig,
  plan?: WavePlan,
  options: { readonly fillers?: boolean } = {},
): Promise<void> {
  const region = config.organisation.homeRegion;
  const aws = { region, endpoint, credentials: CREDENTIALS };
  await seedVpns(endpoint, config, region);
  if (options.fillers !== false) await seedFillerInstances(endpoint, region);
  await seedDatabases(endpoint, config, region, plan);
  for (const vault of expectedVaults(config)) {
    const backup = new BackupClient({ ...aws, region: vault.region });
    await seedVault(backup, vault);
    backup.destroy();
  }
}

/** A Transit Gateway VPN connection per configured site device, in `region` of the caller's account. */
export async function seedVpns(endpoint: string, config: LandingZoneConfig, region: string): Promise<void> {
  const ec2 = new EC2Client({ region, endpoint, credentials: CREDENTIALS });
  await seedVpnConnections(
    ec2,
    plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []),
    () => undefined,
  );
  ec2.destroy();
}

/** Instances that are no planned database, enough that the planned ones are on a second page. */
export async function seedFillerInstances(endpoint: string, region: string): Promise<void> {
  const rds = new RDSClient({ region, endpoint, credentials: CREDENTIALS });
  for (let i = 0; i < FILLER_INSTANCES; i += 1) {
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: `filler-${String(i).padStart(3, '0')}`,
        DBInstanceClass: 'db.t4g.micro',
        Engine: 'postgres',
        AllocatedStorage: 20,
        MasterUsername: 'filler',
        MasterUserPassword: 'not-a-real-password-1',
      }),
    );
  }
  rds.destroy();
}

/**
 * In `region` of the caller's account: a VPC with two isolated subnets, a DB subnet group over them,
 * and every planned database in it (what a restore drill restores beside).
 */
export async function seedDatabases(
  endpoint: string,
  config: LandingZoneConfig,
  region: string,
  plan?: WavePlan,
): Promise<void> {
  const aws = { region, endpoint, credentials: CREDENTIALS };
  const ec2 = new EC2Client(aws);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.65.0.0/19' }));
  const subnetIds: string[] = [];
  for (const [i, zone] of [`${region}a`, `${region}b`].entries()) {
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
  const subnetGroup = `${config.organisation.shortName}-isolated`;
  await rds.send(
    new CreateDBSubnetGroupCommand({
      DBSubnetGroupName: subnetGroup,
      DBSubnetGroupDescription: 'isolated tier',
      SubnetIds: subnetIds,
    }),
  );
  for (const db of plannedRdsDatabases(config, plan)) {
    await seedDatabase(rds, db, { deletionProtection: true, subnetGroup });
  }
  rds.destroy();
}

/**
 * Each configured account's own resources, reached through `role` (moto keeps assumed accounts
 * apart), with deliberate differences from the plan so the --assume-role runs show findings: the
 * network account holds only civic-centre-dc's connections; the production account its databases,
 * the non-production account none; every vault in its account, the production one governance-locked.
 */
export async function seedRoleAccounts(
  endpoint: string,
  config: LandingZoneConfig,
  role: string,
): Promise<void> {
  const region = config.organisation.homeRegion;
  const base: AwsOptions = { region, endpoint, credentials: CREDENTIALS };
  const through = (accountName: string, at: string = region): AwsOptions => {
    const id = config.accounts.find((a) => a.name === accountName)?.id ?? '';
    return assumeRoleOptions({ ...base, region: at }, roleArn('aws', id, role));
  };
  const network = config.accounts.find((a) => a.role === 'network');
  if (network !== undefined) {
    const ec2 = new EC2Client(through(network.name));
    const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
    await seedVpnConnections(
      ec2,
      devices.filter((d) => d.site === 'civic-centre-dc'),
      () => undefined,
    );
    ec2.destroy();
  }
  const rds = new RDSClient(through('production'));
  for (const db of plannedRdsDatabases(config).filter((d) => d.account === 'production')) {
    await seedDatabase(rds, db, { deletionProtection: true });
  }
  rds.destroy();
  for (const vault of expectedVaults(config)) {
    const backup = new BackupClient(through(vault.accountName, vault.region));
    await seedVault(backup, vault, vault.kind === 'workload' ? 'governance' : vault.lock.mode);
    backup.destroy();
  }
}
