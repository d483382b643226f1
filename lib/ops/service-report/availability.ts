import type { MonitoredService } from '../../monitoring/monitored-estate';
import { figure, notRead, type Figure } from './model';
import type { ReportPeriod } from './period';
import { databaseKey, HOUR, SAMPLES_PER_HOUR, serverKey, type SeriesLookup } from './queries';

/*
 * Availability from what each part of a service reports every minute: the CloudWatch agent of each
 * live server (memory samples) and each RDS database (CPU samples). An hour with 60 samples is a
 * whole hour up, one with none an hour down; the service is up as much as its least available part
 * in each hour. A part counts from when it runs in AWS: a server from its workload's cutover date,
 * a database from its first sample. A live part that reported nothing at all is not read.
 */

export interface AvailabilityResult {
  readonly percent: number;
  readonly downtimeMinutes: number;
}

interface Part {
  readonly label: string;
  readonly key: string;
  /** Epoch ms from which it counts. */
  readonly from: number;
  readonly kind: 'server' | 'database';
}

function partsOf(service: MonitoredService, lookup: SeriesLookup): { parts: Part[]; unread: string[] } {
  const parts: Part[] = [];
  const unread: string[] = [];
  const liveSince =
    service.liveSince === undefined ? undefined : Date.parse(`${service.liveSince}T00:00:00Z`);
  for (const server of service.servers) {
    if (!server.live || liveSince === undefined) continue;
    parts.push({
      label: `server ${server.hostname}`,
      key: serverKey(server.hostname),
      from: liveSince,
      kind: 'server',
    });
  }
  for (const db of service.databases) {
    const key = databaseKey(db.identifier, 'samples');
    const read = lookup(key);
    if (!read.ok) {
      // The failed call's own words: the same for every series of the batch, so the report groups them.
      unread.push(read.reason);
      continue;
    }
    const first = read.series.timestamps.find((_, i) => (read.series.values[i] ?? 0) > 0);
    if (first === undefined) {
      unread.push(
        `database ${db.identifier}: no CPUUtilization samples in either period (the instance does not exist, or RDS published nothing)`,
      );
      continue;
    }
    parts.push({ label: `database ${db.identifier}`, key, from: first, kind: 'database' });
  }
  return { parts, unread };
}

/** A service's availability in a period; null when nothing of it runs in AWS in that period. */
export function serviceAvailability(
  service: MonitoredService,
  period: ReportPeriod,
  lookup: SeriesLookup,
): Figure<AvailabilityResult | null> {
  const { parts, unread } = partsOf(service, lookup);
  if (unread.length > 0) return notRead([...new Set(unread)].join('; '));
  const start = period.start.getTime();
  const end = period.end.getTime();
  const hours = Math.round((end - start) / (HOUR * 1000));
  const up = new Array<number>(hours).fill(Number.NaN);
  for (const part of parts) {
    if (part.from >= end) continue;
    const read = lookup(part.key);
    if (!read.ok) return notRead(read.reason);
    const samples = new Map<number, number>();
    read.series.timestamps.forEach((t, i) =>
      samples.set(Math.floor((t - start) / (HOUR * 1000)), read.series.values[i] ?? 0),
    );
    let any = false;
    for (let h = 0; h < hours; h++) {
      const hourStart = start + h * HOUR * 1000;
      if (hourStart + HOUR * 1000 <= part.from) continue;
      const got = samples.get(h) ?? 0;
      if (got > 0) any = true;
      const fraction = Math.min(1, got / SAMPLES_PER_HOUR);
      up[h] = Number.isNaN(up[h] ?? Number.NaN) ? fraction : Math.min(up[h] ?? 1, fraction);
    }
    if (!any && part.kind === 'server') {
      return notRead(
        `${part.label}: no mem_used_percent samples from its CloudWatch agent in ${period.label} although it has run in AWS since ${service.liveSince ?? '?'}: the agent is not running with its configuration from SSM, or the server was down all period`,
      );
    }
  }
  const counted = up.filter((v) => !Number.isNaN(v));
  if (counted.length === 0) return figure(null);
  const total = counted.reduce((a, b) => a + b, 0);
  return figure({
    percent: (total / counted.length) * 100,
    downtimeMinutes: Math.round(counted.reduce((a, v) => a + (1 - v) * 60, 0)),
  });
}
