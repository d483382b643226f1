import { localDate } from '../time';
import type { WaveRule } from './rule';

/**
 * A cutover window outside its wave's planned dates: the wave cannot finish on its planned end, and
 * the dashboard would show it on track while a workload still waits to cut over. A warning: the
 * report moves the wave's forecast end to the late cutover (amber for slippage) and marks it.
 */
export const cutoverInWave: WaveRule = (plan, report) => {
  for (const wave of plan.waves) {
    const h = wave.header;
    if (!h) {
      continue;
    }
    for (const w of wave.workloads) {
      const interval = w.window?.interval;
      if (!w.window || !interval) {
        continue;
      }
      const zone = w.window.config.timeZone;
      const start = localDate(interval.start, zone);
      const end = localDate(interval.end - 1, zone);
      if (start < h.planned.start || end > h.planned.end) {
        // The wave's own window is reported once, at the wave; a workload's own window at the workload.
        if (
          w.value.cutoverWindow === undefined &&
          w !== wave.workloads.find((x) => x.value.cutoverWindow === undefined)
        ) {
          continue;
        }
        report(
          w.window.at,
          `cutover window ${w.window.config.start} to ${w.window.config.end} (${w.value.cutoverWindow === undefined ? h.id : w.value.id}) is outside ${h.id}'s planned dates ${h.planned.start} to ${h.planned.end}: the wave cannot finish by its planned end`,
          'warning',
        );
      }
    }
  }
};
