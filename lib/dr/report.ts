import { wrap } from '../text';
import { DISRUPTION_LABELS, type Assessment, type DrReport } from './assess';

function minutes(value: number | null): string {
  if (value === null) {
    return 'unbounded';
  }
  if (value >= 120) {
    return `${value} min (${Math.round((value / 60) * 10) / 10} h)`;
  }
  return `${value} min`;
}

function target(value: number | undefined): string {
  return value === undefined ? 'none' : minutes(value);
}

const STATUS: Readonly<Record<Assessment['status'], string>> = {
  met: 'met',
  breach: 'BREACH',
  'no-target': 'no target',
};

/**
 * The report an engineer or architect reads: one block per database, one line per disruption, then
 * the reasoning, wrapped to `width` columns.
 */
export function formatReport(report: DrReport, assembly: string, width = 100): string {
  const lines: string[] = [];
  const total = report.workloads.reduce((n, w) => n + w.assessments.length, 0);
  lines.push(
    `DR posture check of ${assembly}: ${report.workloads.length} database(s), ${total} assessment(s), ` +
      `${report.breaches} breach(es)`,
  );
  for (const w of report.workloads) {
    lines.push('');
    lines.push(
      `${w.workload}: ${w.database} (${w.engine}, tier ${w.tier ?? 'none'}, stack ${w.stackId}, ${w.region})`,
    );
    for (const a of w.assessments) {
      lines.push(`  ${STATUS[a.status].padEnd(9)} ${DISRUPTION_LABELS[a.disruption]}`);
      lines.push(
        `            RPO ${minutes(a.rpoMinutes)} (target ${target(a.targetRpoMinutes)}), ` +
          `RTO ${minutes(a.rtoMinutes)} (target ${target(a.targetRtoMinutes)})`,
      );
      for (const reason of a.reasoning) {
        lines.push(
          ...wrap(reason, width, 14, 12).map((l, i) => (i === 0 ? l.replace(/^( {12})/, '$1- ') : l)),
        );
      }
    }
  }
  if (report.breaches > 0) {
    lines.push('');
    lines.push('Breaches:');
    for (const w of report.workloads) {
      for (const a of w.assessments.filter((x) => x.status === 'breach')) {
        lines.push(`  ${w.workload} (${w.database}): ${DISRUPTION_LABELS[a.disruption]}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
