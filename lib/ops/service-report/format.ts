import { successPercent } from './backups';
import { meanMinutesToRecover } from './incidents';
import type { Figure, JobCounts, NotReadItem, ServiceReport } from './model';

/*
 * How the renderers write each kind of figure. One place, so the HTML, Markdown and CSV agree and a
 * figure that was not read is always written NOT READ.
 */

export const NOT_READ = 'NOT READ';

export function show<T>(value: Figure<T>, format: (v: T) => string): string {
  return value.read ? format(value.value) : NOT_READ;
}

export const percent = (v: number | null, digits = 2): string =>
  v === null ? 'n/a' : `${v.toFixed(digits)}%`;
export const gbp = (v: number): string => `£${Math.round(v).toLocaleString('en-GB')}`;
export const bps = (v: number): string =>
  v >= 1e9
    ? `${(v / 1e9).toFixed(2)} Gbps`
    : v >= 1e6
      ? `${(v / 1e6).toFixed(1)} Mbps`
      : `${(v / 1e3).toFixed(0)} kbps`;
export const bytes = (v: number): string =>
  v >= 1e12
    ? `${(v / 1e12).toFixed(2)} TB`
    : v >= 1e9
      ? `${(v / 1e9).toFixed(1)} GB`
      : `${(v / 1e6).toFixed(0)} MB`;
export const minutes = (v: number): string =>
  v >= 120 ? `${(v / 60).toFixed(1)} h` : `${Math.round(v)} min`;

/** A time in the report's time zone, e.g. "2026-11-03 14:05". */
export function when(epochMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

export function backupSuccess(c: Figure<JobCounts>, kind: 'backup' | 'copy'): string {
  return show(c, (v) => {
    const p = successPercent(v, kind);
    const total =
      kind === 'backup' ? v.completed + v.failed + v.expired + v.aborted : v.copiesCompleted + v.copiesFailed;
    return p === null ? 'no jobs' : `${p.toFixed(1)}% of ${total}`;
  });
}

/** The headline figures, for the Markdown summary and the top of the HTML page. */
export interface Headline {
  readonly label: string;
  readonly current: string;
  readonly previous: string;
}

export function headlines(report: ServiceReport): Headline[] {
  const availability = (which: 'current' | 'previous'): string => {
    const rows = report.availability.filter((r) => r[which].read && r[which].value !== null);
    if (report.availability.some((r) => !r[which].read))
      return which === 'current' ? NOT_READ : 'not comparable';
    const met = rows.filter((r) => r[which].read && (r[which].value ?? 0) >= r.targetPercent).length;
    return `${met} of ${rows.length} services met their target`;
  };
  const incidents = (which: 'current' | 'previous'): string =>
    show(report.incidents[which], (list) => {
      const mttr = meanMinutesToRecover(list);
      return `${list.length}${Number.isFinite(mttr) ? `, mean recovery ${minutes(mttr)}` : ''}`;
    });
  const backups = (which: 'current' | 'previous'): string => {
    let ok = 0;
    let all = 0;
    for (const v of report.backups.vaults) {
      const c = v[which];
      if (!c.read) return which === 'current' ? NOT_READ : 'not comparable';
      ok += c.value.completed;
      all += c.value.completed + c.value.failed + c.value.expired + c.value.aborted;
    }
    return all === 0 ? 'no jobs' : `${((ok / all) * 100).toFixed(1)}% of ${all} jobs`;
  };
  const rpo = report.backups.rpo;
  const rpoText = rpo.some((r) => !r.result.read)
    ? NOT_READ
    : `${rpo.filter((r) => r.result.read && r.result.value.met).length} of ${rpo.length} databases`;
  const cost = (which: 'actual' | 'previousActual'): string => show(report.cost.total[which], gbp);
  return [
    { label: 'Availability', current: availability('current'), previous: availability('previous') },
    { label: 'Incidents', current: incidents('current'), previous: incidents('previous') },
    { label: 'Backup success', current: backups('current'), previous: backups('previous') },
    { label: 'RPO met', current: rpoText, previous: '-' },
    { label: 'Cost (actual)', current: cost('actual'), previous: cost('previousActual') },
    { label: 'Cost (estimate)', current: show(report.cost.total.estimate, gbp), previous: '-' },
    {
      label: 'On-premises baseline',
      current: report.cost.total.onPremises === null ? 'n/a' : gbp(report.cost.total.onPremises),
      previous: '-',
    },
  ];
}

/** NOT READ items with the same cause together: one line per failed read, naming what it left unread. */
export function groupNotRead(
  items: readonly NotReadItem[],
): { readonly section: string; readonly reason: string; readonly subjects: readonly string[] }[] {
  const groups = new Map<string, { section: string; reason: string; subjects: string[] }>();
  for (const item of items) {
    const key = `${item.section}\u0000${item.reason}`;
    const group = groups.get(key) ?? { section: item.section, reason: item.reason, subjects: [] };
    group.subjects.push(item.subject);
    groups.set(key, group);
  }
  return [...groups.values()];
}
