import { unknownName } from '../unknown-name';
import type { ConfigRule } from './rule';

const unknown = unknownName;

/** Databases must point at a tier, a workload account, a VPC shared into that account and named ranges that exist. */
export const dataProtectionReferences: ConfigRule = (view, report) => {
  const tierSeen = new Map<string, number>();
  for (const { index, value: tier } of view.tiers) {
    const first = tierSeen.get(tier.name);
    if (first === undefined) {
      tierSeen.set(tier.name, index);
    } else {
      report(['dataProtection', 'tiers', index, 'name'], `duplicate tier name "${tier.name}"`, 'error', [
        'dataProtection',
        'tiers',
        first,
        'name',
      ]);
    }
  }

  const accounts = new Map(view.accounts.map((a) => [a.value.name, a.value]));
  const vpcs = new Map(view.vpcs.map((v) => [v.value.name, v.value]));
  const dbSeen = new Map<string, number>();
  for (const { index, value: db } of view.databases) {
    const base = ['dataProtection', 'databases', index];
    const key = `${db.workload}/${db.name}`;
    const first = dbSeen.get(key);
    if (first === undefined) {
      dbSeen.set(key, index);
    } else {
      report(
        [...base, 'name'],
        `duplicate database "${key}": workload and name form its construct ID`,
        'error',
        ['dataProtection', 'databases', first, 'name'],
      );
    }

    if (!view.tierNames.has(db.tier)) {
      report([...base, 'tier'], unknown('tier', db.tier, view.tierNames));
    }

    const account = accounts.get(db.account);
    if (account === undefined) {
      if (!view.accountNames.has(db.account)) {
        report([...base, 'account'], unknown('account', db.account, view.accountNames));
      }
    } else if (account.role !== 'production' && account.role !== 'non-production') {
      report(
        [...base, 'account'],
        `databases live in workload accounts (role production or non-production), but ${account.name} has role ${account.role}`,
      );
    }

    const vpc = vpcs.get(db.vpc);
    if (vpc === undefined) {
      if (!view.vpcNames.has(db.vpc)) {
        report([...base, 'vpc'], unknown('VPC', db.vpc, view.vpcNames));
      }
    } else {
      // A VPC whose own account is wrong is already reported on the VPC; don't repeat it here.
      const vpcAccount = view.accounts.find((a) => a.value.name === vpc.account)?.value;
      const vpcAccountIsWorkload = vpcAccount?.role === 'production' || vpcAccount?.role === 'non-production';
      if (vpc.account !== db.account && vpcAccountIsWorkload) {
        report([...base, 'vpc'], `VPC ${vpc.name} is shared with account ${vpc.account}, not ${db.account}`);
      }
      const tier = vpc.subnets.find((t) => t.name === db.subnetTier);
      if (tier === undefined) {
        report(
          [...base, 'subnetTier'],
          `VPC ${vpc.name} has no subnet tier "${db.subnetTier}" (tiers: ${vpc.subnets.map((t) => t.name).join(', ')})`,
        );
      } else if (tier.type !== 'isolated') {
        report(
          [...base, 'subnetTier'],
          `databases belong in an isolated tier; ${vpc.name}/${tier.name} is ${tier.type}`,
        );
      }
    }

    db.allowedOnPremisesRanges.forEach((range, i) => {
      if (!view.onPremisesRangeNames.has(range)) {
        report(
          [...base, 'allowedOnPremisesRanges', i],
          unknown('on-premises range', range, view.onPremisesRangeNames),
        );
      }
    });
    const groups = new Set<string>();
    db.allowedSecurityGroups.forEach((group, i) => {
      if (groups.has(group)) {
        report([...base, 'allowedSecurityGroups', i], `security group "${group}" is listed twice`);
      }
      groups.add(group);
    });
    const prefix = view.organisation?.shortName;
    if (prefix !== undefined && `${prefix}-${db.workload}-${db.name}`.length > 63) {
      report(
        [...base, 'name'],
        `the instance identifier ${prefix}-${db.workload}-${db.name} would exceed the 63 characters RDS allows`,
      );
    }
    if (db.maxAllocatedStorageGiB !== undefined && db.maxAllocatedStorageGiB < db.allocatedStorageGiB) {
      report(
        [...base, 'maxAllocatedStorageGiB'],
        `must be at least allocatedStorageGiB (${db.allocatedStorageGiB})`,
      );
    }
  }
};
