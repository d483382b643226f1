import { renderTable, type Column } from '../../../lib/cli/table';
import { wrap } from '../../../lib/text';

interface Row {
  readonly name: string;
  readonly note: string;
  readonly n: number;
}

const rows: Row[] = [
  { name: 'production', note: 'live line-of-business systems in London', n: 3 },
  { name: 'non-production', note: 'test, training and migration rehearsal', n: 12 },
];
const columns: Column<Row>[] = [
  { header: 'Name', value: (r) => r.name, priority: 1 },
  { header: 'Note', value: (r) => r.note, priority: 3 },
  { header: 'Count', value: (r) => r.n, priority: 2 },
];

describe('tables that fit the screen', () => {
  it('keeps every column when they fit', () => {
    const out = renderTable(columns, rows, { width: 100, wide: false });
    expect(out).toContain('Note');
    expect(out).not.toContain('left out');
  });

  it('leaves out the least important columns first, says so, and fits the width', () => {
    const out = renderTable(columns, rows, { width: 40, wide: false });
    expect(out).not.toContain('│ Note');
    expect(out).toContain('│ Count');
    expect(out).toContain('(Note left out to fit 40 columns: --wide shows them)');
    for (const line of out.trimEnd().split('\n').slice(0, -1)) {
      expect(line.length).toBeLessThanOrEqual(40);
    }
  });

  it('keeps every column with --wide', () => {
    expect(renderTable(columns, rows, { width: 20, wide: true })).toContain('Note');
  });
});

describe('wrapped text', () => {
  it('breaks at spaces within the width, indenting the following lines', () => {
    expect(wrap('one two three four five six', 12, 2)).toEqual(['  one two', '  three four', '  five six']);
    expect(wrap('a verylongwordthatdoesnotfit b', 10, 0)).toEqual(['a', 'verylongwordthatdoesnotfit', 'b']);
  });
});
