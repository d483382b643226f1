import type { WaveStatus } from '../schema';
import type { WaveRule } from './rule';

const APPROVED_OR_LATER: readonly WaveStatus[] = ['approved', 'in-progress', 'complete'];

/** A wave that moves personal data cannot be approved until each such workload's DPIA is approved. */
export const dpiaApproval: WaveRule = (plan, report) => {
  for (const w of plan.workloads) {
    const dp = w.value.dataProtection;
    const personal = dp.personalData || dp.specialCategoryData;
    if (dp.specialCategoryData && !dp.personalData) {
      report(
        w.at('dataProtection', 'personalData'),
        'special-category data is personal data: set personalData: true',
      );
    }
    if (!personal) {
      continue;
    }
    const status = w.wave.header?.status;
    if (status === undefined || !APPROVED_OR_LATER.includes(status)) {
      if (!dp.dpia) {
        report(
          w.at('dataProtection'),
          `${w.value.id} holds personal data: record its DPIA (dataProtection.dpia) before the wave is approved`,
          'warning',
        );
      }
      continue;
    }
    if (!dp.dpia) {
      report(
        w.at('dataProtection'),
        `wave ${w.wave.header?.id ?? ''} is ${status} but ${w.value.id} moves personal data without a DPIA (dataProtection.dpia)`,
      );
    } else if (dp.dpia.status !== 'approved') {
      report(
        w.at('dataProtection', 'dpia', 'status'),
        `wave ${w.wave.header?.id ?? ''} is ${status} but the DPIA ${dp.dpia.reference} for ${w.value.id} is ${dp.dpia.status}; personal data may not move until it is approved`,
      );
    } else if (!dp.dpia.approvedOn) {
      report(w.at('dataProtection', 'dpia'), `approved DPIA ${dp.dpia.reference} needs approvedOn`);
    }
  }
};
