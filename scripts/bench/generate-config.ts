import { stringify } from 'yaml';
import { loadConfig } from '../../lib/config/load';
import type { VpcConfig } from '../../lib/config/schema';
import { cidr, makeCidr } from '../../lib/ipv4';

/**
 * The example council with `factor` times as many VPCs: every VPC of the example stays (databases
 * and DNS rules refer to them), and workload VPCs (alternating production and non-production, each
 * a /20 with the example's tiers) fill the rest, in a /12 of AWS space clear of the council's networks.
 */
export function generateConfig(exampleFile: string, factor: number): string {
  const example = loadConfig(exampleFile);
  const kept = example.network.vpcs;
  const template = example.network.vpcs.find((v) => v.name === 'production');
  if (!template) {
    throw new Error('the example needs a production VPC');
  }
  const space = cidr('10.80.0.0/12');
  const generated: VpcConfig[] = Array.from(
    { length: example.network.vpcs.length * factor - kept.length },
    (_, i) => ({
      ...template,
      name: `workload-${String(i + 1).padStart(3, '0')}`,
      account: i % 2 === 0 ? 'production' : 'non-production',
      cidr: makeCidr(space.network + i * 4096, 20).text,
      subnets: [
        { name: 'app', type: 'private', cidrMask: 22 },
        { name: 'data', type: 'isolated', cidrMask: 24 },
        { name: 'transit', type: 'transit', cidrMask: 28 },
      ],
    }),
  );
  return stringify({
    ...example,
    network: {
      ...example.network,
      awsAddressSpace: ['10.64.0.0/14', '10.80.0.0/12'],
      vpcs: [...kept, ...generated],
    },
  });
}
