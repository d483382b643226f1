import type { CfnResource } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { engineOfRdsEngine } from '../../data/engines';
import type { EngineAudit } from '../../data/engines/engine';
import { OFFICIAL_SENSITIVE, TAGS } from '../../names';
import { asList, asRecord, asText, findInStack, refTarget, resolved } from './resolve';
import { resourceTags } from './resource-tags';

/**
 * An RDS instance tagged `classification: OFFICIAL-SENSITIVE` records who did what, as its engine's
 * registry record says (lib/data/engines): PostgreSQL preloads pgaudit through its own parameter
 * group, audits at least one statement class and exports the log the records go to; SQL Server has
 * the SQLSERVER_AUDIT option in its option group, naming the role and the bucket it writes to.
 * Engines that audit every database anyway (MySQL, Oracle), and engines the landing zone does not
 * build, are not checked.
 */
export function rdsAuditForOfficialSensitive(node: CfnResource): NagRuleResult {
  if (!(node instanceof rds.CfnDBInstance)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  if (resourceTags(node)?.[TAGS.classification] !== OFFICIAL_SENSITIVE) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const audit = engineOfRdsEngine(asText(resolved(node, node.engine)) ?? '')?.audit;
  if (audit === undefined || audit.kind === 'always') {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  return (audit.kind === 'preloaded-library' ? libraryAudits(node, audit) : optionAudits(node, audit))
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}

function libraryAudits(
  node: rds.CfnDBInstance,
  audit: Extract<EngineAudit, { readonly kind: 'preloaded-library' }>,
): boolean {
  const id = refTarget(resolved(node, node.dbParameterGroupName));
  const group = id === undefined ? undefined : findInStack(node, id, rds.CfnDBParameterGroup);
  const parameters = group ? asRecord(resolved(group, group.parameters)) : {};
  const preloaded = (asText(parameters[audit.preloadParameter]) ?? '').split(',').map((l) => l.trim());
  const classes = (asText(parameters[audit.classesParameter]) ?? '').trim();
  const exported = asList(resolved(node, node.enableCloudwatchLogsExports));
  return (
    preloaded.includes(audit.library) &&
    classes !== '' &&
    classes.toLowerCase() !== 'none' &&
    exported.includes(audit.log)
  );
}

function optionAudits(
  node: rds.CfnDBInstance,
  audit: Extract<EngineAudit, { readonly kind: 's3-option' }>,
): boolean {
  const id = refTarget(resolved(node, node.optionGroupName));
  const group = id === undefined ? undefined : findInStack(node, id, rds.CfnOptionGroup);
  const options = group ? asList(resolved(group, group.optionConfigurations)).map(asRecord) : [];
  const option = options.find((o) => (o['optionName'] ?? o['OptionName']) === audit.option);
  if (option === undefined) {
    return false;
  }
  const settings = asList(option['optionSettings'] ?? option['OptionSettings']).map(asRecord);
  // The option is inert without the role it writes with and the bucket it writes to.
  const named = (setting: string): boolean =>
    settings.some((s) => (s['name'] ?? s['Name']) === setting && isSet(s['value'] ?? s['Value']));
  return named(audit.roleSetting) && named(audit.bucketSetting);
}

/** A literal that is not empty, or a reference CloudFormation fills in (a role or bucket ARN). */
function isSet(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}
