/** Small statistics over plain arrays, as the report uses them. */

/** The p-th percentile (nearest rank) of some values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function max(values: readonly number[]): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const v of values) if (Number.isFinite(v) && v > best) best = v;
  return best === Number.NEGATIVE_INFINITY ? Number.NaN : best;
}

export function min(values: readonly number[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const v of values) if (Number.isFinite(v) && v < best) best = v;
  return best === Number.POSITIVE_INFINITY ? Number.NaN : best;
}

export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) if (Number.isFinite(v)) total += v;
  return total;
}

/** The least-squares slope of y over x; 0 for fewer than two points. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    num += dx * ((ys[i] ?? 0) - my);
    den += dx * dx;
  }
  return den === 0 ? 0 : num / den;
}

/** Values of a series whose timestamps fall in [start, end). */
export function within(
  series: { readonly timestamps: readonly number[]; readonly values: readonly number[] },
  start: number,
  end: number,
): { timestamps: number[]; values: number[] } {
  const timestamps: number[] = [];
  const values: number[] = [];
  series.timestamps.forEach((t, i) => {
    if (t >= start && t < end) {
      timestamps.push(t);
      values.push(series.values[i] ?? Number.NaN);
    }
  });
  return { timestamps, values };
}
