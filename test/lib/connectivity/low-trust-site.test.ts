import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Stack } from 'aws-cdk-lib';
import type { TemplateSet } from '../../../lib/analysis/templates';
import type { StackTemplates } from '../../../lib/safety/change-guard';
import { diffTemplates } from '../../../lib/safety/template-diff';
import { SiteToSiteVpns } from '../../../lib/connectivity/site-to-site-vpns';
import type { VpnSite } from '../../../lib/connectivity/vpn-site';
import { TransitGatewayHub } from '../../../lib/network/transit-gateway-hub';
import { testApp } from '../../helpers/cdk-app';
import { exampleConfig, synthLandingZone } from '../../helpers/landing-zone';
import { siteVpnsStack } from './site-vpns-stack';

/*
 * A site with trust: low is associated with a route table of its own, and its routes go only into
 * the shared services' table (PROPAGATES_INTO['on-premises-low-trust']): whatever its router
 * announces cannot reach a production or non-production table. A standard site is built exactly
 * as before, with the same logical IDs.
 */
const depot: VpnSite = {
  name: 'depot',
  description: 'A depot on a shared building line',
  customerGateways: [{ name: 'router-1', publicIp: '81.2.69.160' }],
  routing: { type: 'bgp', asn: 65020 },
  trust: 'low',
};
const library: VpnSite = {
  name: 'library',
  description: 'A library with public Wi-Fi',
  customerGateways: [{ name: 'router-1', publicIp: '81.2.69.161' }],
  routing: { type: 'static', prefixes: ['172.16.8.0/22'] },
  trust: 'low',
};
const office: VpnSite = {
  name: 'office',
  description: 'A staffed office',
  customerGateways: [{ name: 'edge-1', publicIp: '81.2.69.162' }],
  routing: { type: 'bgp', asn: 65010 },
};

const { stack, hub, template } = siteVpnsStack([depot, library, office]);
const refOf = (table: ec2.CfnTransitGatewayRouteTable | undefined): unknown => {
  if (table === undefined) throw new Error('the hub has that table');
  return { Ref: stack.getLogicalId(table) };
};
type Props = { Properties: Record<string, unknown> };
const resources = (type: string): Record<string, Props> =>
  template.findResources(type) as Record<string, Props>;
const ofDevice = (type: string, scope: string): Props[] =>
  Object.entries(resources(type))
    .filter(([id]) => id.startsWith(`SiteToSiteVpns${scope}`))
    .map(([, r]) => r);

describe('a site with trust: low', () => {
  it('gets a route table of its own in the hub, named for the segment', () => {
    expect(hub.routeTables['on-premises-low-trust']).toBeDefined();
    template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTable', {
      Tags: Match.arrayWith([{ Key: 'Name', Value: 'kvdc-hub-on-premises-low-trust' }]),
    });
  });

  it('is associated with the low-trust table, not the on-premises one', () => {
    for (const scope of ['DepotRouter1', 'LibraryRouter1']) {
      const associations = ofDevice('AWS::EC2::TransitGatewayRouteTableAssociation', scope);
      expect(associations.map((a) => a.Properties['TransitGatewayRouteTableId'])).toEqual([
        refOf(hub.routeTables['on-premises-low-trust']),
      ]);
    }
  });

  it("propagates its BGP routes into the shared services' table only", () => {
    const propagations = ofDevice('AWS::EC2::TransitGatewayRouteTablePropagation', 'DepotRouter1');
    expect(propagations.map((p) => p.Properties['TransitGatewayRouteTableId'])).toEqual([
      refOf(hub.routeTables.shared),
    ]);
  });

  it("routes a static site's prefixes in the shared services' table only", () => {
    const routes = ofDevice('AWS::EC2::TransitGatewayRoute', 'LibraryRouter1');
    expect(
      routes.map((r) => [r.Properties['DestinationCidrBlock'], r.Properties['TransitGatewayRouteTableId']]),
    ).toEqual([['172.16.8.0/22', refOf(hub.routeTables.shared)]]);
  });
});

describe('a standard site beside it', () => {
  it('is built as before: on-premises association, propagation into production, non-production and shared', () => {
    expect(
      ofDevice('AWS::EC2::TransitGatewayRouteTableAssociation', 'OfficeEdge1')[0]?.Properties,
    ).toMatchObject({
      TransitGatewayRouteTableId: refOf(hub.routeTables['on-premises']),
    });
    expect(
      ofDevice('AWS::EC2::TransitGatewayRouteTablePropagation', 'OfficeEdge1').map(
        (p) => p.Properties['TransitGatewayRouteTableId'],
      ),
    ).toEqual([
      refOf(hub.routeTables.production),
      refOf(hub.routeTables['non-production']),
      refOf(hub.routeTables.shared),
    ]);
    const ids = Object.keys(template.toJSON()['Resources'] as object).filter((id) =>
      id.startsWith('SiteToSiteVpnsOfficeEdge1'),
    );
    for (const prefix of [
      'Association',
      'PropagationToProduction',
      'PropagationToNonProduction',
      'PropagationToShared',
      'Connection',
    ]) {
      expect(ids.some((id) => id.startsWith(`SiteToSiteVpnsOfficeEdge1${prefix}`))).toBe(true);
    }
  });
});

describe('the hub without low-trust sites', () => {
  it('has no low-trust table, so the templates of a council that does not opt in do not change', () => {
    const app = testApp();
    const hubStack = new Stack(app, 'Hub');
    const plain = new TransitGatewayHub(hubStack, 'Hub', {
      name: 'hub',
      namePrefix: 'kvdc',
      amazonSideAsn: 64512,
      shareWithAccounts: [],
      blackholeCidrs: ['10.64.0.0/14'],
    });
    expect(plain.routeTables['on-premises-low-trust']).toBeUndefined();
    Template.fromStack(hubStack).resourceCountIs('AWS::EC2::TransitGatewayRouteTable', 5);
  });

  it('refuses a low-trust site when the hub was built without its table', () => {
    const app = testApp();
    const hubStack = new Stack(app, 'Hub');
    const plain = new TransitGatewayHub(hubStack, 'Hub', {
      name: 'hub',
      namePrefix: 'kvdc',
      amazonSideAsn: 64512,
      shareWithAccounts: [],
      blackholeCidrs: ['10.64.0.0/14'],
    });
    expect(
      () =>
        new SiteToSiteVpns(hubStack, 'SiteToSiteVpns', {
          sites: [depot],
          alertEmails: ['network-team@kestrelvale.gov.uk'],
          namePrefix: 'kvdc',
          transitGatewayId: plain.transitGateway.ref,
          routeTables: plain.routeTables,
        }),
    ).toThrow(/the hub has no on-premises-low-trust route table/);
  });
});

describe('the landing zone with a low-trust site', () => {
  const config = exampleConfig();
  const connectivity = config.connectivity;
  if (connectivity === undefined) throw new Error('the example council has a connectivity section');
  const { stacks, templates } = synthLandingZone({
    ...config,
    connectivity: {
      ...connectivity,
      sites: connectivity.sites.map((s) =>
        s.name === 'northgate-depot' ? { ...s, trust: 'low' as const } : s,
      ),
    },
  });
  const raw = (set: TemplateSet): StackTemplates =>
    Object.fromEntries(set.stacks.map((stack) => [stack.stackName, { Resources: stack.resources }]));

  it('moving a deployed site there changes its association and propagations, never its VPN connection', () => {
    const changes = diffTemplates(raw(synthLandingZone(config).templates), raw(templates)).flatMap((stack) =>
      stack.resources.map(
        (r) => `${stack.stack} ${r.action} ${r.type} ${r.logicalId.replace(/[0-9A-F]{8}$/, '')}`,
      ),
    );
    expect(changes.sort()).toEqual([
      'kvdc-connectivity remove AWS::EC2::TransitGatewayRouteTablePropagation SiteToSiteVpnsNorthgateDepotRouter1PropagationToNonProduction',
      'kvdc-connectivity remove AWS::EC2::TransitGatewayRouteTablePropagation SiteToSiteVpnsNorthgateDepotRouter1PropagationToProduction',
      'kvdc-connectivity replace AWS::EC2::TransitGatewayRouteTableAssociation SiteToSiteVpnsNorthgateDepotRouter1Association',
      'kvdc-network-hub add AWS::EC2::TransitGatewayRoute HubOnPremisesLowTrustRouteTableBlackhole10640014',
      'kvdc-network-hub add AWS::EC2::TransitGatewayRouteTable HubOnPremisesLowTrustRouteTable',
      'kvdc-vpc-shared-services add AWS::EC2::TransitGatewayRouteTablePropagation SharedServicesPropagationToOnPremisesLowTrust',
    ]);
  });

  it('propagates only the shared-services VPC into the low-trust table, so the site reaches nothing else', () => {
    const lowTrust = stacks.hub.hub.routeTables['on-premises-low-trust'];
    if (lowTrust === undefined) throw new Error('the hub has the low-trust table');
    const into = templates
      .ofType('AWS::EC2::TransitGatewayRouteTablePropagation')
      .filter(
        (p) =>
          templates.target(p.stack, templates.prop(p, 'TransitGatewayRouteTableId'))?.logicalId ===
          stacks.hub.getLogicalId(lowTrust),
      );
    expect(into.map((p) => p.stack)).toEqual(['kvdc-vpc-shared-services']);
  });
});
