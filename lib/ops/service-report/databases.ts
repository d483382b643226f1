import type { MonitoredDatabase } from '../../monitoring/monitored-estate';
import { figure, notRead, type Figure, type Headroom } from './model';
import type { ReportPeriod } from './period';
import { databaseKey, DATABASE_METRICS, type DatabaseMetric, type SeriesLookup } from './queries';
import { max, min, percentile, slope, within } from './stats';

const GIB = 1024 ** 3;
const DAY_MS = 86_400_000;

/**
 * How much room a database had in a period, from its hourly metrics: CPU (95th percentile of hourly
 * maxima), the least freeable memory against the class, the least free storage and where the daily
 * lowest is heading, connections against the class's limit, and read and write latency.
 */
export function databaseHeadroom(
  db: MonitoredDatabase,
  period: ReportPeriod,
  lookup: SeriesLookup,
): Figure<Headroom> {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const values: Partial<Record<DatabaseMetric, { timestamps: number[]; values: number[] }>> = {};
  for (const metric of Object.keys(DATABASE_METRICS) as DatabaseMetric[]) {
    if (metric === 'samples') continue;
    const read = lookup(databaseKey(db.identifier, metric));
    if (!read.ok) return notRead(read.reason);
    const part = within(read.series, start, end);
    if (part.values.length === 0) {
      return notRead(
        `AWS/RDS ${DATABASE_METRICS[metric][0]} of ${db.identifier} has no data in ${period.label}: the instance did not exist or did not report`,
      );
    }
    values[metric] = part;
  }
  const series = (m: DatabaseMetric): { timestamps: number[]; values: number[] } =>
    values[m] ?? { timestamps: [], values: [] };
  const storage = series('freeStorage');
  const daily = new Map<number, number>();
  storage.timestamps.forEach((t, i) => {
    const day = Math.floor((t - start) / DAY_MS);
    daily.set(day, Math.min(daily.get(day) ?? Number.POSITIVE_INFINITY, (storage.values[i] ?? 0) / GIB));
  });
  const days = [...daily.keys()].sort((a, b) => a - b);
  const trend = slope(
    days,
    days.map((d) => daily.get(d) ?? 0),
  );
  const lastFree = daily.get(days[days.length - 1] ?? 0) ?? 0;
  const freeMin = min(storage.values) / GIB;
  const connectionsMax = max(series('connections').values);
  return figure({
    cpuP95: percentile(series('cpu').values, 95),
    cpuMax: max(series('cpu').values),
    freeMemoryMinPercent: (min(series('freeMemory').values) / (db.classMemoryGiB * GIB)) * 100,
    freeStorageMinGiB: freeMin,
    freeStorageMinPercent: (freeMin / db.allocatedStorageGiB) * 100,
    storageTrendGiBPerDay: trend,
    daysToFull: trend < 0 ? lastFree / -trend : null,
    connectionsMax,
    connectionsPercent: (connectionsMax / db.connectionLimit) * 100,
    readLatencyP95Ms: percentile(series('readLatency').values, 95) * 1000,
    writeLatencyP95Ms: percentile(series('writeLatency').values, 95) * 1000,
  });
}
