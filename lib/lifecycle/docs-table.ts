import type { EndOfSupportTable } from './schema';

/**
 * The support-dates table of docs/migration-waves.md, rendered from the committed table so the
 * documentation cannot drift from what the rule reads (test/docs/migration-waves-doc.test.ts).
 */
export function endOfSupportTableRows(table: EndOfSupportTable): string[][] {
  const rows = [
    ['Product', 'Version', 'End of support', 'RDS end of standard support', 'Source', 'Confirmed'],
  ];
  for (const p of table.products) {
    for (const v of p.versions) {
      rows.push([
        p.label,
        v.version,
        v.endOfSupport,
        v.rdsEndOfStandardSupport ?? '',
        `[${new URL(v.source).hostname}](${v.source})${v.rdsSource === undefined ? '' : ` · [RDS](${v.rdsSource})`}`,
        v.confirmed ? 'yes' : 'no',
      ]);
    }
  }
  return rows;
}
