import type { AccountRole, VpcPurpose } from '../schema';
import type { ConfigRule } from './rule';
import { unknownName } from '../unknown-name';

const SINGLETON_ROLES: readonly AccountRole[] = [
  'network',
  'shared-services',
  'log-archive',
  'security',
  'management',
  'backup',
  'delivery',
];

const ROLES_FOR_PURPOSE: Record<VpcPurpose, readonly AccountRole[]> = {
  egress: ['network'],
  'shared-services': ['shared-services'],
  workload: ['production', 'non-production'],
};

/** Names must resolve to something that exists and is of the right kind. */
export const references: ConfigRule = (view, report) => {
  for (const role of SINGLETON_ROLES) {
    const holders = view.accounts.filter((a) => a.value.role === role);
    if (holders.length > 1) {
      for (const extra of holders.slice(1)) {
        report(
          ['accounts', extra.index, 'role'],
          `only one account may have role ${role} (already ${holders[0]?.value.name})`,
        );
      }
    }
  }
  if (view.accounts.length > 0 && !view.accounts.some((a) => a.value.role === 'network')) {
    if (view.accountNames.size === view.accounts.length) {
      report(['accounts'], 'no account has role network: the Transit Gateway and VPCs need a home');
    }
  }

  const accountsByName = new Map(view.accounts.map((a) => [a.value.name, a.value]));
  for (const { index, value: vpc } of view.vpcs) {
    const account = accountsByName.get(vpc.account);
    if (account === undefined) {
      if (!view.accountNames.has(vpc.account)) {
        report(['network', 'vpcs', index, 'account'], unknownName('account', vpc.account, view.accountNames));
      }
      continue;
    }
    const allowed = ROLES_FOR_PURPOSE[vpc.purpose];
    if (!allowed.includes(account.role)) {
      report(
        ['network', 'vpcs', index, 'account'],
        `a ${vpc.purpose} VPC belongs in an account with role ${allowed.join(' or ')}, but ${account.name} has role ${account.role}`,
      );
    }
  }

  const egress = view.egress;
  if (egress) {
    const target = view.vpcs.find((v) => v.value.name === egress.vpc);
    if (target === undefined) {
      if (!view.vpcNames.has(egress.vpc)) {
        report(['network', 'egress', 'vpc'], unknownName('VPC', egress.vpc, view.vpcNames));
      }
    } else if (target.value.purpose !== 'egress') {
      report(
        ['network', 'egress', 'vpc'],
        `VPC "${egress.vpc}" has purpose ${target.value.purpose}; central egress needs purpose egress`,
      );
    }
  }
  const egressVpcs = view.vpcs.filter((v) => v.value.purpose === 'egress');
  for (const extra of egressVpcs.slice(1)) {
    report(['network', 'vpcs', extra.index, 'purpose'], 'only one egress VPC is supported (central egress)');
  }
};
