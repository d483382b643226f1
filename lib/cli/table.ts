import Table from 'cli-table3';

/*
 * Human tables that fit the screen. Each column has a priority: when the table is wider than the
 * terminal (or 100 columns in logs and pipes), the least important columns are left out, and the
 * output says which and that `--wide` shows them. `--wide` keeps every column, however wide.
 */

export interface Column<R> {
  readonly header: string;
  readonly value: (row: R) => string | number;
  /** 1 is essential and never dropped; higher numbers go first when space runs out. */
  readonly priority: number;
}

export interface TableOptions {
  /** The width to fit, in columns. */
  readonly width: number;
  /** Keep every column whatever the width. */
  readonly wide: boolean;
}

/** Space one column takes besides its text: a border and a padding space on each side. */
const PER_COLUMN = 3;

function widthOf<R>(columns: readonly Column<R>[], rows: readonly R[]): number {
  return (
    columns.reduce(
      (sum, c) => sum + Math.max(c.header.length, ...rows.map((r) => String(c.value(r)).length)) + PER_COLUMN,
      0,
    ) + 1
  );
}

export function renderTable<R>(
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: TableOptions,
): string {
  let shown = [...columns];
  if (!options.wide) {
    const byDropOrder = [...columns].filter((c) => c.priority > 1).sort((a, b) => b.priority - a.priority);
    for (const column of byDropOrder) {
      if (widthOf(shown, rows) <= options.width) break;
      shown = shown.filter((c) => c !== column);
    }
  }
  const table = new Table({
    head: shown.map((c) => c.header),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) {
    table.push(shown.map((c) => c.value(row)));
  }
  const dropped = columns.filter((c) => !shown.includes(c)).map((c) => c.header);
  return (
    `${table.toString()}\n` +
    (dropped.length === 0
      ? ''
      : `(${dropped.join(', ')} left out to fit ${options.width} columns: --wide shows them)\n`)
  );
}
