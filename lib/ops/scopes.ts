import type { AccountConfig } from '../config/schema';
import { partitionOf } from '../config/partition';
import { assumeRoleOptions, roleArn, type AwsOptions } from './aws';
import type { OperationError } from './errors';

/** One account and region a command reads, with the AWS options that reach it. */
export interface Scope {
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  readonly aws: AwsOptions;
}

/** A failed call, with the account and region it was made in so one failure hides nothing else. */
export interface ScopedError extends OperationError {
  readonly account: string;
  readonly region: string;
}

export function scoped(scope: { account: string; region: string }, error: OperationError): ScopedError {
  return {
    ...error,
    account: scope.account,
    region: scope.region,
    message: `[${scope.account} ${scope.region}] ${error.message}`,
  };
}

/**
 * The AWS options for one account and region. With a role name every account is read through
 * `arn:<partition>:iam::<id>:role/<name>`; without one, the standard chain's own credentials are used.
 */
export function scopeOptions(
  base: AwsOptions,
  account: Pick<AccountConfig, 'id'>,
  region: string,
  assumeRole: string | undefined,
): AwsOptions {
  const regional: AwsOptions = { ...base, region };
  return assumeRole === undefined
    ? regional
    : assumeRoleOptions(regional, roleArn(partitionOf(region), account.id, assumeRole));
}
