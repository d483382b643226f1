import type { AccountRole } from '../schema';
import type { ConfigRule } from './rule';
import { unknownName } from '../unknown-name';

/** The accounts the security baseline deploys into, found by their role. */
export const SECURITY_BASELINE_ROLES: readonly AccountRole[] = ['log-archive', 'security', 'management'];

const OUS = ['securityBaseline', 'organisation', 'organisationalUnits'] as const;

/**
 * With a security baseline, the log-archive, security and management accounts must exist, and
 * every account but the management account must sit in exactly one configured OU: the service
 * control policies are attached to those OUs, so an account left out would have no guardrails.
 * The management account is never listed, because service control policies do not apply to it.
 */
export const securityBaselineAccounts: ConfigRule = (view, report) => {
  if (!view.hasSecurityBaseline) {
    return;
  }
  const allAccountsValid = view.accountNames.size === view.accounts.length;
  for (const role of SECURITY_BASELINE_ROLES) {
    if (allAccountsValid && !view.accounts.some((a) => a.value.role === role)) {
      report(['accounts'], `the security baseline needs an account with role ${role}`);
    }
  }
  const byName = new Map(view.accounts.map((a) => [a.value.name, a.value]));
  const placed = new Map<string, string>();
  const ouNames = new Set<string>();
  const ouIds = new Set<string>();
  for (const { index, value: ou } of view.organisationalUnits) {
    if (ouNames.has(ou.name)) {
      report([...OUS, index, 'name'], `organisational unit ${ou.name} is listed twice`);
    }
    if (ouIds.has(ou.id)) {
      report([...OUS, index, 'id'], `organisational unit id ${ou.id} is listed twice`);
    }
    ouNames.add(ou.name);
    ouIds.add(ou.id);
    ou.accounts.forEach((name, position) => {
      const path = [...OUS, index, 'accounts', position];
      const account = byName.get(name);
      if (account === undefined) {
        if (!view.accountNames.has(name)) {
          report(path, unknownName('account', name, view.accountNames));
        }
        return;
      }
      if (account.role === 'management') {
        report(
          path,
          `${name} is the management account: service control policies do not apply to it, so leave it out of the OUs`,
        );
        return;
      }
      const already = placed.get(name);
      if (already !== undefined) {
        report(
          path,
          `account ${name} is already in organisational unit ${already}; an account sits in one OU`,
        );
        return;
      }
      placed.set(name, ou.name);
    });
  }
  if (view.organisationalUnits.length === 0) {
    return;
  }
  const missing = view.accounts
    .map((a) => a.value)
    .filter((a) => a.role !== 'management' && !view.organisationalUnitAccounts.has(a.name))
    .map((a) => a.name);
  if (missing.length > 0) {
    report(
      [...OUS],
      `account(s) ${missing.join(', ')} are in no organisational unit, so no service control policy would apply to them`,
    );
  }
};
