import { TemplateSet } from '../../../lib/analysis/templates';
import type { StackTemplate } from '../../../lib/assembly/template';
import type { LandingZoneConfig } from '../../../lib/config/schema';
import { segmentationProblems } from '../../../lib/gate/segmentation-check';
import { exampleConfig, synthLandingZone } from '../../helpers/landing-zone';

/*
 * The gate's segmentation proof covers the council sites as well as the VPCs: each site's VPN
 * attachments to every VPC and back, so a low-trust site whose routes reach a production table
 * fails the gate, whichever way the route got there.
 */

/** The example with northgate-depot (BGP) and central-library (static) in the low-trust segment. */
function lowTrustConfig(): LandingZoneConfig {
  const config = exampleConfig();
  const connectivity = config.connectivity;
  if (connectivity === undefined) throw new Error('the example council has a connectivity section');
  const low = new Set(['northgate-depot', 'central-library']);
  return {
    ...config,
    connectivity: {
      ...connectivity,
      sites: connectivity.sites.map((site) =>
        low.has(site.name) ? { ...site, trust: 'low' as const } : site,
      ),
    },
  };
}

function resourceEndingWith(stack: StackTemplate, suffix: RegExp): Record<string, unknown> {
  const found = Object.entries(stack.resources).find(([id]) => suffix.test(id));
  if (found === undefined) throw new Error(`no resource matching ${suffix.source} in ${stack.stackName}`);
  return found[1] as unknown as Record<string, unknown>;
}

/** The templates with one resource added to the connectivity stack, built from two that exist. */
function withAddedRoute(
  templates: TemplateSet,
  make: (connectivity: StackTemplate) => Record<string, unknown>,
): TemplateSet {
  return new TemplateSet(
    templates.stacks.map((stack) =>
      stack.stackName === 'kvdc-connectivity'
        ? { ...stack, resources: { ...stack.resources, AddedByHand: make(stack) as never } }
        : stack,
    ),
  );
}

describe('segmentation proof: VPCs and site VPNs', () => {
  const example = exampleConfig();
  const exampleTemplates = synthLandingZone(example).templates;

  it('passes on the example, tracing every site to every VPC and back, not only VPC to VPC', () => {
    const { traced, problems } = segmentationProblems(exampleTemplates, example);
    expect(problems).toEqual([]);
    // 9 VPC-to-VPC paths, then four device attachments and their networks both ways and between sites.
    expect(traced).toBeGreaterThan(9 + 4 * 3);
    // No site is low-trust: the hub has no table for them, and the templates have the five as before.
    expect(exampleTemplates.ofType('AWS::EC2::TransitGatewayRouteTable')).toHaveLength(5);
  });

  describe('with a BGP and a static site in the low-trust segment', () => {
    const config = lowTrustConfig();
    const templates = synthLandingZone(config).templates;
    const connectivity = templates.stacks.find((s) => s.stackName === 'kvdc-connectivity');
    if (connectivity === undefined) throw new Error('the example has a connectivity stack');

    it('passes: they reach the shared services only, and only the shared table holds their routes', () => {
      expect(segmentationProblems(templates, config).problems).toEqual([]);
      expect(templates.ofType('AWS::EC2::TransitGatewayRouteTable')).toHaveLength(6);
    });

    it("fails when the BGP site's routes are propagated into the production table", () => {
      const leaked = withAddedRoute(templates, (stack) => {
        const own = resourceEndingWith(stack, /^SiteToSiteVpnsNorthgateDepotRouter1PropagationToShared/);
        const production = resourceEndingWith(
          stack,
          /^SiteToSiteVpnsCivicCentreDcEdge1PropagationToProduction/,
        );
        const props = (r: Record<string, unknown>): Record<string, unknown> =>
          r['Properties'] as Record<string, unknown>;
        return {
          ...own,
          Properties: {
            ...props(own),
            TransitGatewayRouteTableId: props(production)['TransitGatewayRouteTableId'],
          },
        };
      });
      const { problems } = segmentationProblems(leaked, config);
      expect(problems).toEqual([
        expect.stringMatching(
          /^production \(production\) reaches 10\.20\.0\.10 in site northgate-depot \(on-premises-low-trust\) through .*: the policy forbids production → on-premises-low-trust$/,
        ),
      ]);
    });

    it("fails when the static site's prefix is routed in the production table", () => {
      const leaked = withAddedRoute(templates, (stack) => {
        const own = resourceEndingWith(stack, /^SiteToSiteVpnsCentralLibraryRouter1SharedRouteTo172/);
        const production = resourceEndingWith(
          stack,
          /^SiteToSiteVpnsCivicCentreDcEdge1PropagationToProduction/,
        );
        const props = (r: Record<string, unknown>): Record<string, unknown> =>
          r['Properties'] as Record<string, unknown>;
        return {
          ...own,
          Properties: {
            ...props(own),
            TransitGatewayRouteTableId: props(production)['TransitGatewayRouteTableId'],
          },
        };
      });
      expect(segmentationProblems(leaked, config).problems).toEqual([
        expect.stringMatching(
          /^production \(production\) reaches 172\.16\.8\.10 in site central-library \(on-premises-low-trust\) through .*: the policy forbids production → on-premises-low-trust$/,
        ),
      ]);
    });

    it('fails when the configuration calls a site low-trust but the templates route it as standard', () => {
      // The proof reads the trust from the configuration, so the old templates of such a site fail.
      const { problems } = segmentationProblems(exampleTemplates, config);
      expect(problems).toContainEqual(
        expect.stringMatching(
          /^production \(production\) reaches 10\.20\.0\.10 in site northgate-depot \(on-premises-low-trust\) .*the policy forbids/,
        ),
      );
      expect(problems).toContainEqual(
        expect.stringMatching(
          /^site northgate-depot \(on-premises-low-trust\) reaches 10\.65\.0\.10 in production/,
        ),
      );
    });
  });
});
