import type { ConfigRule } from './rule';

/** A copy to the DR region is only allowed where organisation.drRegion exists and dataResidency permits it. */
export const drResidency: ConfigRule = (view, report) => {
  const org = view.organisation;
  if (!org) {
    return;
  }
  for (const { index, value: tier } of view.tiers) {
    if (!tier.copyToDrRegion) {
      continue;
    }
    const path = ['dataProtection', 'tiers', index, 'copyToDrRegion'];
    if (org.drRegion === undefined) {
      report(path, `tier ${tier.name} copies to the DR region, but organisation.drRegion is not set`);
    }
    // A DR region that breaks the residency rule is reported once, at organisation.drRegion
    // (regions-and-zones), rather than again for every tier that copies to it.
  }
  if (view.vaults?.drRegion && org.drRegion === undefined) {
    report(['dataProtection', 'vaults', 'drRegion'], 'a DR-region vault needs organisation.drRegion');
  }
  if (
    view.hasDataProtection &&
    !view.accounts.some((a) => a.value.role === 'backup') &&
    view.accountNames.size === view.accounts.length
  ) {
    report(
      ['dataProtection'],
      'data protection copies every recovery point to the backup account, but no account has role backup',
    );
  }
};
