import { meanMinutesToRecover } from './incidents';
import { reportExitCode, type ServiceReport } from './model';
import { groupNotRead, minutes, NOT_READ } from './format';
import {
  availabilityTable,
  costTable,
  databaseTable,
  headlineTable,
  incidentTable,
  rpoTable,
  siteTable,
  vaultTable,
  type Table,
} from './tables';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table({ head, rows }: Table): string {
  if (rows.length === 0) return '_None._\n';
  return (
    `| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n` +
    rows.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') +
    '\n'
  );
}

/** The Markdown summary: headline figures, what got worse, targets missed, what was not read, and each section. */
export function renderServiceReportMarkdown(report: ServiceReport): string {
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
    `Generated ${report.generatedAt} from the live AWS APIs; times in ${report.timeZone}. Compared with ${report.previousPeriod.label}. **Status: ${status}.**\n`,
  );
  out.push(table(headlineTable(report)));
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
  out.push(table(availabilityTable(report)));

  out.push('\n## Incidents\n');
  const incidents = report.incidents.current;
  if (!incidents.read) {
    out.push(`${NOT_READ}: ${incidents.reason}\n`);
  } else {
    const mttr = meanMinutesToRecover(incidents.value);
    out.push(
      `${incidents.value.length} incident(s)${Number.isFinite(mttr) ? `, mean time to recover ${minutes(mttr)}` : ''}.\n\n`,
    );
    out.push(table(incidentTable(report)));
  }

  out.push('\n## Backups\n');
  out.push(table(vaultTable(report)));
  out.push(
    `\nRPO: ${report.backups.rpo.filter((r) => r.result.read && r.result.value.met).length} of ${report.backups.rpo.length} databases met their recovery point objective.\n\n`,
  );
  out.push(table(rpoTable(report, true)));

  out.push('\n## Network (site-to-site VPN)\n');
  out.push(table(siteTable(report)));
  out.push(
    '\n' +
      (report.network.recommendations.length === 0
        ? '_No recommendation._\n'
        : report.network.recommendations.map((r) => `- **${r.site}**: ${r.message}`).join('\n') + '\n'),
  );

  out.push('\n## Database headroom\n');
  out.push(table(databaseTable(report)));

  out.push(`\n## Cost (GBP, ${report.period.label})\n`);
  out.push(`Exchange: ${report.cost.exchange}.\n\n`);
  out.push(table(costTable(report)));
  return out.join('');
}
