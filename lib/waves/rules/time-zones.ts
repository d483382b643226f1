import { isValidZone } from '../time';
import type { WaveRule } from './rule';

/** Time zones are real IANA zones, and window times exist in them. */
export const timeZones: WaveRule = (plan, report) => {
  const programme = plan.programme;
  if (programme && !isValidZone(programme.programme.timeZone)) {
    report(
      { file: plan.programmeFile, path: ['programme', 'timeZone'] },
      `unknown time zone "${programme.programme.timeZone}" (e.g. Europe/London)`,
    );
  }
  const seen = new Set<string>();
  for (const w of plan.workloads) {
    const window = w.window;
    if (!window) {
      continue;
    }
    const key = `${window.at.file}|${window.at.path.join('.')}`;
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (!isValidZone(window.config.timeZone)) {
      report(
        { ...window.at, path: [...window.at.path, 'timeZone'] },
        `unknown time zone "${window.config.timeZone}" (e.g. Europe/London)`,
      );
    } else if (!window.interval) {
      report(
        window.at,
        `${window.config.start} to ${window.config.end} is not a real time in ${window.config.timeZone}`,
      );
    }
  }
};
