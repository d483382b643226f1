import { meanMinutesToRecover } from './incidents';
import { reportExitCode, type ServiceReport } from './model';
import { backupSuccess, bps, bytes, gbp, groupNotRead, headlines, minutes, NOT_READ, percent, show, when } from './format';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '_None._\n';
  return (
    `| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n` +
    rows.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') +
    '\n'
  );
}

/** The Markdown summary: headline figures, what got worse, targets missed, what was not read, and each section. */
export function renderServiceReportMarkdown(report: ServiceReport): string {
  const tz = report.timeZone;
  const exit = reportExitCode(report);
  const status =
    exit === 2
      ? `INCOMPLETE: ${report.notRead.length} thing(s) NOT READ`
      : exit === 1
        ? `${report.findings.length} target(s) missed`
        : 'every target met';
  const out: string[] = [];
  out.push(`# Service report: ${report.organisation}, ${report.period.label}\n`);
  out.push(
    `Generated ${report.generatedAt} from the live AWS APIs; times in ${tz}. Compared with ${report.previousPeriod.label}. **Status: ${status}.**\n`,
  );
  out.push(
    table(
      ['Figure', report.period.label, report.previousPeriod.label],
      headlines(report).map((h) => [h.label, h.current, h.previous]),
    ),
  );
  out.push(`\n## Got worse since ${report.previousPeriod.label}\n`);
  out.push(
    report.worse.length === 0
      ? '_Nothing got worse._\n'
      : report.worse.map((w) => `- **${w.subject}** (${w.section}): ${w.message}`).join('\n') + '\n',
  );
  out.push('\n## Targets missed\n');
  out.push(
    report.findings.length === 0
      ? '_None._\n'
      : report.findings.map((f) => `- **${f.subject}** (${f.section}): ${f.message}`).join('\n') + '\n',
  );
  out.push('\n## NOT READ\n');
  out.push(
    report.notRead.length === 0
      ? '_Everything was read._\n'
      : groupNotRead(report.notRead)
          .map((g) => `- ${NOT_READ} (${g.section}) **${g.subjects.join(', ')}**: ${g.reason}`)
          .join('\n') + '\n',
  );

  out.push('\n## Availability\n');
  out.push(
    table(
      ['Service', 'Criticality', 'Target', report.period.label, report.previousPeriod.label, 'Downtime'],
      report.availability.map((a) => [
        a.service,
        a.criticality,
        `${a.targetPercent}%`,
        show(a.current, (v) => percent(v, 3)),
        show(a.previous, (v) => percent(v, 3)),
        show(a.downtimeMinutes, (v) => (v === null ? 'n/a' : minutes(v))),
      ]),
    ),
  );

  out.push('\n## Incidents\n');
  const incidents = report.incidents.current;
  if (!incidents.read) {
    out.push(`${NOT_READ}: ${incidents.reason}\n`);
  } else {
    const mttr = meanMinutesToRecover(incidents.value);
    out.push(
      `${incidents.value.length} incident(s)${Number.isFinite(mttr) ? `, mean time to recover ${minutes(mttr)}` : ''}.\n\n`,
    );
    out.push(
      table(
        ['Started', 'Service', 'Recovered after'],
        incidents.value.map((i) => [
          `${when(i.start, tz)}${i.ongoingAtStart ? ' (ongoing when the period began)' : ''}`,
          i.subject,
          i.minutesToRecover === undefined ? 'still in alarm' : minutes(i.minutesToRecover),
        ]),
      ),
    );
  }

  out.push('\n## Backups\n');
  out.push(
    table(
      [
        'Vault',
        'Account',
        `Backups ${report.period.label}`,
        `Copies ${report.period.label}`,
        `Backups ${report.previousPeriod.label}`,
      ],
      report.backups.vaults.map((v) => [
        v.vault,
        v.account,
        backupSuccess(v.current, 'backup'),
        backupSuccess(v.current, 'copy'),
        backupSuccess(v.previous, 'backup'),
      ]),
    ),
  );
  const missed = report.backups.rpo.filter((r) => !r.result.read || !r.result.value.met);
  out.push(
    `\nRPO: ${report.backups.rpo.filter((r) => r.result.read && r.result.value.met).length} of ${report.backups.rpo.length} databases met their recovery point objective.\n\n`,
  );
  out.push(
    table(
      ['Database', 'RPO', 'Judged from', 'Result'],
      missed.map((r) => [
        r.identifier,
        minutes(r.rpoMinutes),
        when(r.judgedFrom, tz),
        show(
          r.result,
          (v) => `not met for ${minutes(v.minutesOutside)}, longest gap ${minutes(v.worstGapMinutes)}`,
        ),
      ]),
    ),
  );

  out.push('\n## Network (site-to-site VPN)\n');
  out.push(
    table(
      [
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
      report.network.sites.map((s) => [
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
    ),
  );
  out.push(
    '\n' +
      (report.network.recommendations.length === 0
        ? '_No recommendation._\n'
        : report.network.recommendations.map((r) => `- **${r.site}**: ${r.message}`).join('\n') + '\n'),
  );

  out.push('\n## Database headroom\n');
  out.push(
    table(
      [
        'Database',
        'CPU p95',
        'Free memory (min)',
        'Free storage (min)',
        'Storage full in',
        'Connections (peak)',
        'Read / write p95',
      ],
      report.databases.map((d) => [
        d.identifier,
        show(d.current, (h) => percent(h.cpuP95, 0)),
        show(d.current, (h) => percent(h.freeMemoryMinPercent, 0)),
        show(
          d.current,
          (h) => `${h.freeStorageMinGiB.toFixed(0)} GiB (${percent(h.freeStorageMinPercent, 0)})`,
        ),
        show(d.current, (h) => (h.daysToFull === null ? 'not filling' : `${h.daysToFull.toFixed(0)} days`)),
        show(d.current, (h) => `${h.connectionsMax.toFixed(0)} of ${d.connectionLimit}`),
        show(d.current, (h) => `${h.readLatencyP95Ms.toFixed(1)} / ${h.writeLatencyP95Ms.toFixed(1)} ms`),
      ]),
    ),
  );

  out.push(`\n## Cost (GBP, ${report.period.label})\n`);
  out.push(`Exchange: ${report.cost.exchange}.\n\n`);
  const costRows = [...report.cost.rows, report.cost.shared, report.cost.total];
  out.push(
    table(
      ['Service', 'Actual', `Actual ${report.previousPeriod.label}`, 'Estimate', 'On premises'],
      costRows.map((c) => [
        c.service,
        show(c.actual, gbp),
        show(c.previousActual, gbp),
        show(c.estimate, gbp),
        c.onPremises === null ? '-' : gbp(c.onPremises),
      ]),
    ),
  );
  return out.join('');
}
