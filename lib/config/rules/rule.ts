import type { PathSegment } from '../diagnostics';
import type { ConfigView } from '../view';

export type Report = (path: PathSegment[], message: string, severity?: 'error' | 'warning') => void;

/** A cross-field check over the valid parts of a configuration. Pure: it only reports. */
export type ConfigRule = (view: ConfigView, report: Report) => void;
