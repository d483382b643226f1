import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { asList, asRecord, asText, resolved } from './resolve';

function tagsOf(node: rds.CfnDBInstance): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of asList(resolved(node, node.tags.renderTags()))) {
    const tag = asRecord(raw);
    // The tag manager renders lower-case keys before synthesis and CloudFormation casing after.
    const key = tag['key'] ?? tag['Key'];
    const value = tag['value'] ?? tag['Value'];
    if (typeof key === 'string' && typeof value === 'string') {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Every backup selection in the app, found once per synthesis rather than once per database (the
 * walk covers every construct, so per database it made large estates quadratic). cdk-nag applies
 * its rules synchronously within one synth, so the list is forgotten at the next microtask: a later
 * synth of a changed app walks the tree again.
 */
const selectionsByRoot = new WeakMap<IConstruct, backup.CfnBackupSelection[]>();

function allSelections(root: IConstruct): backup.CfnBackupSelection[] {
  let found = selectionsByRoot.get(root);
  if (found === undefined) {
    found = root.node
      .findAll()
      .filter((c): c is backup.CfnBackupSelection => c instanceof backup.CfnBackupSelection);
    selectionsByRoot.set(root, found);
    queueMicrotask(() => selectionsByRoot.delete(root));
  }
  return found;
}

/** Backup selections that can pick the instance: those of every stack in the same account and region. */
function selectionsFor(stack: Stack): backup.CfnBackupSelection[] {
  return allSelections(stack.node.root).filter((child) => {
    const other = Stack.of(child);
    return other === stack || (other.account === stack.account && other.region === stack.region);
  });
}

/**
 * An RDS instance is selected by a backup plan of its account and region (AWS Backup selections
 * apply account-wide, so a plan in the data-protection stack protects a database in a workloads
 * stack), understanding what cdk-nag's RDSInBackupPlan does not: tag-based selections (ListOfTags
 * with STRINGEQUALS, plus any Conditions.StringEquals), as well as selections that name the
 * instance in its own stack.
 */
export function rdsInTaggedBackupPlan(node: CfnResource): NagRuleResult {
  if (!(node instanceof rds.CfnDBInstance)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const stack = Stack.of(node);
  const tags = tagsOf(node);
  const logicalId = stack.resolve(node.logicalId) as string;
  for (const child of selectionsFor(stack)) {
    const sameStack = Stack.of(child) === stack;
    const selection = asRecord(resolved(child, child.backupSelection));
    const anyOf = asList(selection['listOfTags'] ?? selection['ListOfTags']).map(asRecord);
    const byTag = anyOf.some((t) => {
      const type = t['conditionType'] ?? t['ConditionType'];
      const key = t['conditionKey'] ?? t['ConditionKey'];
      const value = t['conditionValue'] ?? t['ConditionValue'];
      return type === 'STRINGEQUALS' && typeof key === 'string' && tags[key] === value;
    });
    const byResource = asList(selection['resources'] ?? selection['Resources']).some((r) => {
      const text = JSON.stringify(r);
      return text === '"*"' || (sameStack && text.includes(`"${logicalId}"`));
    });
    const conditions = asRecord(selection['conditions'] ?? selection['Conditions']);
    const allOf = asList(conditions['stringEquals'] ?? conditions['StringEquals']).map(asRecord);
    const conditionsHold = allOf.every((c) => {
      const key = (asText(c['conditionKey']) ?? asText(c['ConditionKey']) ?? '').replace(
        /^aws:ResourceTag\//,
        '',
      );
      return tags[key] === (c['conditionValue'] ?? c['ConditionValue']);
    });
    if ((byTag || byResource) && conditionsHold) {
      return NagRuleCompliance.COMPLIANT;
    }
  }
  return NagRuleCompliance.NON_COMPLIANT;
}
