import { TemplateSet } from '../../lib/analysis/templates';
import { TransitGatewayRouting } from '../../lib/analysis/tgw-routing';
import { pascal } from '../../lib/names';
import { exampleConfig, synthLandingZone } from '../helpers/landing-zone';

/**
 * Proves the segmentation on the synthesised CloudFormation, not on our intent: packets are
 * traced through the Transit Gateway route tables exactly as the templates declare them.
 */
describe('Transit Gateway segmentation', () => {
  const { templates } = synthLandingZone();
  const routing = new TransitGatewayRouting(templates);
  const attachment = (vpcCidr: string): string => {
    const found = routing.attachmentOfVpcCidr(vpcCidr);
    if (!found) {
      throw new Error(`no attachment for ${vpcCidr}`);
    }
    return found;
  };
  const production = attachment('10.65.0.0/19');
  const nonProduction = attachment('10.66.0.0/20');
  const shared = attachment('10.64.16.0/21');
  const egress = attachment('10.64.0.0/24');

  it('associates every VPC attachment with a route table', () => {
    for (const att of [production, nonProduction, shared, egress]) {
      expect(routing.routeTableOf(att)).toBeDefined();
    }
    expect(
      new Set([production, nonProduction, shared, egress].map((a) => routing.routeTableOf(a))).size,
    ).toBe(4);
  });

  it('lets production and non-production reach shared services', () => {
    expect(routing.trace(production, '10.64.16.10').result).toEqual({
      kind: 'delivered',
      attachment: shared,
    });
    expect(routing.trace(nonProduction, '10.64.17.10').result).toEqual({
      kind: 'delivered',
      attachment: shared,
    });
  });

  it('lets shared services reach both environments', () => {
    expect(routing.trace(shared, '10.65.12.5').result).toEqual({ kind: 'delivered', attachment: production });
    expect(routing.trace(shared, '10.66.8.5').result).toEqual({
      kind: 'delivered',
      attachment: nonProduction,
    });
  });

  it('never lets production and non-production reach each other, not even through central egress', () => {
    expect(routing.trace(production, '10.66.8.5').result).toMatchObject({
      kind: 'blackhole',
      cidr: '10.64.0.0/14',
    });
    expect(routing.trace(nonProduction, '10.65.12.5').result).toMatchObject({
      kind: 'blackhole',
      cidr: '10.64.0.0/14',
    });
  });

  it('sends internet traffic from every spoke to the egress VPC, which returns replies to the spoke', () => {
    for (const spoke of [production, nonProduction, shared]) {
      expect(routing.trace(spoke, '151.101.0.1').result).toEqual({ kind: 'leaves-vpc', attachment: egress });
    }
    expect(routing.trace(egress, '10.65.0.10').result).toEqual({ kind: 'delivered', attachment: production });
    expect(routing.trace(egress, '10.66.0.10').result).toEqual({
      kind: 'delivered',
      attachment: nonProduction,
    });
  });

  it('drops traffic to unallocated AWS space instead of sending it to the internet', () => {
    expect(routing.trace(production, '10.67.200.1').result).toMatchObject({ kind: 'blackhole' });
  });

  it('would catch a hairpin: without the blackhole, production reaches non-production via egress', () => {
    // Remove the blackhole routes from a copy of the templates and show the analyser finds the leak,
    // so the passing test above is evidence, not an accident of the analysis.
    const withoutBlackholes = templates.stacks.map((stack) => ({
      ...stack,
      resources: Object.fromEntries(
        Object.entries(stack.resources).filter(
          ([, r]) => !(r.Type === 'AWS::EC2::TransitGatewayRoute' && r.Properties?.['Blackhole'] === true),
        ),
      ),
    }));
    const rebuilt = new TransitGatewayRouting(new TemplateSet(withoutBlackholes));
    const from = rebuilt.attachmentOfVpcCidr('10.65.0.0/19') ?? '';
    expect(rebuilt.trace(from, '10.66.8.5').result).toMatchObject({ kind: 'delivered' });
  });
});

describe('Transit Gateway segmentation with the council sites attached over VPN', () => {
  const config = exampleConfig();
  const { templates } = synthLandingZone(config);
  // BGP routes are learned at run time, so the trace is told what each site advertises: its LAN ranges.
  const vpnAttachments = templates.ofType('Custom::VpnTransitGatewayAttachment');
  const sites = config.connectivity?.sites ?? [];
  const siteOf = (key: string): (typeof sites)[number] | undefined =>
    sites.find((site) => key.includes(`SiteToSiteVpns${pascal(site.name)}`));
  const advertised = new Map(vpnAttachments.map((a) => [a.key, siteOf(a.key)?.lanRanges ?? []]));
  const routing = new TransitGatewayRouting(templates, advertised);
  const production = routing.attachmentOfVpcCidr('10.65.0.0/19') ?? '';
  const nonProduction = routing.attachmentOfVpcCidr('10.66.0.0/20') ?? '';
  const shared = routing.attachmentOfVpcCidr('10.64.16.0/21') ?? '';
  const dataCentre = vpnAttachments.find((a) => a.key.includes('CivicCentreDcEdge1'))?.key ?? '';
  const library = vpnAttachments.find((a) => a.key.includes('CentralLibrary'))?.key ?? '';

  it('has a VPN attachment per customer gateway device', () => {
    expect(vpnAttachments).toHaveLength(4);
  });

  it('lets every site reach production, non-production and shared services', () => {
    for (const site of [dataCentre, library]) {
      expect(routing.trace(site, '10.65.12.5').result).toEqual({ kind: 'delivered', attachment: production });
      expect(routing.trace(site, '10.66.8.5').result).toEqual({
        kind: 'delivered',
        attachment: nonProduction,
      });
      expect(routing.trace(site, '10.64.16.10').result).toEqual({ kind: 'delivered', attachment: shared });
    }
  });

  it('lets both environments reach the BGP data centre and the static library site', () => {
    for (const env of [production, nonProduction, shared]) {
      expect(routing.trace(env, '10.1.0.10').result).toMatchObject({ kind: 'delivered' });
      expect(routing.trace(env, '172.16.8.20').result).toEqual({ kind: 'delivered', attachment: library });
    }
  });

  it('still keeps production and non-production apart, and sites cannot reach each other through AWS', () => {
    expect(routing.trace(production, '10.66.8.5').result).toMatchObject({ kind: 'blackhole' });
    expect(routing.trace(nonProduction, '10.65.12.5').result).toMatchObject({ kind: 'blackhole' });
    expect(routing.trace(library, '10.20.0.5').result).toMatchObject({ kind: 'no-route' });
  });
});
