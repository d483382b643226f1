// Seeds a running moto_server with the example configuration's backup vaults, each in its own
// account (through the operations role, which moto keeps apart) and region, for the real runs shown
// in docs/operations.md. moto cannot create a logically air-gapped vault, so the central vault is a
// standard vault with a compliance lock; the production vault gets a governance lock on purpose.
// Usage: ts-node --swc scripts/seed-moto-backup.ts http://127.0.0.1:PORT [role-name]
import { BackupClient } from '@aws-sdk/client-backup';
import { loadConfig } from '../lib/config/load';
import { assumeRoleOptions, roleArn } from '../lib/ops/aws';
import { expectedVaults } from '../lib/ops/backup-plan';
import { seedVault } from './seed-moto/estate';

async function main(endpoint: string, role: string): Promise<void> {
  const config = loadConfig('config/landing-zone.yaml');
  for (const vault of expectedVaults(config)) {
    const account = config.accounts.find((a) => a.name === vault.accountName);
    const client = new BackupClient(
      assumeRoleOptions(
        {
          region: vault.region,
          endpoint,
          credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        },
        roleArn('aws', account?.id ?? '', role),
      ),
    );
    // The production vault is governance-locked on purpose, so the run shows a finding.
    await seedVault(
      client,
      vault,
      vault.lock.mode === 'governance' || vault.kind === 'workload' ? 'governance' : 'compliance',
    );
    client.destroy();
    process.stdout.write(`${vault.accountName} ${vault.region} ${vault.vaultName}\n`);
  }
}

const [endpoint, role = 'lz-operations-read-only'] = process.argv.slice(2);
if (endpoint === undefined) {
  process.stderr.write('usage: seed-moto-backup.ts <moto endpoint> [role-name]\n');
  process.exitCode = 2;
} else {
  void main(endpoint, role);
}
