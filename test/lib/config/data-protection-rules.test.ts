import { validateConfigText } from '../../../lib/config/load';
import { fourEngineExampleText } from '../../helpers/four-engine-databases';

// The example with a database of each engine in dataProtection.databases.
const EXAMPLE = fourEngineExampleText();

function errors(text: string): { path: string; message: string; line: number }[] {
  return validateConfigText('landing-zone.yaml', text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map(({ path, message, line }) => ({ path, message, line }));
}

/** "path: message" lines, so assertions read like the validator's output. */
function lines(text: string): string[] {
  return errors(text).map((e) => `${e.path}: ${e.message}`);
}

function edit(from: string | RegExp, to: string, text = EXAMPLE): string {
  const out = text.replace(from, to);
  if (out === text) {
    throw new Error(`edit did not apply: ${String(from)}`);
  }
  return out;
}

describe('data-protection configuration rules', () => {
  test('the example is valid', () => {
    expect(errors(EXAMPLE)).toEqual([]);
  });

  test('unknown keys are errors with a suggestion', () => {
    const found = errors(edit('continuousBackup: true', 'continousBackup: true'));
    expect(found.map((e) => e.message)).toContain(
      'unknown key "continousBackup" (did you mean "continuousBackup"?)',
    );
  });

  test('references to tiers, accounts, VPCs, subnet tiers and on-premises ranges must exist', () => {
    let text = edit('tier: bronze', 'tier: tin');
    text = edit(
      'account: non-production\n      vpc: non-production',
      'account: backup\n      vpc: non-production',
      text,
    );
    text = edit(
      'allowedOnPremisesRanges: [civic-centre, depots]',
      'allowedOnPremisesRanges: [civic-centre, depot]',
      text,
    );
    const found = lines(text);
    expect(found).toContainEqual(
      expect.stringMatching(/^dataProtection\.databases\[3\]\.tier: unknown tier "tin"/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^dataProtection\.databases\[3\]\.account: .*has role backup/),
    );
    expect(found).toContainEqual(expect.stringMatching(/^dataProtection\.databases\[3\]\.vpc: .*not backup/));
    expect(found).toContainEqual(
      expect.stringMatching(
        /^dataProtection\.databases\[1\]\.allowedOnPremisesRanges\[1\]: unknown on-premises range "depot" \(did you mean "depots"\?\)/,
      ),
    );
  });

  test('databases must sit in an isolated tier', () => {
    const text = edit(/(workload: gis[\s\S]*?vpc: production)/, '$1\n      subnetTier: app');
    const found = lines(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^dataProtection\.databases\[1\]\.subnetTier: .*isolated/);
  });

  test('engine, edition and licence combinations follow what RDS allows', () => {
    let text = edit(
      'edition: standard\n      version: 16.00.4236.2.v1\n      licence: licence-included',
      'edition: standard\n      version: 16.00.4236.2.v1\n      licence: bring-your-own-licence',
    );
    text = edit(
      "version: '17.9'\n      licence: open-source",
      "edition: se2\n      version: '17.9'\n      licence: open-source",
      text,
    );
    const found = errors(text);
    expect(found.map((e) => e.path)).toEqual([
      'dataProtection.databases[0].licence',
      'dataProtection.databases[1].edition',
    ]);
    expect(found[0]?.message).toContain('RDS for SQL Server is licence-included only');
  });

  test('SQL Server Express is rejected for production', () => {
    const text = edit('edition: standard', 'edition: express');
    expect(errors(text)[0]?.message).toContain('Express cannot run Multi-AZ');
  });

  test('SQL Server Web runs Multi-AZ in production only from the 2022 build RDS replicates', () => {
    expect(errors(edit('edition: standard', 'edition: web'))).toEqual([]);
    const old = edit(
      'edition: standard\n      version: 16.00.4236.2.v1',
      'edition: web\n      version: 15.00.4460.4.v1',
    );
    expect(lines(old)).toEqual([
      'dataProtection.databases[0].edition: RDS runs SQL Server Web Multi-AZ (block-level replication) only from SQL Server 2022 16.00.4215.2; 15.00.4460.4.v1 is older; production databases are Multi-AZ, so use standard, enterprise',
    ]);
  });

  test('every lifecycle must fit the lock range of its vault', () => {
    const text = edit(
      'central: { minRetentionDays: 7, maxRetentionDays: 400 }',
      'central: { minRetentionDays: 7, maxRetentionDays: 60 }',
    );
    expect(lines(text)).toEqual([
      'dataProtection.tiers[0].copyToBackupAccount.retentionDays: tier gold copy to the backup account keeps recovery points 90 days, ' +
        'outside the central (backup account) vault lock range 7-60 days: AWS Backup would fail every job of this rule',
      'dataProtection.tiers[3].copyToBackupAccount.retentionDays: tier gold-uk copy to the backup account keeps recovery points 90 days, ' +
        'outside the central (backup account) vault lock range 7-60 days: AWS Backup would fail every job of this rule',
    ]);
  });

  test('production vaults use compliance mode', () => {
    const text = edit(
      'production: { mode: compliance, minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 }',
      'production: { mode: governance, minRetentionDays: 7, maxRetentionDays: 400 }',
    );
    expect(errors(text).map((e) => e.path)).toEqual(['dataProtection.vaults.production.mode']);
  });

  test('cold storage needs 90 days more retention; continuous backup keeps at most 35 days', () => {
    let text = edit(
      'retentionDays: 14\n      pointInTimeRecoveryDays: 7',
      'retentionDays: 14\n      moveToColdStorageAfterDays: 7\n      pointInTimeRecoveryDays: 7',
    );
    text = edit('pointInTimeRecoveryDays: 14', 'pointInTimeRecoveryDays: 36', text);
    const paths = errors(text).map((e) => e.path);
    expect(paths).toContain('dataProtection.tiers[2].retentionDays');
    expect(paths).toContain('dataProtection.tiers[1].pointInTimeRecoveryDays');
  });

  test('DR-region copies only where data residency allows, reported once at the DR region', () => {
    const text = edit('dataResidency: uk-and-eea', 'dataResidency: uk-only');
    expect(lines(text)).toEqual([
      'organisation.drRegion: eu-west-1 breaks dataResidency uk-only (allowed: eu-west-2)',
    ]);
  });

  test('all mistakes are reported at once, with lines', () => {
    let text = edit('tier: bronze', 'tier: tin');
    text = edit('instanceClass: db.m6i.xlarge', 'instanceClass: m6i.xlarge', text);
    const found = errors(text);
    expect(found.length).toBeGreaterThanOrEqual(2);
    expect(found.every((e) => e.line > 0)).toBe(true);
  });
});
