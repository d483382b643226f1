import type { AccountRole } from '../schema';
import type { ConfigRule } from './rule';

const ACCOUNT_IN_ARN = /^arn:aws(?:-[a-z]+)*:(?:iam|sts)::(\d{12}):/;

/** Accounts that hold no workloads and no network, so trusting them does not widen a compromise. */
const TRUSTABLE_ROLES: readonly AccountRole[] = ['delivery', 'security'];

/**
 * The operations roles are trusted by named principals of one account, and that account is a
 * dedicated one (the delivery/tooling or security account): an account that also runs servers
 * reachable from the networks would let a compromised server read, and drill, every account.
 */
export const operationsTrust: ConfigRule = (view, report) => {
  const operations = view.operations;
  if (operations === undefined) {
    return;
  }
  const account = view.accounts.find((a) => a.value.id === operations.trustedAccount)?.value;
  if (account === undefined) {
    report(
      ['operations', 'trustedAccount'],
      `${operations.trustedAccount} is not one of the accounts: the operations roles must be trusted by the delivery account`,
    );
  } else if (!TRUSTABLE_ROLES.includes(account.role)) {
    report(
      ['operations', 'trustedAccount'],
      `${account.name} has role ${account.role}: trust the dedicated delivery account (role delivery) or the security account, which run no workloads`,
    );
  }
  operations.trustedPrincipalArns.forEach((arn, index) => {
    const inAccount = ACCOUNT_IN_ARN.exec(arn)?.[1];
    if (inAccount !== operations.trustedAccount) {
      report(
        ['operations', 'trustedPrincipalArns', index],
        `the principal is in account ${inAccount ?? '(none)'}, but operations.trustedAccount is ${operations.trustedAccount}`,
      );
    }
  });
};
