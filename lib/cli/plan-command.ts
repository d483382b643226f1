import { Command } from 'commander';
import Table from 'cli-table3';
import { action } from './action';
import type { CliContext } from './context';
import { configOption, jsonOption } from './options';
import { validateConfigFile } from '../config/load';
import { cidr } from '../ipv4';
import { planSubnets } from '../network/address-plan';
import { segmentOfVpc } from '../network/segmentation';
import type { CommandOutput } from './output';

export interface PlanOptions {
  readonly config: string;
  readonly json: boolean;
}

/** AWS keeps five addresses in every subnet (network, router, DNS, reserved, broadcast). */
const AWS_RESERVED_PER_SUBNET = 5;

/** `lz plan`: the address plan an architect reviews, VPC by VPC and subnet by subnet. */
export function runPlan(options: PlanOptions): CommandOutput {
  const result = validateConfigFile(options.config);
  const config = result.config;
  if (!config) {
    return {
      exitCode: 1,
      stdout: '',
      stderr: `${options.config} is not valid: run \`npm run validate\` for details\n`,
    };
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
  const table = new Table({
    head: ['VPC', 'Segment', 'Shared with', 'Tier', 'Type', 'Zone', 'Subnet', 'Usable'],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) {
    table.push([
      `${r.vpc} ${r.vpcCidr}`,
      r.segment,
      r.sharedWith,
      r.tier,
      r.type,
      r.availabilityZone,
      r.cidr,
      r.usableAddresses,
    ]);
  }
  const onPrem = config.network.onPremisesRanges.map((r) => `${r.name} ${r.cidr}`).join(', ');
  return {
    exitCode: 0,
    stdout: `${table.toString()}\nAWS address space: ${config.network.awsAddressSpace.join(', ')}\nOn-premises (kept clear): ${onPrem}\n`,
    stderr: '',
  };
}

export function planCommand(ctx: CliContext): Command {
  return new Command('plan')
    .description('Show the address plan: every subnet of every VPC, with its zone and usable addresses')
    .addOption(configOption(ctx, 'configuration file'))
    .addOption(jsonOption())
    .action(action(ctx, (opts: PlanOptions) => runPlan(opts)));
}
