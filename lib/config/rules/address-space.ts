import { contains, findOverlaps, overlaps, parseCidr, type Cidr } from '../../ipv4';
import { planSubnets } from '../../network/address-plan';
import type { PathSegment } from '../diagnostics';
import type { ConfigRule, Report } from './rule';

interface Block {
  readonly path: PathSegment[];
  readonly label: string;
  readonly cidr: Cidr;
}

function parseAt(text: string, path: PathSegment[], label: string, report: Report): Block | undefined {
  const parsed = parseCidr(text);
  if (!parsed.ok) {
    report(path, parsed.error);
    return undefined;
  }
  return { path, label, cidr: parsed.cidr };
}

/**
 * The address plan: canonical blocks, VPCs inside the AWS space, nothing overlapping another VPC or
 * the council's own networks, and subnets that fit their VPC without overlapping each other.
 */
export const addressSpace: ConfigRule = (view, report) => {
  const awsBlocks = (view.awsAddressSpace ?? []).flatMap((text, i) => {
    const block = parseAt(text, ['network', 'awsAddressSpace', i], `AWS address space ${text}`, report);
    return block ? [block] : [];
  });
  const onPrem = view.onPremisesRanges.flatMap(({ index, value }) => {
    const block = parseAt(
      value.cidr,
      ['network', 'onPremisesRanges', index, 'cidr'],
      `on-premises range ${value.name}`,
      report,
    );
    return block ? [block] : [];
  });
  const vpcBlocks = view.vpcs.flatMap(({ index, value }) => {
    const block = parseAt(value.cidr, ['network', 'vpcs', index, 'cidr'], `VPC ${value.name}`, report);
    if (block && (block.cidr.prefix < 16 || block.cidr.prefix > 28)) {
      report(block.path, `${value.cidr}: a VPC block must be between /16 and /28`);
    }
    return block ? [{ ...block, index }] : [];
  });

  for (const [a, b] of findOverlaps(awsBlocks, (x) => x.cidr)) {
    report(b.path, `${b.cidr.text} overlaps ${a.label}`);
  }
  for (const aws of awsBlocks) {
    for (const range of onPrem) {
      if (overlaps(aws.cidr, range.cidr)) {
        report(
          aws.path,
          `${aws.cidr.text} overlaps ${range.label} (${range.cidr.text}); choose AWS space around the council's networks`,
        );
      }
    }
  }

  for (const vpc of vpcBlocks) {
    if (awsBlocks.length > 0 && !awsBlocks.some((aws) => contains(aws.cidr, vpc.cidr))) {
      report(
        vpc.path,
        `${vpc.cidr.text} is outside the AWS address space (${awsBlocks.map((a) => a.cidr.text).join(', ')})`,
      );
    }
    for (const range of onPrem) {
      if (overlaps(vpc.cidr, range.cidr)) {
        report(vpc.path, `${vpc.cidr.text} overlaps ${range.label} (${range.cidr.text})`);
      }
    }
  }
  for (const [a, b] of findOverlaps(vpcBlocks, (x) => x.cidr)) {
    const later = a.index > b.index ? a : b;
    const earlier = later === a ? b : a;
    report(later.path, `${later.cidr.text} overlaps ${earlier.label} (${earlier.cidr.text})`);
  }
  for (const [a, b] of findOverlaps(onPrem, (x) => x.cidr)) {
    report(
      b.path,
      `${b.cidr.text} overlaps ${a.label} (${a.cidr.text}); list each council network once`,
      'warning',
    );
  }

  const allZones = view.availabilityZones ?? [];
  for (const vpc of vpcBlocks) {
    const config = view.vpcs.find((v) => v.index === vpc.index)?.value;
    if (!config) {
      continue;
    }
    const zones = config.availabilityZones ?? allZones;
    if (zones.length === 0) {
      continue;
    }
    for (const problem of planSubnets(vpc.cidr, config.subnets, zones).problems) {
      report(['network', 'vpcs', vpc.index, ...problem.path], problem.message);
    }
  }
};
