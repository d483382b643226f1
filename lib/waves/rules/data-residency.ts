import { DATA_RESIDENCY_RULES, isRegionAllowed, type DataResidencyRule } from '../../config/regions';
import type { WaveRule } from './rule';

function stricter(a: DataResidencyRule, b: DataResidencyRule): DataResidencyRule {
  return DATA_RESIDENCY_RULES.indexOf(a) <= DATA_RESIDENCY_RULES.indexOf(b) ? a : b;
}

/**
 * Data lands only where its residency rule allows: the stricter of the workload's own rule and its
 * classification's (programme.yaml classificationResidency). The workload runs in the home region;
 * its backups are copied to the DR region when recovery.drRegionCopy is true.
 */
export const dataResidency: WaveRule = (plan, report) => {
  const org = plan.landingZone.organisation;
  const policy = plan.programme?.classificationResidency;
  for (const w of plan.workloads) {
    const dp = w.value.dataProtection;
    const ceiling = policy?.[dp.classification];
    const rule = ceiling ? stricter(dp.residency, ceiling) : dp.residency;
    const why =
      ceiling && rule === ceiling && rule !== dp.residency
        ? `${dp.classification} data (programme.yaml)`
        : `residency ${rule}`;
    if (!isRegionAllowed(rule, org.homeRegion)) {
      report(w.at('dataProtection', 'residency'), `${why} does not allow the home region ${org.homeRegion}`);
    }
    if (w.value.recovery.drRegionCopy) {
      if (!org.drRegion) {
        report(
          w.at('recovery', 'drRegionCopy'),
          'the landing zone has no DR region to copy to (organisation.drRegion)',
        );
      } else if (!isRegionAllowed(rule, org.drRegion)) {
        report(
          w.at('recovery', 'drRegionCopy'),
          `${w.value.id} is ${dp.classification} with ${why}, but its backups would be copied to ${org.drRegion}; set drRegionCopy: false (DR copies stay in ${org.homeRegion}, another account)`,
        );
      }
    }
  }
};
