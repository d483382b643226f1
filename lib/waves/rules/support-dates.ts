import { waveEngineDefinition } from '../../data/engines';
import {
  osSupport,
  supportEnd,
  supportState,
  versionSupport,
  type SupportEntry,
} from '../../lifecycle/end-of-support';
import type { Location } from '../wave-files-view';
import { isCutOver, isMigrating } from '../resolve';
import { localDate } from '../time';
import type { WaveRule } from './rule';

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Support dates at cutover (lib/lifecycle/end-of-support.yaml): an error when what the workload
 * lands on is out of support on its cutover day (a server's target OS, the AMI MGN launches, or an
 * RDS engine version, whose RDS standard support counts too); a warning when what it moves onto or
 * stays on (a database that moves with its server keeps its version) loses support within
 * programme.yaml supportDates.warnWithinMonths of the cutover. Workloads that have cut over, and
 * products the table does not know, are not judged.
 */
export const supportDates: WaveRule = (plan, report) => {
  const table = plan.lifecycle;
  const months = plan.programme?.supportDates.warnWithinMonths ?? 12;
  const judge = (
    at: Location,
    entry: SupportEntry | undefined,
    target: { readonly onRds: boolean; readonly mustBeSupported: boolean; readonly what: string },
    cutover: string,
    horizon: string,
  ): void => {
    if (entry === undefined) {
      return;
    }
    const end = supportEnd(entry, target.onRds);
    const state = supportState(end, cutover, horizon);
    const whose = end.what === 'RDS standard support' ? 'RDS standard support' : 'support';
    if (state === 'ended' && target.mustBeSupported) {
      report(
        at,
        `${entry.label} (${target.what}) is out of ${whose} from ${end.date}, before the cutover on ${cutover} (${end.source}): move onto a supported version`,
      );
    } else if (state !== 'supported') {
      report(
        at,
        state === 'ended'
          ? `${entry.label} (${target.what}) has been out of ${whose} since ${end.date}, before the cutover on ${cutover} (${end.source})`
          : `${entry.label} (${target.what}) loses ${whose} on ${end.date}, within ${months} months of the cutover on ${cutover} (${end.source}): plan the upgrade`,
        'warning',
      );
    }
  };
  for (const w of plan.workloads) {
    const v = w.value;
    const win = w.window;
    if (!isMigrating(v) || !w.target.builds || isCutOver(v) || win?.interval === undefined) {
      continue;
    }
    const cutover = localDate(win.interval.start, win.config.timeZone);
    const horizon = addMonths(cutover, months);
    v.servers.forEach((server, i) => {
      const upgraded = server.targetOs !== undefined;
      judge(
        w.at('servers', i, upgraded ? 'targetOs' : 'os'),
        osSupport(table, server.targetOs ?? server.os),
        { onRds: false, mustBeSupported: true, what: `the OS ${server.hostname} runs in AWS` },
        cutover,
        horizon,
      );
    });
    for (const db of w.target.rdsDatabases) {
      if (db.spec === undefined) {
        continue;
      }
      const product = waveEngineDefinition(db.db.engine).lifecycleProduct;
      judge(
        w.at('databases', db.index, db.db.rds?.version === undefined ? 'engine' : 'rds'),
        versionSupport(table, product, db.spec.version),
        {
          onRds: true,
          mustBeSupported: true,
          what: `RDS engine version ${db.spec.version} of ${db.db.name}`,
        },
        cutover,
        horizon,
      );
    }
    v.databases.forEach((db, i) => {
      if (db.target !== 'ec2') {
        return;
      }
      const product = waveEngineDefinition(db.engine).lifecycleProduct;
      judge(
        w.at('databases', i, 'version'),
        versionSupport(table, product, db.version),
        { onRds: false, mustBeSupported: false, what: `${db.name}, which keeps its version on EC2` },
        cutover,
        horizon,
      );
    });
  }
};
