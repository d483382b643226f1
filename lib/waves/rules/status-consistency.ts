import type { WorkloadState } from '../schema';
import { daysBetween } from '../time';
import type { WaveRule } from './rule';

const DONE: readonly WorkloadState[] = ['cutover', 'disconnected', 'complete'];

/**
 * Status is data with a history: the history is in date order and ends in the current status; a
 * wave's dates and approval agree with its status; a complete wave has only finished workloads.
 */
export const statusConsistency: WaveRule = (plan, report) => {
  for (const wave of plan.waves) {
    const h = wave.header;
    if (!h) {
      continue;
    }
    const at = (...path: (string | number)[]) => ({ file: wave.file, path: ['wave', ...path] });
    if (daysBetween(h.planned.start, h.planned.end) < 0) {
      report(at('planned', 'end'), `planned end ${h.planned.end} is before planned start ${h.planned.start}`);
    }
    if (h.status !== 'planned' && h.status !== 'on-hold' && !h.approval) {
      report(at('status'), `a wave that is ${h.status} needs approval (by, on)`);
    }
    if ((h.status === 'in-progress' || h.status === 'complete') && !h.actual?.start) {
      report(at('status'), `a wave that is ${h.status} needs actual.start`);
    }
    if (h.status === 'complete') {
      if (!h.actual?.end) {
        report(at('status'), 'a complete wave needs actual.end');
      }
      for (const w of wave.workloads) {
        if (
          w.value.strategy !== 'retain' &&
          !DONE.includes(w.value.status) &&
          w.value.status !== 'rolled-back'
        ) {
          report(w.at('status'), `wave ${h.id} is complete but ${w.value.id} is ${w.value.status}`);
        }
      }
    }
  }
  for (const w of plan.workloads) {
    const history = w.value.statusHistory;
    for (let i = 1; i < history.length; i++) {
      const previous = history[i - 1];
      const entry = history[i];
      if (previous && entry && daysBetween(previous.on, entry.on) < 0) {
        report(
          w.at('statusHistory', i, 'on'),
          `status history goes back in time (${entry.on} after ${previous.on})`,
        );
      }
    }
    const last = history[history.length - 1];
    if (last && last.state !== w.value.status) {
      report(
        w.at('status'),
        `status is ${w.value.status} but the last statusHistory entry is ${last.state}: add the change to the history`,
      );
    }
  }
};
