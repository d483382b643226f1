import { isMigrating } from '../resolve';
import { blackoutInterval, overlaps } from '../time';
import type { WaveRule } from './rule';

/** A cutover window may not touch a blackout that applies to the workload's service area (or to all). */
export const cutoverBlackouts: WaveRule = (plan, report) => {
  const programme = plan.programme;
  if (!programme) {
    return;
  }
  const zone = programme.programme.timeZone;
  const blackouts = programme.blackouts.map((b) => ({ b, interval: blackoutInterval(b, zone) }));
  // One message per window and blackout, naming the workloads it affects.
  const found = new Map<
    string,
    { at: (typeof plan.workloads)[number]['window']; text: string; ids: string[] }
  >();
  for (const w of plan.workloads) {
    const window = w.window;
    if (!isMigrating(w.value) || !window?.interval) {
      continue;
    }
    for (const { b, interval } of blackouts) {
      const applies = b.serviceAreas === 'all' || b.serviceAreas.includes(w.value.serviceArea);
      if (applies && overlaps(window.interval, interval)) {
        const key = `${window.at.file}|${window.at.path.join('.')}|${b.id}`;
        const entry = found.get(key) ?? {
          at: window,
          text: `cutover window ${window.config.start} to ${window.config.end} falls in blackout ${b.id} "${b.name}" (${b.start} to ${b.end}, ${b.serviceAreas === 'all' ? 'all service areas' : b.serviceAreas.join(', ')})`,
          ids: [],
        };
        entry.ids.push(w.value.id);
        found.set(key, entry);
      }
    }
  }
  for (const { at, text, ids } of found.values()) {
    if (at) {
      report(at.at, `${text}: affects ${ids.join(', ')}`);
    }
  }
};
