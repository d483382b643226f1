import { escapeHtml } from '../../waves/report/svg';
import type { AvailabilityRow, CostLineRow, SiteRow } from './model';
import { bps, gbp } from './format';

/*
 * The report's charts as inline SVG: no script, no external file, scaled to the page by viewBox so
 * they stay readable on a 360-pixel phone screen.
 */

const GREEN = '#00703c';
const RED = '#d4351c';
const BLUE = '#1d70b8';
const GREY = '#b1b4b6';
const DARK = '#0b0c0c';
const ORANGE = '#f47738';

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

function svg(width: number, height: number, title: string, body: string): string {
  return (
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${escapeHtml(title)}</title>${body}</svg>`
  );
}

/** Charts are drawn 480 units wide, so on a 360-pixel phone their text is still about 10 pixels high. */
const WIDTH = 480;

function label(
  x: number,
  y: number,
  text: string,
  anchor: 'start' | 'end' | 'middle' = 'start',
  size = 14,
): string {
  return `<text x="${n(x)}" y="${n(y)}" font-size="${size}" text-anchor="${anchor}" fill="${DARK}">${escapeHtml(text)}</text>`;
}

/** Availability per service against its target: a bar from the axis floor, a tick at the target. */
export function availabilityChart(rows: readonly AvailabilityRow[]): string {
  const shown = rows.filter((r) => !(r.current.read && r.current.value === null));
  const values = shown.flatMap((r) => (r.current.read && r.current.value !== null ? [r.current.value] : []));
  const floor = Math.min(98, Math.floor(Math.min(...values, ...shown.map((r) => r.targetPercent)) - 0.5));
  const width = WIDTH;
  const left = 150;
  const right = 64;
  const row = 24;
  const height = shown.length * row + 30;
  const x = (v: number): number =>
    left + ((Math.max(floor, v) - floor) / (100 - floor)) * (width - left - right);
  const body: string[] = [];
  shown.forEach((r, i) => {
    const y = 10 + i * row;
    body.push(
      label(left - 6, y + 15, r.service.length > 19 ? `${r.service.slice(0, 18)}…` : r.service, 'end', 13),
    );
    if (!r.current.read) {
      body.push(
        `<rect x="${left}" y="${y + 3}" width="${width - left - right}" height="${row - 8}" fill="none" stroke="${GREY}" stroke-dasharray="4 3"/>`,
      );
      body.push(label(left + 8, y + 15, 'NOT READ'));
      return;
    }
    const v = r.current.value ?? 100;
    const met = v >= r.targetPercent;
    body.push(
      `<rect x="${left}" y="${y + 3}" width="${n(x(v) - left)}" height="${row - 8}" fill="${met ? GREEN : RED}"/>`,
    );
    body.push(
      `<line x1="${n(x(r.targetPercent))}" x2="${n(x(r.targetPercent))}" y1="${y}" y2="${y + row - 2}" stroke="${DARK}" stroke-width="2"/>`,
    );
    body.push(label(width - right + 4, y + 15, `${v.toFixed(2)}%`, 'start', 13));
  });
  const axis = height - 14;
  body.push(
    label(left, axis + 12, `${floor}%`, 'start', 12),
    label(width - right, axis + 12, '100%', 'end', 12),
  );
  return svg(width, height, 'Availability of each service against its target (black tick)', body.join(''));
}

/** Month on month: a pair of bars (previous, current) per figure, each scaled to its own larger value. */
export function trendChart(
  figures: readonly {
    readonly label: string;
    readonly previous?: number;
    readonly current?: number;
    readonly format: (v: number) => string;
  }[],
): string {
  const shown = figures.filter((f) => f.previous !== undefined && f.current !== undefined);
  const perRow = 2;
  const col = WIDTH / perRow;
  const rowHeight = 170;
  const width = WIDTH;
  const height = Math.ceil(shown.length / perRow) * rowHeight + 24;
  const body: string[] = [];
  shown.forEach((f, i) => {
    const cx = (i % perRow) * col + col / 2;
    const base = Math.floor(i / perRow) * rowHeight + 130;
    const top = Math.max(f.previous ?? 0, f.current ?? 0, 1e-9);
    const bar = (v: number, dx: number, fill: string): void => {
      const h = (v / top) * 90;
      body.push(`<rect x="${n(cx + dx)}" y="${n(base - h)}" width="46" height="${n(h)}" fill="${fill}"/>`);
      body.push(label(cx + dx + 23, base - h - 5, f.format(v), 'middle', 13));
    };
    bar(f.previous ?? 0, -54, GREY);
    bar(f.current ?? 0, 8, BLUE);
    body.push(label(cx, base + 20, f.label, 'middle', 14));
  });
  body.push(
    `<rect x="4" y="${height - 16}" width="12" height="12" fill="${GREY}"/>`,
    label(20, height - 5, 'previous', 'start', 13),
  );
  body.push(
    `<rect x="110" y="${height - 16}" width="12" height="12" fill="${BLUE}"/>`,
    label(126, height - 5, 'this period', 'start', 13),
  );
  return svg(width, height, 'Month on month: the previous period (grey) and this one (blue)', body.join(''));
}

/** Each site's 95th percentile and peak against one tunnel's capacity. */
export function siteLoadChart(sites: readonly SiteRow[]): string {
  const read = sites.filter((s) => s.current.read);
  const capacity = sites[0]?.tunnelCapacityBps ?? 1.25e9;
  const top = Math.max(capacity, ...read.map((s) => (s.current.read ? s.current.value.peakBps : 0)));
  const width = WIDTH;
  const left = 120;
  const right = 10;
  const row = 44;
  const height = sites.length * row + 40;
  const x = (v: number): number => left + (v / top) * (width - left - right);
  const body: string[] = [];
  sites.forEach((s, i) => {
    const y = 10 + i * row;
    body.push(label(left - 6, y + 24, s.site.length > 15 ? `${s.site.slice(0, 14)}…` : s.site, 'end', 13));
    if (!s.current.read) {
      body.push(label(left + 6, y + 20, 'NOT READ'));
      return;
    }
    const l = s.current.value;
    const hot = l.p95Bps / capacity >= 0.7;
    body.push(
      `<rect x="${left}" y="${y + 4}" width="${n(x(l.peakBps) - left)}" height="16" fill="${GREY}"/>`,
    );
    body.push(
      `<rect x="${left}" y="${y + 22}" width="${n(x(l.p95Bps) - left)}" height="16" fill="${hot ? ORANGE : BLUE}"/>`,
    );
    body.push(label(left + 4, y + 17, `peak ${bps(l.peakBps)}`, 'start', 12));
    body.push(label(left + 4, y + 35, `p95 ${bps(l.p95Bps)}`, 'start', 12));
  });
  const cx = x(capacity);
  body.push(
    `<line x1="${n(cx)}" x2="${n(cx)}" y1="4" y2="${height - 24}" stroke="${RED}" stroke-width="2" stroke-dasharray="6 3"/>`,
  );
  body.push(label(cx, height - 8, `one tunnel: ${bps(capacity)}`, 'end', 13));
  return svg(
    width,
    height,
    "Load per site: 95th percentile and peak against one tunnel's capacity",
    body.join(''),
  );
}

/** Each site's busier-direction daily peak across the period, with one tunnel's capacity. */
export function dailyPeakChart(sites: readonly SiteRow[]): string {
  const drawn = sites.filter((s) => s.dailyPeakBps.length > 0);
  const days = Math.max(1, ...drawn.map((s) => s.dailyPeakBps.length));
  const capacity = sites[0]?.tunnelCapacityBps ?? 1.25e9;
  const top = Math.max(capacity, ...drawn.flatMap((s) => s.dailyPeakBps));
  const width = WIDTH;
  const height = 240;
  const left = 64;
  const bottom = 190;
  const x = (d: number): number => left + (d / Math.max(1, days - 1)) * (width - left - 10);
  const y = (v: number): number => bottom - (v / top) * (bottom - 30);
  const colours = [BLUE, GREEN, ORANGE, '#4c2c92', '#28a197', '#912b88'];
  const body: string[] = [];
  body.push(
    `<line x1="${left}" x2="${width - 10}" y1="${n(y(capacity))}" y2="${n(y(capacity))}" stroke="${RED}" stroke-dasharray="6 3"/>`,
  );
  body.push(label(width - 12, y(capacity) - 4, `one tunnel ${bps(capacity)}`, 'end', 13));
  drawn.forEach((s, i) => {
    const colour = colours[i % colours.length] ?? BLUE;
    const points = s.dailyPeakBps.map((v, d) => `${n(x(d))},${n(y(v))}`).join(' ');
    body.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    const lx = 4 + (i % 3) * 158;
    const ly = bottom + 24 + Math.floor(i / 3) * 18;
    body.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${colour}"/>`);
    body.push(label(lx + 16, ly, s.site.length > 16 ? `${s.site.slice(0, 15)}…` : s.site, 'start', 12));
  });
  body.push(`<line x1="${left}" x2="${left}" y1="20" y2="${bottom}" stroke="${GREY}"/>`);
  body.push(label(left - 4, bottom, '0', 'end', 12));
  if (top > capacity * 1.1) body.push(label(left - 4, 26, bps(top), 'end', 12));
  return svg(width, height, 'Daily peak load per site (busier direction)', body.join(''));
}

/** Actual cost against the estimate and the on-premises baseline, for the costliest services. */
export function costChart(rows: readonly CostLineRow[], limit = 12): string {
  const value = (r: CostLineRow): number => Math.max(r.actual.read ? r.actual.value : 0, r.onPremises ?? 0);
  const shown = [...rows].sort((a, b) => value(b) - value(a)).slice(0, limit);
  const top = Math.max(
    1,
    ...shown.flatMap((r) => [
      r.actual.read ? r.actual.value : 0,
      r.estimate.read ? r.estimate.value : 0,
      r.onPremises ?? 0,
    ]),
  );
  const width = WIDTH;
  const left = 150;
  const right = 64;
  const row = 38;
  const height = shown.length * row + 36;
  const x = (v: number): number => left + (v / top) * (width - left - right);
  const body: string[] = [];
  shown.forEach((r, i) => {
    const y = 6 + i * row;
    body.push(
      label(left - 6, y + 18, r.service.length > 19 ? `${r.service.slice(0, 18)}…` : r.service, 'end', 13),
    );
    const bar = (v: number | undefined, dy: number, fill: string): void => {
      if (v === undefined) return;
      body.push(`<rect x="${left}" y="${y + dy}" width="${n(x(v) - left)}" height="10" fill="${fill}"/>`);
    };
    bar(r.actual.read ? r.actual.value : undefined, 2, BLUE);
    bar(r.estimate.read ? r.estimate.value : undefined, 12, GREY);
    bar(r.onPremises ?? undefined, 22, ORANGE);
    body.push(
      label(width - right + 4, y + 14, r.actual.read ? gbp(r.actual.value) : 'NOT READ', 'start', 13),
    );
  });
  const legend = height - 12;
  body.push(
    `<rect x="4" y="${legend - 10}" width="12" height="12" fill="${BLUE}"/>`,
    label(20, legend, 'actual', 'start', 13),
  );
  body.push(
    `<rect x="90" y="${legend - 10}" width="12" height="12" fill="${GREY}"/>`,
    label(106, legend, 'estimate', 'start', 13),
  );
  body.push(
    `<rect x="190" y="${legend - 10}" width="12" height="12" fill="${ORANGE}"/>`,
    label(206, legend, 'on premises', 'start', 13),
  );
  return svg(width, height, 'Cost per service: actual, estimate and on-premises baseline', body.join(''));
}
