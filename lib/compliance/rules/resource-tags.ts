import { TagManager, type CfnResource } from 'aws-cdk-lib';

/**
 * The tags a resource will carry in CloudFormation, after every Tags.of aspect has run, or
 * undefined when its type cannot be tagged. Covers both tag-manager styles of L1 resources.
 */
export function resourceTags(node: CfnResource): Record<string, string> | undefined {
  if (TagManager.isTaggable(node)) {
    return node.tags.tagValues();
  }
  if (TagManager.isTaggableV2(node)) {
    return node.cdkTagManager.tagValues();
  }
  return undefined;
}
