import { isMigrating } from '../resolve';
import type { WaveRule } from './rule';

/**
 * Every production workload has a business and a technical owner; one that moves also has a
 * rollback plan whose rollback time fits its RTO, and a test plan.
 */
export const productionReadiness: WaveRule = (plan, report) => {
  for (const w of plan.workloads) {
    const v = w.value;
    if (v.environment !== 'production') {
      continue;
    }
    if (!v.owners.business) {
      report(w.at('owners'), 'a production workload needs a business owner (owners.business, a role title)');
    }
    if (!v.owners.technical) {
      report(
        w.at('owners'),
        'a production workload needs a technical owner (owners.technical, a role title)',
      );
    }
    if (!isMigrating(v)) {
      continue;
    }
    if (!v.rollback) {
      report(
        w.at(),
        `production workload ${v.id} needs a rollback plan (rollback: trigger, decisionOwner, pointOfNoReturn, rollbackMinutes)`,
      );
    } else if (v.rollback.rollbackMinutes > v.recovery.rtoMinutes) {
      report(
        w.at('rollback', 'rollbackMinutes'),
        `rollback takes ${v.rollback.rollbackMinutes} minutes but the RTO is ${v.recovery.rtoMinutes} minutes: the rollback must fit the RTO`,
      );
    }
    if (!v.testing) {
      report(w.at(), `production workload ${v.id} needs a test plan (testing.plan)`);
    }
  }
};
