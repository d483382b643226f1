import type { ConfigRule } from './rule';
import { unknownName } from '../unknown-name';

/**
 * The delivery account must be one of the accounts, a dedicated one (role delivery: it can deploy
 * into every other account, so nothing that runs workloads or is reachable from the networks may
 * share it), and the source connection must live in that account and the home region:
 * CodePipeline can only use a connection from its own account and region.
 */
export const deliveryAccount: ConfigRule = (view, report) => {
  const delivery = view.delivery;
  if (!delivery) {
    return;
  }
  const account = view.accounts.find((a) => a.value.name === delivery.account)?.value;
  if (account === undefined) {
    if (!view.accountNames.has(delivery.account)) {
      report(['delivery', 'account'], unknownName('account', delivery.account, view.accountNames));
    }
    return;
  }
  if (account.role !== 'delivery') {
    report(
      ['delivery', 'account'],
      `${account.name} has role ${account.role}: deployments must come from a dedicated account with role delivery ` +
        '(no workloads, no VPC), because whoever controls the delivery account can change every other account',
    );
  }
  if (delivery.connectionArn === undefined) {
    return;
  }
  const [, , , region, accountId] = delivery.connectionArn.split(':');
  if (accountId !== account.id) {
    report(
      ['delivery', 'connectionArn'],
      `the connection is in account ${accountId ?? ''}, but the pipeline runs in ${account.name} (${account.id})`,
    );
  }
  const home = view.organisation?.homeRegion;
  if (home !== undefined && region !== home) {
    report(
      ['delivery', 'connectionArn'],
      `the connection is in ${region ?? ''}, but the pipeline runs in the home region ${home}`,
    );
  }
};
