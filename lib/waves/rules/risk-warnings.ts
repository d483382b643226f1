import { isMigrating } from '../resolve';
import { blackoutInterval, dayMillis, DAY_MS, localDate } from '../time';
import type { WaveRule } from './rule';

/** Risky but legal plans: warnings, listed separately, never failing the check. */
export const riskWarnings: WaveRule = (plan, report) => {
  const programme = plan.programme;
  const zone = programme?.programme.timeZone ?? 'Europe/London';
  const blackouts = programme ? programme.blackouts.map((b) => ({ b, i: blackoutInterval(b, zone) })) : [];
  for (const w of plan.workloads) {
    const v = w.value;
    if (!isMigrating(v)) {
      continue;
    }
    const window = w.window?.interval;
    if (v.supplier && v.supplier.awsSupported !== 'yes' && v.strategy !== 'repurchase') {
      report(
        w.at('supplier', 'awsSupported'),
        `${v.supplier.vendor} has not confirmed support for ${v.supplier.product} on AWS (${v.supplier.awsSupported})`,
        'warning',
      );
    }
    if (v.supplier?.contractEnd && window && dayMillis(v.supplier.contractEnd) < window.start) {
      report(
        w.at('supplier', 'contractEnd'),
        `the supplier contract ends ${v.supplier.contractEnd}, before the cutover`,
        'warning',
      );
    }
    if (v.recovery.drStrategy === 'backup-restore' && v.recovery.rtoMinutes < 240) {
      report(
        w.at('recovery', 'drStrategy'),
        `an RTO of ${v.recovery.rtoMinutes} minutes is hard to meet by restoring from backup; consider pilot-light or warm-standby`,
        'warning',
      );
    }
    if (
      v.criticality === 'critical' &&
      v.environment === 'production' &&
      !v.testing?.signOff &&
      (v.status === 'ready-for-cutover' || v.status === 'cutting-over')
    ) {
      report(
        w.at('testing'),
        `${v.id} is critical and ${v.status} without a recorded test sign-off`,
        'warning',
      );
    }
    v.dependencies.forEach((d, i) => {
      const dep = plan.byId.get(d.workload);
      const theirs = dep?.window?.interval;
      // Temporary split: this workload runs in AWS while a hard dependency is still on premises.
      if (
        d.type === 'hard' &&
        d.reachableVia &&
        dep &&
        isMigrating(dep.value) &&
        theirs &&
        window &&
        theirs.start > window.start
      ) {
        const days = Math.round((theirs.start - window.start) / DAY_MS);
        report(
          w.at('dependencies', i, 'reachableVia'),
          `hard dependency ${d.workload} stays on premises for ${days} days after this cutover, reached over the ${d.reachableVia} VPN: test latency and plan for a tunnel outage`,
          'warning',
        );
      }
    });
    if (window) {
      for (const { b, i } of blackouts) {
        const applies = b.serviceAreas === 'all' || b.serviceAreas.includes(v.serviceArea);
        const gap = i.start - window.end;
        if (applies && gap >= 0 && gap < 3 * DAY_MS) {
          report(
            w.window.at,
            `${v.id} cuts over ${localDate(window.start, zone)}, less than three days before blackout ${b.id}: little time to fix problems`,
            'warning',
          );
        }
      }
    }
  }
};
