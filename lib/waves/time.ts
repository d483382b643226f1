import { DateTime, IANAZone } from 'luxon';
import type { BlackoutConfig, CutoverWindowConfig } from './schema';

/** An instant range in epoch milliseconds, end exclusive. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

const zoneValidity = new Map<string, boolean>();

/** Whether a name is an IANA time zone (cached: checking is costly and plans reuse a few zones). */
export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid;
}

const intervals = new Map<string, Interval | undefined>();

/** The window as instants, or undefined when its zone or times are not real. */
export function windowInterval(window: CutoverWindowConfig): Interval | undefined {
  // Every workload of a wave shares its window: compute each distinct window once.
  const key = `${window.start}|${window.end}|${window.timeZone}`;
  if (intervals.has(key)) {
    return intervals.get(key);
  }
  const interval = computeInterval(window);
  intervals.set(key, interval);
  return interval;
}

function computeInterval(window: CutoverWindowConfig): Interval | undefined {
  if (!isValidZone(window.timeZone)) {
    return undefined;
  }
  const start = DateTime.fromISO(window.start, { zone: window.timeZone });
  const end = DateTime.fromISO(window.end, { zone: window.timeZone });
  if (!start.isValid || !end.isValid) {
    return undefined;
  }
  return { start: start.toMillis(), end: end.toMillis() };
}

/** A blackout's days (inclusive) as instants in the programme's time zone. */
export function blackoutInterval(blackout: BlackoutConfig, zone: string): Interval {
  return {
    start: DateTime.fromISO(blackout.start, { zone }).startOf('day').toMillis(),
    end: DateTime.fromISO(blackout.end, { zone }).plus({ days: 1 }).startOf('day').toMillis(),
  };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A date (YYYY-MM-DD) as epoch milliseconds at midnight UTC: for day arithmetic and charts. */
export function dayMillis(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(dayMillis(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((dayMillis(to) - dayMillis(from)) / DAY_MS);
}

const localDates = new Map<string, string>();

/** The local date (YYYY-MM-DD) of an instant in a zone (cached: workloads share their windows). */
export function localDate(millis: number, zone: string): string {
  const key = `${millis}|${zone}`;
  let date = localDates.get(key);
  if (date === undefined) {
    date = DateTime.fromMillis(millis, { zone }).toISODate() ?? '';
    localDates.set(key, date);
  }
  return date;
}

export function formatLocal(millis: number, zone: string): string {
  return DateTime.fromMillis(millis, { zone }).toFormat('ccc d LLL yyyy HH:mm');
}

const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The parts of an interval that fall outside the staffed hours, walked in 15-minute steps in the
 * programme's time zone (windows are hours long, so this is cheap and handles clock changes).
 * An end of 00:00 means midnight; an end before the start means the rota runs past midnight.
 */
export function minutesOutsideSupport(
  interval: Interval,
  zone: string,
  support: { start: string; end: string; days: readonly string[] },
): number {
  const step = 15 * 60_000;
  const from = minutesOf(support.start);
  const to = support.end === '00:00' ? 24 * 60 : minutesOf(support.end);
  let outside = 0;
  for (let t = interval.start; t < interval.end; t += step) {
    const local = DateTime.fromMillis(t, { zone });
    const minute = local.hour * 60 + local.minute;
    const day = WEEKDAY_NAMES[local.weekday - 1] ?? 'mon';
    const staffedToday = support.days.includes(day);
    const inHours = to > from ? minute >= from && minute < to : minute >= from || minute < to;
    if (!staffedToday || !inHours) {
      outside += Math.min(15, (interval.end - t) / 60_000);
    }
  }
  return outside;
}

/**
 * When a wave is expected to end as of a date: its actual end once complete, else its planned end
 * (or the end of a workload's cutover window that falls after it), never in the past.
 */
export function waveForecastEnd(
  wave: {
    readonly status: string;
    readonly planned: { readonly end: string };
    readonly actual?: { readonly end?: string };
  },
  asOf: string,
  /** The latest cutover day of a workload still to move, when it falls outside the wave. */
  lateCutover?: string,
): string {
  if (wave.status === 'complete' && wave.actual?.end) {
    return wave.actual.end;
  }
  const plannedOrLate =
    lateCutover !== undefined && lateCutover > wave.planned.end ? lateCutover : wave.planned.end;
  return plannedOrLate < asOf ? asOf : plannedOrLate;
}

const dayStarts = new Map<string, number>();

/** Midnight at the start of a date (YYYY-MM-DD) in a zone, as epoch milliseconds (cached). */
export function localDayStart(date: string, zone: string): number {
  const key = `${date}|${zone}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = DateTime.fromISO(date, { zone }).startOf('day').toMillis();
    dayStarts.set(key, start);
  }
  return start;
}
