import { DateTime } from 'luxon';

/** A reporting period: from `start` (inclusive) to `end` (exclusive). */
export interface ReportPeriod {
  /** "2026-11" for a month, "2026-11-03 to 2026-11-09" for a range. */
  readonly label: string;
  readonly start: Date;
  readonly end: Date;
}

/** The period reported on and the one before it, of the same length, for month-on-month comparison. */
export interface ReportPeriods {
  readonly current: ReportPeriod;
  readonly previous: ReportPeriod;
  /** The council's time zone: months and days begin at local midnight. */
  readonly timeZone: string;
}

/** Hours in a period. */
export function periodHours(period: ReportPeriod): number {
  return (period.end.getTime() - period.start.getTime()) / 3_600_000;
}

/** A calendar month written YYYY-MM, in the council's time zone, and the month before it. */
export function monthPeriods(month: string, timeZone: string): ReportPeriods | { error: string } {
  const start = DateTime.fromFormat(month, 'yyyy-MM', { zone: timeZone });
  if (!/^\d{4}-\d{2}$/.test(month) || !start.isValid) {
    return { error: `--month: expected a month written YYYY-MM, got "${month}"` };
  }
  const previous = start.minus({ months: 1 });
  return {
    current: {
      label: start.toFormat('yyyy-MM'),
      start: start.toJSDate(),
      end: start.plus({ months: 1 }).toJSDate(),
    },
    previous: { label: previous.toFormat('yyyy-MM'), start: previous.toJSDate(), end: start.toJSDate() },
    timeZone,
  };
}

/** Whole days from `from` to `to` inclusive (YYYY-MM-DD), and the same number of days before them. */
export function rangePeriods(from: string, to: string, timeZone: string): ReportPeriods | { error: string } {
  const start = DateTime.fromFormat(from, 'yyyy-MM-dd', { zone: timeZone });
  const last = DateTime.fromFormat(to, 'yyyy-MM-dd', { zone: timeZone });
  if (!start.isValid || !last.isValid) {
    return {
      error: `--from and --to: expected calendar dates written YYYY-MM-DD, got "${from}" and "${to}"`,
    };
  }
  if (last < start) {
    return { error: `--to ${to} is before --from ${from}` };
  }
  const end = last.plus({ days: 1 });
  const days = Math.round(end.diff(start, 'days').days);
  const previousStart = start.minus({ days });
  const day = (d: DateTime): string => d.toFormat('yyyy-MM-dd');
  return {
    current: { label: `${day(start)} to ${day(last)}`, start: start.toJSDate(), end: end.toJSDate() },
    previous: {
      label: `${day(previousStart)} to ${day(start.minus({ days: 1 }))}`,
      start: previousStart.toJSDate(),
      end: start.toJSDate(),
    },
    timeZone,
  };
}
