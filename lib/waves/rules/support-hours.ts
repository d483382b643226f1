import type { Location } from '../wave-files-view';
import { isMigrating } from '../resolve';
import { minutesOutsideSupport } from '../time';
import type { WaveRule } from './rule';

/** Cutovers happen while the rota is staffed, or declare the extra cover that will be there. */
export const supportHours: WaveRule = (plan, report) => {
  const programme = plan.programme;
  if (!programme) {
    return;
  }
  const hours = programme.supportHours;
  const zone = programme.programme.timeZone;
  const checked = new Set<string>();
  const check = (
    at: Location,
    config: { extraCover?: unknown },
    interval: { start: number; end: number },
  ): void => {
    const key = `${at.file}|${at.path.join('.')}`;
    if (checked.has(key)) {
      return;
    }
    checked.add(key);
    if (interval.end <= interval.start) {
      report(at, 'cutover window ends before it starts');
      return;
    }
    if (interval.end - interval.start > 3 * 86_400_000) {
      report(at, 'a cutover window longer than 72 hours is not a window: split the cutover or the wave');
      return;
    }
    const outside = minutesOutsideSupport(interval, zone, hours);
    if (outside > 0 && config.extraCover === undefined) {
      report(
        at,
        `${Math.round(outside)} minutes of the window fall outside support hours (${hours.start}-${hours.end} ${hours.days.join(',')}, ${zone}); move it or declare extraCover`,
      );
    }
  };
  // Each window once (a wave's window is shared by its workloads), only where something cuts over.
  for (const w of plan.workloads) {
    if (isMigrating(w.value) && w.window?.interval) {
      check(w.window.at, w.window.config, w.window.interval);
    }
  }
};
