import type { CfnResource } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { engineOfRdsEngine } from '../../data/engines';
import { asList, asRecord, asText, findInStack, refTarget, resolved } from './resolve';

/**
 * An RDS instance's own parameter group forces TLS, at version 1.2 or later (a default group
 * cannot); for Oracle, whose TLS
 * comes from a listener, its option group has the SSL option. Which parameter or option counts is
 * the engine registry's (lib/data/engines); an engine the landing zone does not build is not checked.
 */
export function rdsTlsEnforced(node: CfnResource): NagRuleResult {
  if (!(node instanceof rds.CfnDBInstance)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const engine = engineOfRdsEngine(asText(resolved(node, node.engine)) ?? '');
  if (!engine) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const tls = engine.tls;
  if (tls.kind === 'option') {
    const id = refTarget(resolved(node, node.optionGroupName));
    const group = id === undefined ? undefined : findInStack(node, id, rds.CfnOptionGroup);
    const options = group ? asList(resolved(group, group.optionConfigurations)).map(asRecord) : [];
    return options.some((o) => (o['optionName'] ?? o['OptionName']) === tls.option)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  }
  const id = refTarget(resolved(node, node.dbParameterGroupName));
  const group = id === undefined ? undefined : findInStack(node, id, rds.CfnDBParameterGroup);
  const parameters = group ? asRecord(resolved(group, group.parameters)) : {};
  const accepts = (name: string, values: readonly string[]): boolean => {
    const value = parameters[name];
    return typeof value === 'string' && values.includes(value);
  };
  return accepts(tls.parameter, tls.acceptedValues) &&
    Object.entries(tls.minimumVersion).every(([name, values]) => accepts(name, values))
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}
