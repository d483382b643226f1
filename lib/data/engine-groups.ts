import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { EngineOptionGroup } from './engines/engine';

export interface EngineGroupsProps {
  readonly engine: rds.IInstanceEngine;
  /** Parameters of the instance's own group: at least those that force TLS (lib/data/engines). */
  readonly parameters: Readonly<Record<string, string>>;
  /** Options the engine needs, e.g. Oracle's SSL listener or MySQL's audit plugin. @default - no option group */
  readonly optionGroup?: EngineOptionGroup;
  /** An audit option with its bucket and role (SQL Server Audit). @default - none */
  readonly auditOption?: { readonly purpose: string; readonly configuration: rds.OptionConfiguration };
  readonly vpc: ec2.IVpc;
  /** Security groups of options that open a port (Oracle's SSL listener). */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly description: string;
}

/**
 * A parameter group of one database's own, so TLS can be forced (a default group cannot be
 * changed), and the option group its engine needs, if any.
 */
export class EngineGroups extends Construct {
  readonly parameterGroup: rds.ParameterGroup;
  readonly optionGroup?: rds.OptionGroup;

  constructor(scope: Construct, id: string, props: EngineGroupsProps) {
    super(scope, id);
    this.parameterGroup = new rds.ParameterGroup(this, 'ParameterGroup', {
      engine: props.engine,
      description: `${props.description}: TLS enforced`,
      parameters: { ...props.parameters },
    });
    const configurations = [
      ...(props.optionGroup?.configurations({ vpc: props.vpc, securityGroups: [props.securityGroup] }) ?? []),
      ...(props.auditOption ? [props.auditOption.configuration] : []),
    ];
    if (configurations.length > 0) {
      // A changed description replaces the group, so an engine's own purpose comes first, unchanged.
      const purposes = [props.optionGroup?.purpose, props.auditOption?.purpose].filter(
        (p): p is string => p !== undefined,
      );
      this.optionGroup = new rds.OptionGroup(this, 'OptionGroup', {
        engine: props.engine,
        description: `${props.description}: ${purposes.join(', ')}`,
        configurations,
      });
    }
  }
}
