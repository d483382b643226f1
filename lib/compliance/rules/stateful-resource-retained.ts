import { CfnDeletionPolicy, type CfnResource } from 'aws-cdk-lib';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { RETAINED_TYPES } from '../../safety/stateful-types';

const KEPT: readonly (CfnDeletionPolicy | undefined)[] = [
  CfnDeletionPolicy.RETAIN,
  CfnDeletionPolicy.SNAPSHOT,
  CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE,
];

/** Stateful resources survive stack deletion and replacement: Retain or Snapshot on both policies. */
export function statefulResourceRetained(node: CfnResource): NagRuleResult {
  if (!RETAINED_TYPES.has(node.cfnResourceType)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const { deletionPolicy, updateReplacePolicy } = node.cfnOptions;
  return KEPT.includes(deletionPolicy) && KEPT.includes(updateReplacePolicy)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
