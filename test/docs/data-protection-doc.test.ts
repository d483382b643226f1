import { readFileSync } from 'node:fs';
import { tierTableRows, vaultTableRows } from '../../lib/backup/docs-tables';
import { loadConfig } from '../../lib/config/load';
import { engineTableRows } from '../../lib/data/engines/docs-table';
import { tableAfter } from '../helpers/markdown';

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
