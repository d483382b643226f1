import type { Construct } from 'constructs';
import type { OperationsConfig } from '../lib/config/schema-operations';
import { OperationsRoles } from '../lib/iam/operations-roles';
import type { OpsCommandName } from '../lib/ops/iam-actions';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';

export interface OperationsStackProps extends LandingZoneStackProps {
  readonly operations: OperationsConfig;
  readonly prefix: string;
  /** Whether this account holds databases, and so gets the restore-drill role. */
  readonly withDrillRole: boolean;
  /** The lz ops commands that read this account. */
  readonly commands: readonly OpsCommandName[];
}

/** The IAM roles `lz ops` reads (and drills) one account through. Stateless: safe to replace. */
export class OperationsStack extends LandingZoneStack {
  readonly roles: OperationsRoles;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    const { operations } = props;
    this.roles = new OperationsRoles(this, 'OperationsRoles', {
      trustedAccount: operations.trustedAccount,
      trustedPrincipalArns: operations.trustedPrincipalArns,
      roleName: operations.roleName,
      commands: props.commands,
      prefix: props.prefix,
      ...(props.withDrillRole
        ? { drillRoleName: operations.drillRoleName, drillRestoreRoleName: operations.drillRestoreRoleName }
        : {}),
    });
  }
}
