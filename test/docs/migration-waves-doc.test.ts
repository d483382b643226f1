import { readFileSync } from 'node:fs';
import { endOfSupportTableRows } from '../../lib/lifecycle/docs-table';
import { committedEndOfSupport } from '../../lib/lifecycle/load';
import { tableAfter } from '../helpers/markdown';

test('the support-dates table in docs/migration-waves.md matches lib/lifecycle/end-of-support.yaml', () => {
  const doc = readFileSync('docs/migration-waves.md', 'utf8');
  expect(doc).toContain('<!-- end-of-support-table');
  expect(tableAfter(doc, '<!-- end-of-support-table')).toEqual(
    endOfSupportTableRows(committedEndOfSupport()),
  );
});
