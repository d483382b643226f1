import { BOOTSTRAP_QUALIFIER } from './environments';

/*
 * The roles the CDK bootstrap stack names after its qualifier. The GitHub OIDC roles assume these
 * roles, and the service control policies single them out by name.
 */

/** The kinds of bootstrap role `cdk deploy` uses. */
export type BootstrapRoleKind = 'deploy' | 'cfn-exec' | 'lookup' | 'file-publishing' | 'image-publishing';

/**
 * An ArnLike pattern for a bootstrap role, in one account or (by default) any: the role names end
 * in `-<account>-<region>`, so the pattern covers every region the account is bootstrapped in.
 */
export function bootstrapRoleArnPattern(kind: BootstrapRoleKind, account = '*', partition = 'aws'): string {
  const suffix = account === '*' ? '*' : `${account}-*`;
  return `arn:${partition}:iam::${account}:role/cdk-${BOOTSTRAP_QUALIFIER}-${kind}-role-${suffix}`;
}
