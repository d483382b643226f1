import type { Indexed } from '../view';
import type { ConfigRule, Report } from './rule';

/** Reports every item whose key was already used earlier in the list. */
export function reportDuplicates<T>(
  items: readonly Indexed<T>[],
  keyOf: (item: T) => string,
  pathOf: (index: number) => (string | number)[],
  what: string,
  report: Report,
): void {
  const first = new Map<string, number>();
  for (const { index, value } of items) {
    const key = keyOf(value);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, index);
    } else {
      report(pathOf(index), `duplicate ${what} "${key}"`, 'error', pathOf(seen));
    }
  }
}

/** Names are the keys of construct IDs and references, so each must be unique in its list. */
export const duplicateNames: ConfigRule = (view, report) => {
  reportDuplicates(
    view.accounts,
    (a) => a.name,
    (i) => ['accounts', i, 'name'],
    'account name',
    report,
  );
  reportDuplicates(
    view.accounts,
    (a) => a.id,
    (i) => ['accounts', i, 'id'],
    'account id',
    report,
  );
  reportDuplicates(
    view.vpcs,
    (v) => v.name,
    (i) => ['network', 'vpcs', i, 'name'],
    'VPC name',
    report,
  );
  reportDuplicates(
    view.onPremisesRanges,
    (r) => r.name,
    (i) => ['network', 'onPremisesRanges', i, 'name'],
    'on-premises range name',
    report,
  );
  for (const { index, value: vpc } of view.vpcs) {
    reportDuplicates(
      vpc.subnets.map((value, i) => ({ index: i, value })),
      (t) => t.name,
      (i) => ['network', 'vpcs', index, 'subnets', i, 'name'],
      'subnet tier name',
      report,
    );
    reportDuplicates(
      vpc.endpoints.map((value, i) => ({ index: i, value })),
      (e) => e,
      (i) => ['network', 'vpcs', index, 'endpoints', i],
      'endpoint',
      report,
    );
  }
};
