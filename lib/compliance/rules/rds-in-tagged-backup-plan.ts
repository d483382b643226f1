import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
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

/** Backup selections that can pick the instance: those of every stack in the same account and region. */
function selectionsFor(stack: Stack): backup.CfnBackupSelection[] {
  const out: backup.CfnBackupSelection[] = [];
  for (const child of stack.node.root.node.findAll()) {
    if (!(child instanceof backup.CfnBackupSelection)) {
      continue;
    }
    const other = Stack.of(child);
    if (other === stack || (other.account === stack.account && other.region === stack.region)) {
      out.push(child);
    }
  }
  return out;
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
