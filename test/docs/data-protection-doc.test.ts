import { readFileSync } from 'node:fs';
import { tierTableRows, vaultTableRows } from '../../lib/backup/docs-tables';
import { loadConfig } from '../../lib/config/load';
import { engineTableRows } from '../../lib/data/engines/docs-table';

/** The cells of the first markdown table after a marker, ignoring the alignment prettier adds. */
function tableAfter(markdown: string, marker: string): string[][] {
  const start = markdown.indexOf(marker);
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) {
      break;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (!cells.every((c) => /^-+$/.test(c))) {
      rows.push(cells);
    }
  }
  return rows;
}

test('the tier table in docs/data-protection.md matches the configuration', () => {
  const dp = loadConfig('config/landing-zone.yaml').dataProtection;
  expect(dp).toBeDefined();
  const doc = readFileSync('docs/data-protection.md', 'utf8');
  expect(tableAfter(doc, '<!-- tier-table')).toEqual(dp ? tierTableRows(dp) : []);
});

test('the vault table in docs/data-protection.md matches the configuration', () => {
  const doc = readFileSync('docs/data-protection.md', 'utf8');
  expect(tableAfter(doc, '<!-- vault-table')).toEqual(vaultTableRows(loadConfig('config/landing-zone.yaml')));
});

test('the engine table in docs/data-protection.md matches the engine registry', () => {
  const doc = readFileSync('docs/data-protection.md', 'utf8');
  expect(tableAfter(doc, '<!-- engine-table')).toEqual(engineTableRows());
});
