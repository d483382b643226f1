import { figure, notRead, type Figure, type Incident } from './model';
import type { ReportPeriod } from './period';
import type { AlarmArchive, AlarmStateChange } from './source';

/*
 * Incidents are episodes of the composite alarms that page the rota (`<prefix>-<subject>-service`):
 * from the change into ALARM to the change out of it. One outage pages once, so it is counted once.
 * The archive must have existed for the whole period, or the period's incidents are not read.
 */

export const SERVICE_ALARM_SUFFIX = '-service';

/** The workload or shared service a paging alarm is about: `kvdc-finance-unit4-service` -> `finance-unit4`. */
export function subjectOf(prefix: string, alarmName: string): string | undefined {
  if (!alarmName.startsWith(`${prefix}-`) || !alarmName.endsWith(SERVICE_ALARM_SUFFIX)) return undefined;
  return alarmName.slice(prefix.length + 1, -SERVICE_ALARM_SUFFIX.length);
}

/** The episodes of one period, from the changes of several accounts' archives. */
export function incidentsIn(
  prefix: string,
  period: ReportPeriod,
  archives: readonly { readonly account: string; readonly archive: AlarmArchive }[],
): Figure<readonly Incident[]> {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const young = archives.filter((a) => a.archive.since > start);
  if (young.length > 0) {
    return notRead(
      young
        .map(
          (a) =>
            `the ${a.account} account's alarm history archive starts on ${new Date(a.archive.since).toISOString()}, after the period began`,
        )
        .join('; '),
    );
  }
  const byAlarm = new Map<string, AlarmStateChange[]>();
  for (const { archive } of archives) {
    for (const change of archive.changes) {
      if (subjectOf(prefix, change.alarmName) === undefined) continue;
      const list = byAlarm.get(change.alarmName) ?? [];
      list.push(change);
      byAlarm.set(change.alarmName, list);
    }
  }
  const incidents: Incident[] = [];
  for (const [alarmName, changes] of byAlarm) {
    changes.sort((a, b) => a.at - b.at);
    const subject = subjectOf(prefix, alarmName) ?? alarmName;
    // The state when the period began: the previous state of its first change after the start.
    const firstIn = changes.find((c) => c.at >= start);
    const lastBefore = [...changes].reverse().find((c) => c.at < start);
    let inAlarmSince: number | undefined =
      (lastBefore?.state ?? firstIn?.previous) === 'ALARM' ? start : undefined;
    let ongoing = inAlarmSince !== undefined;
    for (const change of changes) {
      if (change.at < start || change.at >= end) continue;
      if (change.state === 'ALARM' && inAlarmSince === undefined) {
        inAlarmSince = change.at;
        ongoing = false;
      } else if (change.state !== 'ALARM' && inAlarmSince !== undefined) {
        incidents.push({
          subject,
          alarmName,
          start: inAlarmSince,
          end: change.at,
          minutesToRecover: Math.round((change.at - inAlarmSince) / 60_000),
          ongoingAtStart: ongoing,
        });
        inAlarmSince = undefined;
        ongoing = false;
      }
    }
    if (inAlarmSince !== undefined) {
      incidents.push({ subject, alarmName, start: inAlarmSince, ongoingAtStart: ongoing });
    }
  }
  incidents.sort((a, b) => a.start - b.start || a.subject.localeCompare(b.subject));
  return figure(incidents);
}

/** Mean minutes to recover of the recovered incidents; NaN for none. */
export function meanMinutesToRecover(incidents: readonly Incident[]): number {
  const done = incidents.flatMap((i) => (i.minutesToRecover === undefined ? [] : [i.minutesToRecover]));
  return done.length === 0 ? Number.NaN : done.reduce((a, b) => a + b, 0) / done.length;
}
