import type { PathSegment } from '../diagnostics';
import type { ConfigView } from '../view';

/**
 * Reports a problem at `path`. `firstUsedAt`, for a duplicate, is where the value was first used:
 * the loader adds its line to the message, since only the loader knows the file's lines.
 */
export type Report = (
  path: PathSegment[],
  message: string,
  severity?: 'error' | 'warning',
  firstUsedAt?: PathSegment[],
) => void;

/** A cross-field check over the valid parts of a configuration. Pure: it only reports. */
export type ConfigRule = (view: ConfigView, report: Report) => void;
