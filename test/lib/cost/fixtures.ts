import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnResourceJson } from '../../../lib/analysis/templates';
import type { CostStack } from '../../../lib/cost/estimate';
import { loadPriceTable, type PriceTable } from '../../../lib/cost/price-table';

export const PRICES_FILE = 'pricing/eu-west-2.yaml';

export function committedPrices(): PriceTable {
  return loadPriceTable(PRICES_FILE);
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
export function writeAssembly(dir: string): void {
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
