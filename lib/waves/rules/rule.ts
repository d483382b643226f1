import type { Location, WaveFilesView } from '../wave-files-view';

export type WaveReport = (at: Location, message: string, severity?: 'error' | 'warning') => void;

/** A check over the valid parts of the whole migration plan. Pure: it only reports. */
export type WaveRule = (plan: WaveFilesView, report: WaveReport) => void;
