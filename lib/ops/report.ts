import Table from 'cli-table3';
import type { OperationError } from './errors';

/**
 * Exit codes shared by every `lz ops` command:
 * - 0 healthy: every check passed;
 * - 1 degraded: the estate was read and something differs from the plan or is unhealthy;
 * - 2 failed: a query could not be made (credentials, permissions, endpoint, configuration), so the
 *   result is incomplete. Whatever could be read is still shown.
 */
export const EXIT_CODES = { healthy: 0, degraded: 1, failed: 2 } as const;
export type OverallStatus = keyof typeof EXIT_CODES;

export interface Finding {
  /** A stable machine-readable kind, e.g. `tunnel-down`. */
  readonly kind: string;
  /** What it is about, e.g. `civic-centre-dc/edge-1` or a database identifier. */
  readonly subject: string;
  readonly message: string;
}

export function overallStatus(
  findings: readonly Finding[],
  errors: readonly OperationError[],
): OverallStatus {
  if (errors.length > 0) return 'failed';
  return findings.length > 0 ? 'degraded' : 'healthy';
}

/** A plain table that reads well in a terminal, a CI log or an email from a scheduled job. */
export function renderTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const table = new Table({
    head: [...head],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

/** The findings and errors under the table, then the one-line verdict. */
export function renderSummary(
  status: OverallStatus,
  findings: readonly Finding[],
  errors: readonly OperationError[],
): string {
  const lines: string[] = [];
  for (const f of findings) lines.push(`DEGRADED ${f.subject}: ${f.message} [${f.kind}]`);
  for (const e of errors) lines.push(`FAILED ${e.message}`);
  const late = errors.filter((e) => e.kind === 'deadline').length;
  if (late > 0) {
    lines.push(
      `DEADLINE: ${late} call(s) were not answered before the run's deadline; what they would have shown is NOT READ`,
    );
  }
  lines.push(
    `${status.toUpperCase()}: ${findings.length} finding(s), ${errors.length} failed call(s) (exit ${EXIT_CODES[status]})`,
  );
  return `${lines.join('\n')}\n`;
}

/** "3d 4h", "12m", "45s": how long ago something happened. */
export function formatAge(from: Date, now: Date): string {
  let seconds = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 1000));
  const days = Math.floor(seconds / 86400);
  seconds -= days * 86400;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m`;
  return `${seconds - minutes * 60}s`;
}
