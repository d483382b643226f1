import { DEFAULT_MINIMUM_LOG_RETENTION_DAYS } from '../schema';
import type { ConfigRule } from './rule';

/**
 * Every log retention in the file meets organisation.minimumLogRetentionDays, so a short retention
 * is reported by `lz validate` at its line rather than by Council-LogRetentionMinimum at synth.
 */
export const logRetentionMinimum: ConfigRule = (view, report) => {
  const minimum = view.organisation?.minimumLogRetentionDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS;
  for (const { path, days } of view.logRetentions) {
    if (days < minimum) {
      report(path, `${days} days is below organisation.minimumLogRetentionDays (${minimum})`);
    }
  }
};
