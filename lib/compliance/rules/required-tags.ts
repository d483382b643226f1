import type { CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { REQUIRED_TAGS } from '../../names';
import { resourceTags } from './resource-tags';

/**
 * Every taggable resource carries the required tags with a non-empty value, as rendered after
 * synthesis (so app-level Tags.of counts). Resource types CloudFormation cannot tag are not
 * applicable. A finding names each missing tag, as `Council-RequiredTags[Tag::wave]`.
 */
export function requiredTags(node: CfnResource): NagRuleResult {
  const tags = resourceTags(node);
  if (tags === undefined) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const missing = REQUIRED_TAGS.filter((key) => (tags[key] ?? '').trim() === '');
  return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing.map((key) => `Tag::${key}`);
}
