import { bootstrapRoleArnPattern } from '../../delivery/bootstrap-roles';
import { BOOTSTRAP_QUALIFIER } from '../../delivery/environments';
import type { SecurityBaselineModel } from '../model';

/**
 * The principals the guardrails single out, as aws:PrincipalArn patterns. A role session's
 * aws:PrincipalArn is the role's ARN, so these match every session of the role.
 */
export interface GuardrailPrincipals {
  /** The break-glass role in any member account: exempt from every guardrail. */
  readonly breakGlass: string;
  /** The CDK deploy role (assumed by the pipeline, passes the execution role to CloudFormation). */
  readonly deployRole: string;
  /** The CloudFormation execution role: what every stack deployment acts as. */
  readonly cfnExecRole: string;
  /** The execution role of the network account only: the one that may change the Transit Gateway and VPNs. */
  readonly networkCfnExecRole: string;
  /** Every CDK bootstrap role (their trust and policies are guarded). */
  readonly bootstrapRoles: string;
  /** The account baseline's deploy-time calls: the only principal that may create rules in us-east-1. */
  readonly deployTimeCalls: string;
}

export function guardrailPrincipals(model: SecurityBaselineModel): GuardrailPrincipals {
  return {
    breakGlass: `arn:aws:iam::*:role/${model.breakGlassRoleName}`,
    deployRole: bootstrapRoleArnPattern('deploy'),
    cfnExecRole: bootstrapRoleArnPattern('cfn-exec'),
    networkCfnExecRole: bootstrapRoleArnPattern('cfn-exec', model.network.id),
    bootstrapRoles: `arn:aws:iam::*:role/cdk-${BOOTSTRAP_QUALIFIER}-*`,
    deployTimeCalls: `arn:aws:iam::*:role/${model.deployTimeRoleName}`,
  };
}
