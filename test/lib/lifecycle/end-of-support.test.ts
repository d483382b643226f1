import { readFileSync } from 'node:fs';
import { osSupport, supportEnd, supportState, versionSupport } from '../../../lib/lifecycle/end-of-support';
import { committedEndOfSupport, validateEndOfSupportText } from '../../../lib/lifecycle/load';
import { lineOf } from '../../helpers/landing-zone';

const FILE = 'lib/lifecycle/end-of-support.yaml';

describe('end-of-support table', () => {
  const table = committedEndOfSupport();

  it('the committed table is valid and every date names an https source', () => {
    const result = validateEndOfSupportText(FILE, readFileSync(FILE, 'utf8'));
    expect(result.diagnostics).toEqual([]);
    const versions = table.products.flatMap((p) => p.versions);
    expect(versions.length).toBeGreaterThan(20);
    for (const v of versions) {
      expect(v.source).toMatch(/^https:\/\//);
    }
    expect(table.products.map((p) => p.product).sort()).toEqual(
      ['mysql', 'oracle', 'postgresql', 'rhel', 'sql-server', 'windows-server'].sort(),
    );
  });

  it('reads operating systems from the server os strings of wave files', () => {
    expect(osSupport(table, 'Windows Server 2012 R2')).toMatchObject({
      version: '2012 R2',
      endOfSupport: '2023-10-10',
    });
    expect(osSupport(table, 'Windows Server 2012')).toMatchObject({
      version: '2012',
      endOfSupport: '2023-10-10',
    });
    expect(osSupport(table, 'Windows Server 2016 Datacenter')).toMatchObject({ endOfSupport: '2027-01-12' });
    expect(osSupport(table, 'Red Hat Enterprise Linux 8')).toMatchObject({
      label: 'Red Hat Enterprise Linux 8',
    });
    expect(osSupport(table, 'RHEL 7.9')).toMatchObject({ version: '7' });
    expect(osSupport(table, 'Mitel MiVoice 9')).toBeUndefined();
  });

  it('reads engine versions as wave files and RDS write them', () => {
    expect(versionSupport(table, 'sql-server', '2017')?.label).toBe('SQL Server 2017');
    expect(versionSupport(table, 'sql-server', '16.00.4236.2.v1')?.label).toBe('SQL Server 2022');
    expect(versionSupport(table, 'postgresql', '17.9')?.label).toBe('PostgreSQL 17');
    expect(versionSupport(table, 'mysql', '8.4.8')?.label).toBe('MySQL 8.4');
    expect(versionSupport(table, 'oracle', '19.0.0.0.ru-2025-10.rur-2025-10.r1')?.label).toBe(
      'Oracle Database 19c',
    );
    expect(versionSupport(table, 'postgresql', '9.6')).toBeUndefined();
  });

  it('an RDS target ends at the earlier of the vendor date and RDS standard support', () => {
    const mysql84 = versionSupport(table, 'mysql', '8.4.8');
    if (!mysql84) {
      throw new Error('MySQL 8.4 missing');
    }
    expect(supportEnd(mysql84, true)).toMatchObject({ date: '2029-07-31', what: 'RDS standard support' });
    expect(supportEnd(mysql84, false)).toMatchObject({ date: '2032-04-30', what: 'vendor support' });
    expect(
      supportState({ date: '2027-01-12', what: 'vendor support', source: '' }, '2027-01-30', '2028-01-30'),
    ).toBe('ended');
    expect(
      supportState({ date: '2027-01-12', what: 'vendor support', source: '' }, '2026-11-28', '2027-11-28'),
    ).toBe('ending');
    expect(
      supportState({ date: '2029-01-09', what: 'vendor support', source: '' }, '2027-01-30', '2028-01-30'),
    ).toBe('supported');
  });

  it('every mistake in the table at once, with line and field', () => {
    const text = [
      'checkedOn: 2026-12-02',
      'products:',
      '  - product: windows-server',
      '    label: Windows Server',
      "    osPattern: '^Windows Server'",
      '    versions:',
      "      - { version: '2016', matches: ['2016'], endOfSupport: 2027-01-12, source: https://example.org/a, confirmed: true }",
      "      - { version: '2016b', matches: ['2016'], endOfSupport: 2027-01-12, source: https://example.org/b, confirmed: true }",
      '  - product: postgresql',
      '    label: PostgreSQL',
      '    versions:',
      "      - { version: '13', matches: ['13'], endOfSupport: 2025-11-13, rdsEndOfStandardSupport: 2026-02-28, source: https://example.org/c, confirmed: true }",
    ].join('\n');
    const result = validateEndOfSupportText('broken.yaml', text);
    expect(result.table).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.path, d.message])).toEqual([
      [lineOf(text, 'osPattern'), 'products[0].osPattern', 'needs a group that captures the version'],
      [
        lineOf(text, "'2016b'"),
        'products[0].versions[1].matches',
        '"2016" already names versions[0] of windows-server',
      ],
      [lineOf(text, "'13'"), 'products[1].versions[0]', 'rdsEndOfStandardSupport needs its rdsSource'],
    ]);
    const schema = validateEndOfSupportText('typo.yaml', 'checkedOn: 2026-13-02\nproducts: []\nextra: 1\n');
    expect(schema.diagnostics.map((d) => d.path).sort()).toEqual(['checkedOn', 'extra', 'products']);
  });
});
