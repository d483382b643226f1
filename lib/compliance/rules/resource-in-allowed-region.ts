import { Stack, Token, type CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';

/**
 * Every resource sits in a region the council's data-residency rule allows: the home region, and
 * the disaster-recovery region where the rule allows it. The allowed regions come from
 * configuration (see allowedRegionsFor). A finding names the region, as
 * `Council-ResourceInAllowedRegion[Region::us-east-1]`; a stack without an explicit region
 * (environment-agnostic) is reported as `Region::unresolved`, since nobody can tell where it lands.
 */
export function resourceInAllowedRegion(
  allowedRegions: readonly string[],
): (node: CfnResource) => NagRuleResult {
  return (node) => {
    const region = Stack.of(node).region;
    if (Token.isUnresolved(region)) {
      return ['Region::unresolved'];
    }
    return allowedRegions.includes(region) ? NagRuleCompliance.COMPLIANT : [`Region::${region}`];
  };
}
