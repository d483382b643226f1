// Seeds a running moto_server, in the default account, with the single-account estate every
// `lz ops` command reads without --assume-role: a VPN connection per configured site device, every
// database the app builds (dataProtection.databases and the plan's) after enough filler instances to
// need a second page, a DB subnet group for the restore drill, and every vault with its configured
// lock. Behind scripts/seed-moto-fault-proxy.ts (which completes what moto lacks) every check passes.
// For the real runs shown in docs/operations.md.
// Usage: ts-node --swc scripts/seed-moto-estate.ts http://127.0.0.1:PORT
import { loadConfig } from '../lib/config/load';
import { loadWavePlan } from '../lib/waves/load';
import { seedSingleAccountEstate } from './seed-moto/estate';

async function main(endpoint: string): Promise<void> {
  const config = loadConfig('config/landing-zone.yaml');
  await seedSingleAccountEstate(endpoint, config, loadWavePlan('migration-waves', config));
  process.stdout.write(`seeded ${endpoint}\n`);
}

const [endpoint] = process.argv.slice(2);
if (endpoint === undefined) {
  process.stderr.write('usage: seed-moto-estate.ts <moto endpoint>\n');
  process.exitCode = 2;
} else {
  void main(endpoint);
}
