import { Command } from 'commander';
import { action } from './action';
import type { CliContext } from './context';
import { configOption, jsonOption } from './options';
import { validateConfigFile } from '../config/load';
import { cidr } from '../ipv4';
import { planSubnets } from '../network/address-plan';
import { segmentOfVpc } from '../network/segmentation';
import { failure, type CommandOutput } from './output';
import { renderTable, type Column } from './table';
import { outputWidth } from '../text';

export interface PlanOptions {
  readonly config: string;
  readonly json: boolean;
  /** Keep every column however wide. */
  readonly wide?: boolean;
  /** The width to fit. @default 100 */
  readonly width?: number;
}

/** AWS keeps five addresses in every subnet (network, router, DNS, reserved, broadcast). */
const AWS_RESERVED_PER_SUBNET = 5;

/** `lz plan`: the address plan an architect reviews, VPC by VPC and subnet by subnet. */
export function runPlan(options: PlanOptions): CommandOutput {
  const result = validateConfigFile(options.config);
  const config = result.config;
  if (!config) {
    return failure(`${options.config} is not valid: run \`npx lz validate\` for details`);
  }
  const roles = new Map(config.accounts.map((a) => [a.name, a.role]));
  const rows = config.network.vpcs.flatMap((vpc) => {
    const zones = vpc.availabilityZones ?? config.network.availabilityZones;
    const segment = segmentOfVpc(vpc.purpose, roles.get(vpc.account) ?? 'production');
    return planSubnets(cidr(vpc.cidr), vpc.subnets, zones).subnets.map((s) => ({
      vpc: vpc.name,
      vpcCidr: vpc.cidr,
      segment,
      sharedWith: vpc.purpose === 'egress' ? '(network-owned)' : vpc.account,
      tier: s.tier,
      type: s.type,
      availabilityZone: s.availabilityZone,
      cidr: s.cidr.text,
      usableAddresses: s.cidr.size - AWS_RESERVED_PER_SUBNET,
    }));
  });
  if (options.json) {
    return { exitCode: 0, stdout: `${JSON.stringify(rows, null, 2)}\n`, stderr: '' };
  }
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = [
    { header: 'VPC', value: (r) => `${r.vpc} ${r.vpcCidr}`, priority: 1 },
    { header: 'Segment', value: (r) => r.segment, priority: 3 },
    { header: 'Shared with', value: (r) => r.sharedWith, priority: 4 },
    { header: 'Tier', value: (r) => r.tier, priority: 1 },
    { header: 'Type', value: (r) => r.type, priority: 5 },
    { header: 'Zone', value: (r) => r.availabilityZone, priority: 2 },
    { header: 'Subnet', value: (r) => r.cidr, priority: 1 },
    { header: 'Usable', value: (r) => r.usableAddresses, priority: 2 },
  ];
  const table = renderTable(columns, rows, { width: options.width ?? 100, wide: options.wide === true });
  const onPrem = config.network.onPremisesRanges.map((r) => `${r.name} ${r.cidr}`).join(', ');
  return {
    exitCode: 0,
    stdout: `${table}AWS address space: ${config.network.awsAddressSpace.join(', ')}\nOn-premises (kept clear): ${onPrem}\n`,
    stderr: '',
  };
}

export function planCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('Show the address plan: every subnet of every VPC, with its zone and usable addresses')
    .addOption(configOption(ctx, 'configuration file'))
    .addOption(jsonOption())
    .option('--wide', 'every column, however wide the table', false)
    .action(action(ctx, (opts: PlanOptions) => runPlan({ ...opts, width: outputWidth(ctx.columns) })));
}
