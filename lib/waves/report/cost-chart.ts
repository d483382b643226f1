import type { RunCostLines, RunCostPoint } from './model';
import { escapeHtml as e } from './svg';

/*
 * The before/after chart: monthly run cost, on premises (falling as sources are switched off) and
 * AWS with SaaS (rising as workloads land), forecast solid and the approved baseline dashed. Draws
 * the figures model's series only; the same points are in run-cost.csv.
 */

const n = (v: number): string => v.toFixed(1);

const SERIES: readonly { key: keyof Omit<RunCostPoint, 'month'>; label: string; colour: string }[] = [
  { key: 'totalGbp', label: 'total', colour: '#0b0c0c' },
  { key: 'onPremGbp', label: 'on premises', colour: '#d4351c' },
  { key: 'awsGbp', label: 'AWS and SaaS', colour: '#1d70b8' },
];

export function runCostSvg(lines: RunCostLines, asOf: string, id = 'run-cost-chart'): string {
  const left = 64;
  const top = 14;
  const width = 560;
  const height = 200;
  const points = lines.forecast;
  if (points.length === 0) {
    return '';
  }
  const max = Math.max(1, ...[...lines.forecast, ...lines.baseline].map((p) => p.totalGbp));
  const x = (i: number): number => left + (points.length === 1 ? 0 : (i / (points.length - 1)) * width);
  const y = (v: number): number => top + height - (v / max) * height;
  const parts: string[] = [];
  for (let k = 0; k <= 4; k += 1) {
    const v = (max * k) / 4;
    parts.push(
      `<line x1="${left}" y1="${n(y(v))}" x2="${left + width}" y2="${n(y(v))}" stroke="#e5e5e5"/>`,
      `<text x="${left - 6}" y="${n(y(v) + 4)}" font-size="10" text-anchor="end" fill="#505a5f">£${Math.round(v).toLocaleString('en-GB')}</text>`,
    );
  }
  points.forEach((p, i) => {
    if (i % 3 === 0) {
      parts.push(
        `<text x="${n(x(i))}" y="${top + height + 16}" font-size="10" text-anchor="middle" fill="#505a5f">${p.month.slice(0, 7)}</text>`,
      );
    }
  });
  const path = (list: readonly RunCostPoint[], key: (typeof SERIES)[number]['key']): string =>
    list.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(i))},${n(y(p[key]))}`).join('');
  for (const s of SERIES) {
    parts.push(
      `<path class="baseline-${s.key}" d="${path(lines.baseline, s.key)}" fill="none" stroke="${s.colour}" stroke-width="1.5" stroke-dasharray="6 4" opacity="0.6"/>`,
      `<path class="forecast-${s.key}" d="${path(points, s.key)}" fill="none" stroke="${s.colour}" stroke-width="2.5"/>`,
    );
  }
  const today = points.findIndex((p) => p.month > asOf);
  if (today > 0) {
    const at = x(today - 1);
    parts.push(
      `<line x1="${n(at)}" y1="${top}" x2="${n(at)}" y2="${top + height}" stroke="#0b0c0c" stroke-dasharray="4 3"/>`,
      `<text x="${n(at + 4)}" y="${top + 10}" font-size="10">${e(asOf)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${top + height}" x2="${left + width}" y2="${top + height}" stroke="#505a5f"/>`,
  );
  const legend = SERIES.map(
    (s) => `<span><span class="swatch" style="background:${s.colour}"></span>${e(s.label)}</span>`,
  ).join('');
  return `<svg class="run-cost" id="${e(id)}" role="img" aria-label="Monthly run cost before and after" viewBox="0 0 ${left + width + 20} ${top + height + 24}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="inherit">${parts.join('')}</svg>
<div class="legend">${legend}<span>solid: forecast · dashed: approved baseline · pounds a month</span></div>`;
}
