import type { CfnResource } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { asList, asRecord, asText, findInStack, refTarget, resolved } from './resolve';

/** Parameter values that make each engine family refuse plain-text connections. */
const REQUIRED: readonly {
  readonly engine: RegExp;
  readonly parameter: string;
  readonly values: readonly string[];
}[] = [
  { engine: /^sqlserver/, parameter: 'rds.force_ssl', values: ['1'] },
  { engine: /^postgres/, parameter: 'rds.force_ssl', values: ['1'] },
  { engine: /^(mysql|mariadb)/, parameter: 'require_secure_transport', values: ['ON', '1'] },
];

/**
 * An RDS instance's own parameter group forces TLS (a default group cannot); for Oracle, whose TLS
 * comes from a listener, its option group has the SSL option.
 */
export function rdsTlsEnforced(node: CfnResource): NagRuleResult {
  if (!(node instanceof rds.CfnDBInstance)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const engine = asText(resolved(node, node.engine)) ?? '';
  if (engine.startsWith('oracle')) {
    const id = refTarget(resolved(node, node.optionGroupName));
    const group = id === undefined ? undefined : findInStack(node, id, rds.CfnOptionGroup);
    const options = group ? asList(resolved(group, group.optionConfigurations)).map(asRecord) : [];
    return options.some((o) => (o['optionName'] ?? o['OptionName']) === 'SSL')
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  const required = REQUIRED.find((r) => r.engine.test(engine));
  if (!required) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const id = refTarget(resolved(node, node.dbParameterGroupName));
  const group = id === undefined ? undefined : findInStack(node, id, rds.CfnDBParameterGroup);
  const value = group ? asRecord(resolved(group, group.parameters))[required.parameter] : undefined;
  return typeof value === 'string' && required.values.includes(value)
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
