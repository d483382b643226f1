/*
 * The longest gap between two runs of an AWS Backup schedule expression: cron(m h dom mon dow y)
 * or rate(n unit). Runs are enumerated over a whole (non-leap) year of local time, so monthly and
 * "first Tuesday" schedules are measured too. Daylight-saving shifts are the caller's allowance.
 */

const DAY_NAMES: Record<string, number> = { SUN: 1, MON: 2, TUE: 3, WED: 4, THU: 5, FRI: 6, SAT: 7 };
const MONTH_NAMES: Record<string, number> = {
  JAN: 1,
  FEB: 2,
  MAR: 3,
  APR: 4,
  MAY: 5,
  JUN: 6,
  JUL: 7,
  AUG: 8,
  SEP: 9,
  OCT: 10,
  NOV: 11,
  DEC: 12,
};

interface FieldSpec {
  readonly min: number;
  readonly max: number;
  readonly names?: Record<string, number>;
}

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.[text.toUpperCase()];
  const n = named ?? Number(text);
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
    throw new Error(`"${text}" is not between ${spec.min} and ${spec.max}`);
  }
  return n;
}

/** Expands one cron field to the set of values it allows; undefined means "any" (* or ?). */
export function expandField(field: string, spec: FieldSpec): Set<number> | undefined {
  if (field === '*' || field === '?') {
    return undefined;
  }
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) {
      throw new Error(`bad step in "${part}"`);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = value(a, spec);
      to = value(b, spec);
    } else {
      from = value(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) {
      out.add(v);
    }
  }
  return out;
}

const RATE_UNITS: Record<string, number> = {
  minute: 1,
  minutes: 1,
  hour: 60,
  hours: 60,
  day: 1440,
  days: 1440,
};

const intervals = new Map<string, number>();

/**
 * Maximum minutes between consecutive runs, or throws for an expression it cannot read. Remembered
 * per expression: reading a cron walks two years of days, and every wave database's backup tier is
 * chosen by comparing the same few schedules.
 */
export function maxIntervalMinutes(expression: string): number {
  const known = intervals.get(expression);
  if (known !== undefined) return known;
  const minutes = measureMaxInterval(expression);
  intervals.set(expression, minutes);
  return minutes;
}

function measureMaxInterval(expression: string): number {
  const rate = /^rate\((\d+)\s+(\w+)\)$/.exec(expression.trim());
  if (rate) {
    const unit = RATE_UNITS[rate[2] ?? ''];
    if (unit === undefined) {
      throw new Error(`unknown rate unit in ${expression}`);
    }
    return Number(rate[1]) * unit;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = cron?.[1]?.trim().split(/\s+/);
  if (!fields || fields.length !== 6) {
    throw new Error(`not an AWS cron or rate expression: ${expression}`);
  }
  const [minF = '', hourF = '', domF = '', monF = '', dowF = ''] = fields;
  const minutes = expandField(minF, { min: 0, max: 59 }) ?? new Set(range(0, 59));
  const hours = expandField(hourF, { min: 0, max: 23 }) ?? new Set(range(0, 23));
  const months = expandField(monF, { min: 1, max: 12, names: MONTH_NAMES });
  const nth = /^(\w+)#(\d)$/.exec(dowF);
  const lastDom = domF === 'L';
  const doms = lastDom ? undefined : expandField(domF, { min: 1, max: 31 });
  const dows = nth ? undefined : expandField(dowF, { min: 1, max: 7, names: DAY_NAMES });

  const runs: number[] = [];
  // 2025 is not a leap year; enumerate two years so the gap across New Year is measured.
  const start = Date.UTC(2025, 0, 1);
  for (let day = 0; day < 730; day++) {
    const date = new Date(start + day * 86_400_000);
    const month = date.getUTCMonth() + 1;
    const dom = date.getUTCDate();
    const dow = date.getUTCDay() + 1;
    if (months && !months.has(month)) {
      continue;
    }
    if (lastDom) {
      const next = new Date(start + (day + 1) * 86_400_000);
      if (next.getUTCMonth() + 1 === month) {
        continue;
      }
    } else if (doms && !doms.has(dom)) {
      continue;
    }
    if (nth) {
      const wanted = value(nth[1] ?? '', { min: 1, max: 7, names: DAY_NAMES });
      if (dow !== wanted || Math.ceil(dom / 7) !== Number(nth[2])) {
        continue;
      }
    } else if (dows && !dows.has(dow)) {
      continue;
    }
    for (const h of [...hours].sort((a, b) => a - b)) {
      for (const m of [...minutes].sort((a, b) => a - b)) {
        runs.push(day * 1440 + h * 60 + m);
      }
    }
  }
  if (runs.length < 2) {
    throw new Error(`${expression} runs less than twice in two years`);
  }
  let max = 0;
  for (let i = 1; i < runs.length; i++) {
    max = Math.max(max, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
  }
  return max;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
