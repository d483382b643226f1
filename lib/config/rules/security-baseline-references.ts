import { expiryDays, onlineDays } from '../schema-security-baseline';
import type { ConfigRule } from './rule';
import { unknownName } from '../unknown-name';

const ACCOUNT_IN_ARN = /^arn:aws(?:-[a-z]+)*:(?:iam|sts)::(\d{12}):/;

/**
 * The break-glass role is trusted by principals of one named account, so each principal ARN must
 * be in that account; the archive must keep logs online for less time than it keeps them at all;
 * and every security alarm links to its runbook, so the runbook address must be given or derivable
 * from the delivery repository.
 */
export const securityBaselineReferences: ConfigRule = (view, report) => {
  if (!view.hasSecurityBaseline) {
    return;
  }
  const breakGlass = view.breakGlass;
  if (breakGlass) {
    const account = view.accounts.find((a) => a.value.name === breakGlass.trustedAccount)?.value;
    if (account === undefined) {
      if (!view.accountNames.has(breakGlass.trustedAccount)) {
        report(
          ['securityBaseline', 'breakGlass', 'trustedAccount'],
          unknownName('account', breakGlass.trustedAccount, view.accountNames),
        );
      }
    } else {
      breakGlass.trustedPrincipalArns.forEach((arn, index) => {
        const inAccount = ACCOUNT_IN_ARN.exec(arn)?.[1];
        if (inAccount !== account.id) {
          report(
            ['securityBaseline', 'breakGlass', 'trustedPrincipalArns', index],
            `the principal is in account ${inAccount ?? '(none)'}, but breakGlass.trustedAccount is ${account.name} (${account.id})`,
          );
        }
      });
    }
  }
  const archive = view.logArchive;
  if (archive && onlineDays(archive) >= expiryDays(archive)) {
    report(
      ['securityBaseline', 'logArchive', 'onlineMonths'],
      `${archive.onlineMonths} months online is not shorter than the ${archive.retentionYears}-year retention, so nothing would reach the archive tier`,
    );
  }
  const alarms = view.securityAlarms;
  if (alarms && alarms.runbookUrl === undefined && !view.hasDelivery) {
    report(
      ['securityBaseline', 'alarms'],
      'give runbookUrl (the address of docs/security-baseline.md) or a delivery section to derive it from',
    );
  }
};
