import type { ServiceReport } from './model';
import { backupSuccess, bps, bytes, gbp, headlines, minutes, percent, show, when } from './format';

/*
 * The report's tables, defined once: the HTML page and the Markdown summary print the same columns
 * from the same figures (the CSV files keep raw numbers for spreadsheets).
 */

export interface Table {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function headlineTable(report: ServiceReport): Table {
  return {
    head: ['Figure', report.period.label, report.previousPeriod.label],
    rows: headlines(report).map((h) => [h.label, h.current, h.previous]),
  };
}

export function availabilityTable(report: ServiceReport): Table {
  return {
    head: ['Service', 'Criticality', 'Target', report.period.label, report.previousPeriod.label, 'Downtime'],
    rows: report.availability.map((a) => [
      a.service,
      a.criticality,
      `${a.targetPercent}%`,
      show(a.current, (v) => percent(v, 3)),
      show(a.previous, (v) => percent(v, 3)),
      show(a.downtimeMinutes, (v) => (v === null ? 'n/a' : minutes(v))),
    ]),
  };
}

export function incidentTable(report: ServiceReport): Table {
  const list = report.incidents.current.read ? report.incidents.current.value : [];
  return {
    head: ['Started', 'Service', 'Recovered after'],
    rows: list.map((i) => [
      `${when(i.start, report.timeZone)}${i.ongoingAtStart ? ' (ongoing when the period began)' : ''}`,
      i.subject,
      i.minutesToRecover === undefined ? 'still in alarm' : minutes(i.minutesToRecover),
    ]),
  };
}

export function vaultTable(report: ServiceReport): Table {
  return {
    head: [
      'Vault',
      'Account',
      `Backups ${report.period.label}`,
      `Copies ${report.period.label}`,
      `Backups ${report.previousPeriod.label}`,
    ],
    rows: report.backups.vaults.map((v) => [
      v.vault,
      v.account,
      backupSuccess(v.current, 'backup'),
      backupSuccess(v.current, 'copy'),
      backupSuccess(v.previous, 'backup'),
    ]),
  };
}

/** Every database's RPO verdict; `onlyMissed` keeps those not met or not read (the Markdown summary). */
export function rpoTable(report: ServiceReport, onlyMissed = false): Table {
  return {
    head: ['Database', 'RPO', 'Judged from', 'Met', 'Outside RPO', 'Longest gap'],
    rows: report.backups.rpo
      .filter((r) => !onlyMissed || !r.result.read || !r.result.value.met)
      .map((r) => [
        r.identifier,
        minutes(r.rpoMinutes),
        when(r.judgedFrom, report.timeZone),
        show(r.result, (v) => (v.met ? (v.continuous ? 'yes (continuous)' : 'yes') : 'NO')),
        show(r.result, (v) => minutes(v.minutesOutside)),
        show(r.result, (v) => minutes(v.worstGapMinutes)),
      ]),
  };
}

export function siteTable(report: ServiceReport): Table {
  return {
    head: [
      'Site',
      'Tunnels',
      'In',
      'Out',
      'Peak',
      'p95',
      'p95 of a tunnel',
      'Uptime',
      'Drops',
      `p95 ${report.previousPeriod.label}`,
    ],
    rows: report.network.sites.map((s) => [
      s.site,
      String(s.tunnels),
      show(s.current, (l) => bytes(l.bytesIn)),
      show(s.current, (l) => bytes(l.bytesOut)),
      show(s.current, (l) => bps(l.peakBps)),
      show(s.current, (l) => bps(l.p95Bps)),
      show(s.current, (l) => percent((l.p95Bps / s.tunnelCapacityBps) * 100, 0)),
      show(s.current, (l) => percent(l.uptimePercent, 2)),
      show(s.drops, (d) => d.toFixed(0)),
      show(s.previous, (l) => bps(l.p95Bps)),
    ]),
  };
}

export function tunnelTable(report: ServiceReport): Table {
  return {
    head: ['Site', 'Device', 'Tunnel', 'In', 'Out', 'Peak', 'p95', 'Uptime'],
    rows: report.network.tunnels.map((t) => [
      t.site,
      t.device,
      t.outsideIp,
      show(t.current, (l) => bytes(l.bytesIn)),
      show(t.current, (l) => bytes(l.bytesOut)),
      show(t.current, (l) => bps(l.peakBps)),
      show(t.current, (l) => bps(l.p95Bps)),
      show(t.current, (l) => percent(l.uptimePercent, 2)),
    ]),
  };
}

export function databaseTable(report: ServiceReport): Table {
  return {
    head: [
      'Database',
      'CPU p95',
      `CPU p95 ${report.previousPeriod.label}`,
      'Free memory (min)',
      'Free storage (min)',
      'Storage full in',
      'Connections (peak)',
      'Read / write p95',
    ],
    rows: report.databases.map((d) => [
      d.identifier,
      show(d.current, (h) => percent(h.cpuP95, 0)),
      show(d.previous, (h) => percent(h.cpuP95, 0)),
      show(d.current, (h) => percent(h.freeMemoryMinPercent, 0)),
      show(
        d.current,
        (h) => `${h.freeStorageMinGiB.toFixed(0)} GiB (${percent(h.freeStorageMinPercent, 0)})`,
      ),
      show(d.current, (h) => (h.daysToFull === null ? 'not filling' : `${h.daysToFull.toFixed(0)} days`)),
      show(d.current, (h) => `${h.connectionsMax.toFixed(0)} of ${d.connectionLimit}`),
      show(d.current, (h) => `${h.readLatencyP95Ms.toFixed(1)} / ${h.writeLatencyP95Ms.toFixed(1)} ms`),
    ]),
  };
}

export function costTable(report: ServiceReport): Table {
  return {
    head: ['Service', 'Actual', `Actual ${report.previousPeriod.label}`, 'Estimate', 'On premises'],
    rows: [...report.cost.rows, report.cost.shared, report.cost.total].map((c) => [
      c.service,
      show(c.actual, gbp),
      show(c.previousActual, gbp),
      show(c.estimate, gbp),
      c.onPremises === null ? '-' : gbp(c.onPremises),
    ]),
  };
}
