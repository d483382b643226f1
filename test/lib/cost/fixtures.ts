import { synthesiseAtomically } from '../../../lib/assembly/synthesise';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResourceJson } from '../../../lib/assembly/template';
import { estimateCost, type CostStack, type EstimateOptions } from '../../../lib/cost/estimate';
import { defaultAssumptions, type UsageAssumptions } from '../../../lib/cost/usage-assumptions';
import { loadPriceBook, loadPriceTable, type PriceTable } from '../../../lib/cost/price-table';
import { loadConfig } from '../../../lib/config/load';
import { loadWavePlan } from '../../../lib/waves/load';

export const PRICES_FILE = 'pricing/eu-west-2.yaml';

export function committedPrices(): PriceTable {
  return loadPriceTable(PRICES_FILE);
}

/** Every committed table (London and the DR region), by region. */
export function committedBook(): ReadonlyMap<string, PriceTable> {
  const book = loadPriceBook('pricing');
  if (!book.tables) {
    throw new Error(book.diagnostics.map((d) => d.message).join('\n'));
  }
  return book.tables;
}

/** An estimate with one price table and every usage assumption at its documented default. */
export function estimate(
  stacks: readonly CostStack[],
  table: PriceTable = committedPrices(),
  options: EstimateOptions = {},
  assumptions: UsageAssumptions = defaultAssumptions(),
) {
  return estimateCost(stacks, new Map([[table.region, table]]), assumptions, options);
}

export function stack(
  stackName: string,
  resources: Record<string, CfnResourceJson>,
  account = '111111111111',
  region = 'eu-west-2',
): CostStack {
  return { stackName, account, region, resources };
}

export function tagged(tags: Record<string, string>): { Tags: { Key: string; Value: string }[] } {
  return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
}

/** A two-stack cloud assembly (manifest and templates) for the command tests. */
/** A small assembly written as `lz synth` writes one: whole, with provenance bound to the example. */
export async function writeAssembly(dir: string, options: { unpriced?: boolean } = {}): Promise<void> {
  await synthesiseAtomically({
    outdir: dir,
    app: 'cost-fixture',
    inputs: { config: 'config/landing-zone.yaml', waves: 'migration-waves' },
    synthesise: (work) => {
      writeFixture(work, options.unpriced === true);
      return { plugins: [], builtinValidation: false };
    },
  });
}

function writeFixture(dir: string, unpriced: boolean): void {
  mkdirSync(dir, { recursive: true });
  const stacks: Record<string, { env: string; resources: Record<string, unknown> }> = {
    Hub: {
      env: 'aws://111111111111/eu-west-2',
      resources: {
        Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} },
        Eip: { Type: 'AWS::EC2::EIP', Properties: {} },
        Vpc: { Type: 'AWS::EC2::VPC', Properties: {} },
      },
    },
    Work: {
      env: 'aws://555555555555/eu-west-2',
      resources: {
        App: {
          Type: 'AWS::MGN::Application',
          Properties: { Tags: [{ Key: 'workload', Value: 'intranet-staging' }] },
        },
        Eip: { Type: 'AWS::EC2::EIP', Properties: { Tags: [{ Key: 'wave', Value: 'wave-01' }] } },
        // A type no pricing rule knows: the estimate is then incomplete and `lz cost` exits 1.
        ...(unpriced
          ? {
              Odd: {
                Type: 'AWS::Made::Up',
                Properties: { Tags: [{ Key: 'workload', Value: 'intranet-staging' }] },
              },
            }
          : {}),
      },
    },
  };
  const artifacts: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(stacks)) {
    writeFileSync(join(dir, `${name}.template.json`), JSON.stringify({ Resources: s.resources }));
    artifacts[name] = {
      type: 'aws:cloudformation:stack',
      environment: s.env,
      properties: { templateFile: `${name}.template.json` },
    };
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '1', artifacts }));
}

/**
 * The monthly USD of the example plan's servers, worked out here from the wave files and the price
 * ids (not through lib/cost/servers.ts): rehost, replatform and relocate workloads' servers, except a
 * database server whose databases all leave it, at 730 hours plus their disk as gp3.
 */
export function exampleServerUsd(): { usd: number; servers: number } {
  const table = committedPrices();
  const plan = loadWavePlan('migration-waves', loadConfig('config/landing-zone.yaml'));
  const price = (id: string): number => {
    const p = table.prices.find((x) => x.id === id);
    if (!p) {
      throw new Error(`no price ${id}`);
    }
    return p.usd;
  };
  let usd = 0;
  let servers = 0;
  for (const w of plan.waves.flatMap((x) => x.workloads)) {
    if (!['rehost', 'replatform', 'relocate'].includes(w.strategy)) {
      continue;
    }
    for (const s of w.servers) {
      if (s.tier === 'db' && w.databases.length > 0 && !w.databases.some((d) => d.target === 'ec2')) {
        continue;
      }
      servers += 1;
      // A Windows database server whose SQL Server Standard database moves with it, licence included.
      const sql =
        s.tier === 'db' &&
        s.platform === 'windows' &&
        w.databases.some(
          (d) => d.target === 'ec2' && d.licence === 'licence-included' && d.engine === 'sqlserver-se',
        );
      usd +=
        730 *
          price(
            `ec2-${(s.targetInstanceType ?? '?').replace('.', '-')}-${s.platform}${sql ? '-sql-standard' : ''}`,
          ) +
        s.diskGiB * price('ebs-gp3-gb-month');
    }
  }
  return { usd, servers };
}
