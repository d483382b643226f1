import { addDays, dayMillis } from '../time';
import type { BurnPoint, Rag, ReportModel } from './model';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const RAG_COLOURS: Record<Rag, string> = {
  red: '#d4351c',
  amber: '#f47738',
  green: '#00703c',
  complete: '#1d70b8',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface TimeScale {
  readonly start: string;
  readonly end: string;
  readonly x: (date: string) => number;
}

function timeScale(start: string, end: string, left: number, width: number): TimeScale {
  const from = dayMillis(start);
  const span = Math.max(1, dayMillis(end) - from);
  return { start, end, x: (date) => left + ((dayMillis(date) - from) / span) * width };
}

function monthTicks(scale: TimeScale): string[] {
  const ticks: string[] = scale.start.endsWith('-01') ? [scale.start] : [];
  let [y, m] = scale.start.split('-').map(Number) as [number, number];
  for (;;) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    const date = `${y}-${String(m).padStart(2, '0')}-01`;
    if (date > scale.end) {
      return ticks;
    }
    ticks.push(date);
  }
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

function chartRange(model: ReportModel): { start: string; end: string } {
  const dates = model.waves.flatMap((w) => [
    w.wave.wave.planned.start,
    w.wave.wave.planned.end,
    w.forecastEnd,
    ...(w.baseline ? [w.baseline.start, w.baseline.end] : []),
  ]);
  dates.push(model.asOf);
  const sorted = [...dates].sort();
  const first = sorted[0] ?? model.asOf;
  const last = sorted[sorted.length - 1] ?? model.asOf;
  return { start: `${first.slice(0, 7)}-01`, end: addDays(last, 21) };
}

/** Gantt chart: one row per wave (baseline, plan, actual), cutover markers, blackouts and today. */
export function ganttSvg(model: ReportModel): string {
  const left = 210;
  const width = 860;
  const rowHeight = 40;
  const top = 46;
  const laneTop = top + model.waves.length * rowHeight + 8;
  const laneHeight = 44;
  const height = laneTop + laneHeight + 14;
  const range = chartRange(model);
  const scale = timeScale(range.start, range.end, left, width);
  const parts: string[] = [];
  parts.push(
    `<rect x="${left}" y="${top - 6}" width="${width}" height="${height - top - 8}" fill="#f8f8f8"/>`,
  );
  parts.push(
    `<text x="8" y="${laneTop + 17}" font-size="12.5" font-weight="600" fill="#0b0c0c">Blackouts</text>`,
    `<text x="8" y="${laneTop + 32}" font-size="11" fill="#505a5f">all services / some services</text>`,
    `<line x1="${left}" y1="${laneTop - 4}" x2="${left + width}" y2="${laneTop - 4}" stroke="#b1b4b6"/>`,
  );
  for (const b of model.blackouts) {
    if (b.end < range.start || b.start > range.end) {
      continue;
    }
    const x1 = Math.max(left, scale.x(b.start));
    const x2 = Math.min(left + width, scale.x(addDays(b.end, 1)));
    const all = b.serviceAreas === 'all';
    const areas = b.serviceAreas === 'all' ? 'all service areas' : b.serviceAreas.join(', ');
    const w = Math.max(2, x2 - x1);
    if (all) {
      // A change freeze for everyone shades the whole chart.
      parts.push(
        `<rect x="${n(x1)}" y="${top - 6}" width="${n(w)}" height="${laneTop - top}" fill="#d4351c" fill-opacity="0.12"/>`,
      );
    }
    const y = laneTop + (all ? 2 : 22);
    parts.push(
      `<rect class="blackout" data-blackout="${escapeHtml(b.id)}" x="${n(x1)}" y="${y}" width="${n(w)}" height="16" rx="2" fill="${all ? '#d4351c' : '#f47738'}" fill-opacity="${all ? 0.85 : 0.55}"><title>${escapeHtml(`${b.name}: ${b.start} to ${b.end} (${areas})`)}</title></rect>`,
    );
  }
  for (const tick of monthTicks(scale)) {
    const x = scale.x(tick);
    const [y, m] = tick.split('-').map(Number) as [number, number];
    parts.push(
      `<line x1="${n(x)}" y1="${top - 6}" x2="${n(x)}" y2="${height - 14}" stroke="#dddddd" stroke-opacity="0.8"/>`,
    );
    parts.push(
      `<text x="${n(x + 3)}" y="${top - 12}" font-size="11" fill="#505a5f">${MONTHS[m - 1] ?? ''}${m === 1 ? ` ${y}` : ''}</text>`,
    );
  }
  model.waves.forEach((w, i) => {
    const y = top + i * rowHeight;
    const h = w.wave.wave;
    const colour = RAG_COLOURS[w.rag];
    parts.push(`<g class="gantt-row" data-wave="${h.id}">`);
    parts.push(
      `<text x="8" y="${y + 15}" font-size="12.5" font-weight="600" fill="#0b0c0c">${escapeHtml(h.id)}</text>`,
      `<text x="8" y="${y + 30}" font-size="11" fill="#505a5f">${escapeHtml(h.name.length > 30 ? `${h.name.slice(0, 29)}…` : h.name)}</text>`,
    );
    if (w.baseline) {
      const bx = scale.x(w.baseline.start);
      const bw = scale.x(addDays(w.baseline.end, 1)) - bx;
      parts.push(
        `<rect class="baseline-bar" x="${n(bx)}" y="${y + 27}" width="${n(bw)}" height="5" fill="#b1b4b6"><title>Baseline ${w.baseline.start} to ${w.baseline.end}</title></rect>`,
      );
    }
    const px = scale.x(h.planned.start);
    const pw = scale.x(addDays(w.forecastEnd, 1)) - px;
    parts.push(
      `<rect class="plan-bar" x="${n(px)}" y="${y + 6}" width="${n(pw)}" height="18" rx="3" fill="${colour}" fill-opacity="0.25" stroke="${colour}"><title>${escapeHtml(`${h.id} planned ${h.planned.start} to ${h.planned.end}; forecast end ${w.forecastEnd}`)}</title></rect>`,
    );
    const doneWidth = pw * w.progress;
    if (doneWidth > 0) {
      parts.push(
        `<rect x="${n(px)}" y="${y + 6}" width="${n(doneWidth)}" height="18" rx="3" fill="${colour}"/>`,
      );
    }
    const label = `${w.done}/${w.inScope}`;
    parts.push(`<text x="${n(px + pw + 6)}" y="${y + 19}" font-size="11" fill="#0b0c0c">${label}</text>`);
    const starts = [
      ...new Set(w.rows.flatMap((r) => (r.cutoverStart ? [r.cutoverStart.slice(0, 10)] : []))),
    ].sort();
    for (const date of starts) {
      const cx = scale.x(date);
      const rows = w.rows.filter((r) => r.cutoverStart?.startsWith(date));
      const ids = rows.map((r) => r.workload.id);
      const missed = rows.some(
        (r) => !r.done && r.cutoverEnd !== undefined && r.cutoverEnd.slice(0, 10) < model.asOf,
      );
      const outside = rows.some((r) => r.outsideWave && !r.done);
      const kind = missed ? ' missed' : outside ? ' outside-wave' : '';
      const note = missed
        ? ' (missed: not cut over)'
        : outside
          ? ` (outside the wave's dates ${h.planned.start} to ${h.planned.end})`
          : '';
      parts.push(
        `<path class="cutover${kind}" data-date="${date}" d="M ${n(cx)} ${y + 8} l 7 7 l -7 7 l -7 -7 z" fill="${missed ? RAG_COLOURS.red : outside ? RAG_COLOURS.amber : '#0b0c0c'}" stroke="#ffffff" stroke-width="1.2"><title>${escapeHtml(`Cutover ${date}: ${ids.join(', ')}${note}`)}</title></path>`,
      );
    }
    parts.push('</g>');
  });
  const today = scale.x(model.asOf);
  parts.push(
    `<line class="today" x1="${n(today)}" y1="${top - 22}" x2="${n(today)}" y2="${height - 14}" stroke="#0b0c0c" stroke-width="1.5" stroke-dasharray="4 3"/>`,
    `<text x="${n(today + 4)}" y="${top - 26}" font-size="11" font-weight="700" fill="#0b0c0c">Today ${model.asOf}</text>`,
  );
  return `<svg id="gantt" role="img" aria-label="Gantt chart of migration waves" viewBox="0 0 ${left + width + 40} ${height}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="inherit">${parts.join('')}</svg>`;
}

function stepPath(
  points: readonly BurnPoint[],
  key: 'workloads' | 'servers',
  x: (d: string) => number,
  y: (v: number) => number,
): string {
  let d = '';
  let previous: BurnPoint | undefined;
  for (const p of points) {
    if (!previous) {
      d += `M ${n(x(p.date))} ${n(y(p[key]))}`;
    } else {
      d += ` H ${n(x(p.date))} V ${n(y(p[key]))}`;
    }
    previous = p;
  }
  return d;
}

/** Burn-down of remaining in-scope workloads or servers: baseline, forecast and actual. */
export function burnDownSvg(model: ReportModel, key: 'workloads' | 'servers'): string {
  const left = 44;
  const top = 16;
  const width = 470;
  const height = 200;
  const range = chartRange(model);
  const scale = timeScale(range.start, range.end, left, width);
  const total = model.burnDown.baseline[0]?.[key] ?? 0;
  const max = Math.max(1, total);
  const y = (v: number): number => top + height - (v / max) * height;
  const parts: string[] = [];
  const step =
    max > 100 ? Math.ceil(max / 5 / 50) * 50 : max > 20 ? Math.ceil(max / 5 / 5) * 5 : Math.ceil(max / 5);
  for (let v = 0; v <= max; v += Math.max(1, step)) {
    parts.push(
      `<line x1="${left}" y1="${n(y(v))}" x2="${left + width}" y2="${n(y(v))}" stroke="#e5e5e5"/>`,
      `<text x="${left - 6}" y="${n(y(v) + 4)}" font-size="10" text-anchor="end" fill="#505a5f">${v}</text>`,
    );
  }
  for (const tick of monthTicks(scale)) {
    const [, m] = tick.split('-').map(Number) as [number, number];
    if (m % 2 === 1) {
      parts.push(
        `<text x="${n(scale.x(tick))}" y="${top + height + 16}" font-size="10" text-anchor="middle" fill="#505a5f">${MONTHS[m - 1] ?? ''} ${tick.slice(2, 4)}</text>`,
      );
    }
  }
  const extend = (points: readonly BurnPoint[]): BurnPoint[] => {
    const last = points[points.length - 1];
    return last && last.date < range.end ? [...points, { ...last, date: range.end }] : [...points];
  };
  parts.push(
    `<path class="series-baseline" d="${stepPath(extend(model.burnDown.baseline), key, scale.x, y)}" fill="none" stroke="#b1b4b6" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<path class="series-forecast" d="${stepPath(extend(model.burnDown.forecast), key, scale.x, y)}" fill="none" stroke="#1d70b8" stroke-width="2"/>`,
    `<path class="series-actual" d="${stepPath(model.burnDown.actual, key, scale.x, y)}" fill="none" stroke="#0b0c0c" stroke-width="3"/>`,
  );
  // Cutovers planned outside their wave's dates: where the forecast drops late.
  const forecast = extend(model.burnDown.forecast);
  for (const r of model.rows.filter((row) => row.outsideWave && !row.done && row.cutoverStart)) {
    const date = (r.cutoverStart ?? '').slice(0, 10);
    const at = [...forecast].reverse().find((p) => p.date <= date) ?? forecast[0];
    if (at) {
      parts.push(
        `<path class="late-cutover" data-workload="${escapeHtml(r.workload.id)}" d="M ${n(scale.x(date))} ${n(y(at[key]) - 10)} l 5 8 l -10 0 z" fill="${RAG_COLOURS.amber}"><title>${escapeHtml(`${r.workload.id} cuts over ${date}, outside ${r.wave.wave.id} (${r.wave.wave.planned.start} to ${r.wave.wave.planned.end})`)}</title></path>`,
      );
    }
  }
  const today = scale.x(model.asOf);
  parts.push(
    `<line x1="${n(today)}" y1="${top}" x2="${n(today)}" y2="${top + height}" stroke="#0b0c0c" stroke-dasharray="4 3"/>`,
  );
  const lastActual = model.burnDown.actual[model.burnDown.actual.length - 1];
  if (lastActual) {
    parts.push(
      `<circle cx="${n(today)}" cy="${n(y(lastActual[key]))}" r="4" fill="#0b0c0c"/>`,
      `<text class="actual-remaining" x="${n(today + 7)}" y="${n(y(lastActual[key]) - 6)}" font-size="11" font-weight="700">${lastActual[key]} left</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="#505a5f"/>`,
  );
  return `<svg class="burndown" id="burndown-${key}" role="img" aria-label="Burn-down of ${key}" viewBox="0 0 ${left + width + 60} ${top + height + 24}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="inherit">${parts.join('')}</svg>`;
}
