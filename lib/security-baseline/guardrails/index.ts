import type { SecurityBaselineModel } from '../model';
import { guardrailPrincipals } from './principals';
import { protectAuditScp } from './protect-audit-scp';
import { protectNetworkScp } from './protect-network-scp';
import { protectRecoveryScp } from './protect-recovery-scp';
import { residencyScp } from './residency-scp';
import type { ServiceControlPolicy } from './service-control-policy';

/** Every service control policy of the baseline, attached to every configured OU. */
export function serviceControlPolicies(model: SecurityBaselineModel): ServiceControlPolicy[] {
  const principals = guardrailPrincipals(model);
  return [
    residencyScp(model, principals),
    protectAuditScp(model, principals),
    protectRecoveryScp(principals),
    protectNetworkScp(model, principals),
  ];
}
