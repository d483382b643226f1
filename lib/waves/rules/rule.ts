import type { Location, WaveFilesView } from '../wave-files-view';

/** Reports a problem at `at`; `firstUsedAt`, for a duplicate, is where the value was first used (file and line are added). */
export type WaveReport = (
  at: Location,
  message: string,
  severity?: 'error' | 'warning',
  firstUsedAt?: Location,
) => void;

/** A check over the valid parts of the whole migration plan. Pure: it only reports. */
export type WaveRule = (plan: WaveFilesView, report: WaveReport) => void;
