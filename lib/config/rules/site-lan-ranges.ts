import { contains, findOverlaps, overlaps, parseCidr, type Cidr } from '../../ipv4';
import type { PathSegment } from '../diagnostics';
import type { ConfigRule } from './rule';

interface Block {
  readonly path: PathSegment[];
  readonly label: string;
  readonly cidr: Cidr;
}

/** The blocks that parse, labelled; unparsable ones are reported by the rule that owns them. */
function labelled(
  texts: readonly string[],
  label: (text: string) => string,
): { label: string; cidr: Cidr }[] {
  return texts.flatMap((text) => {
    const result = parseCidr(text);
    return result.ok ? [{ label: label(text), cidr: result.cidr }] : [];
  });
}

/**
 * A site's LAN ranges must be routable both ways and unambiguous. Each must sit inside one of
 * network.onPremisesRanges, because those ranges are what the VPC route tables send to the hub
 * and what the AWS address plan is checked against; a LAN outside them would be unreachable from
 * isolated subnets and could silently overlap a future VPC. No LAN may overlap the AWS space, a
 * VPC, or another LAN range (of this site or another): the Transit Gateway would not know which
 * way to send the traffic.
 */
export const siteLanRanges: ConfigRule = (view, report) => {
  const onPrem = view.onPremisesRanges.flatMap(({ value }) => {
    const result = parseCidr(value.cidr);
    return result.ok ? [{ name: value.name, cidr: result.cidr }] : [];
  });
  const allOnPremParsed = onPrem.length === view.onPremisesRanges.length;
  const aws = labelled(view.awsAddressSpace ?? [], (text) => `the AWS address space ${text}`);
  const vpcs = view.vpcs.flatMap(({ value }) => labelled([value.cidr], () => `VPC ${value.name}`));

  const lans: Block[] = [];
  for (const { index, value: site } of view.sites) {
    site.lanRanges.forEach((text, i) => {
      const path = ['connectivity', 'sites', index, 'lanRanges', i];
      const result = parseCidr(text);
      if (!result.ok) {
        report(path, result.error);
        return;
      }
      const block = result.cidr;
      lans.push({ path, label: `${site.name} LAN ${text}`, cidr: block });
      if (allOnPremParsed && !onPrem.some((range) => contains(range.cidr, block))) {
        report(
          path,
          `${text} is not inside any of network.onPremisesRanges (${onPrem.map((r) => r.cidr.text).join(', ') || 'none'}); ` +
            'add the range there so VPC route tables and the address plan know about it',
        );
      }
      const awsClash = aws.find((a) => overlaps(a.cidr, block));
      if (awsClash) {
        report(path, `${text} overlaps ${awsClash.label}`);
      } else {
        const vpcClash = vpcs.find((v) => overlaps(v.cidr, block));
        if (vpcClash) {
          report(path, `${text} overlaps ${vpcClash.label} (${vpcClash.cidr.text})`);
        }
      }
    });
  }
  for (const [a, b] of findOverlaps(lans, (l) => l.cidr)) {
    report(b.path, `${b.cidr.text} overlaps ${a.label}; each network must belong to exactly one site`);
  }
};
