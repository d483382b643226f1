import type { Location, PlanView } from '../plan-view';

export type WaveReport = (at: Location, message: string, severity?: 'error' | 'warning') => void;

/** A check over the valid parts of the whole migration plan. Pure: it only reports. */
export type WaveRule = (plan: PlanView, report: WaveReport) => void;
