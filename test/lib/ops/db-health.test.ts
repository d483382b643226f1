import { databaseInstanceIdentifier } from '../../../lib/names';
import { evaluateDbHealth, plannedDatabases, type LiveDatabase } from '../../../lib/ops/db-health';
import { committedEndOfSupport } from '../../../lib/lifecycle/load';

const NOW = new Date('2026-11-23T08:00:00Z');
const PLANNED = plannedDatabases('kvdc', [
  { workload: 'gis', name: 'main', account: 'production', version: '17.9', recovery: { rpoMinutes: 60 } },
  {
    workload: 'crm',
    name: 'main',
    account: 'non-production',
    version: '8.4.8',
    recovery: { rpoMinutes: 2880 },
  },
]);

function live(identifier: string, overrides: Partial<LiveDatabase> = {}): LiveDatabase {
  return {
    identifier,
    arn: `arn:aws:rds:eu-west-2:444444444444:db:${identifier}`,
    status: 'available',
    engine: 'postgres',
    engineVersion: '17.9',
    multiAz: true,
    storageEncrypted: true,
    deletionProtection: true,
    backupRetentionDays: 35,
    latestRestorableTime: new Date('2026-11-23T07:55:00Z'),
    pendingMaintenance: [],
    ...overrides,
  };
}

function kinds(result: ReturnType<typeof evaluateDbHealth>): string[] {
  return result.findings.map((f) => `${f.kind} ${f.subject}`);
}

describe('evaluateDbHealth', () => {
  it('uses the identifier the CouncilDatabase construct derives', () => {
    expect(PLANNED[0]?.identifier).toBe(databaseInstanceIdentifier('kvdc', 'gis', 'main'));
    expect(PLANNED[0]?.identifier).toBe('kvdc-gis-main');
  });

  it('filters the plan by account', () => {
    expect(
      plannedDatabases(
        'kvdc',
        [
          { workload: 'gis', name: 'main', account: 'production', version: '1', recovery: { rpoMinutes: 1 } },
          {
            workload: 'crm',
            name: 'main',
            account: 'non-production',
            version: '1',
            recovery: { rpoMinutes: 1 },
          },
        ],
        'non-production',
      ).map((d) => d.identifier),
    ).toEqual(['kvdc-crm-main']);
  });

  it('is healthy when every planned database matches, and reports pending maintenance without failing', () => {
    const result = evaluateDbHealth(
      PLANNED.slice(0, 1),
      [live('kvdc-gis-main', { pendingMaintenance: ['system-update (applied after 2026-12-01)'] })],
      NOW,
    );
    expect(result.findings).toEqual([]);
    expect(result.rows[0]).toMatchObject({ exists: true, restoreLagMinutes: 5, rpoMinutes: 60 });
    expect(result.rows[0]?.pendingMaintenance).toEqual(['system-update (applied after 2026-12-01)']);
  });

  it('flags a missing database', () => {
    const result = evaluateDbHealth(PLANNED, [live('kvdc-gis-main')], NOW);
    expect(kinds(result)).toEqual(['missing-database kvdc-crm-main']);
    expect(result.findings[0]?.message).toContain('planned for account non-production');
  });

  it.each([
    ['status', { status: 'storage-full' }, 'status is storage-full'],
    ['engine-version', { engineVersion: '17.6' }, 'engine version 17.6 differs from the planned 17.9'],
    ['not-encrypted', { storageEncrypted: false }, 'storage is not encrypted'],
    ['no-deletion-protection', { deletionProtection: false }, 'deletion protection is off'],
    [
      'rpo-breach',
      { latestRestorableTime: new Date('2026-11-23T06:30:00Z') },
      'latest restorable time is 90 minutes old, more than the 60-minute RPO',
    ],
    ['no-restorable-time', { latestRestorableTime: undefined }, 'RDS reports no latest restorable time yet'],
  ] as const)('flags %s', (kind, overrides, message) => {
    const db = { ...live('kvdc-gis-main'), ...overrides } as LiveDatabase;
    const result = evaluateDbHealth(PLANNED.slice(0, 1), [db], NOW);
    expect(result.findings).toEqual([{ kind, subject: 'kvdc-gis-main', message }]);
  });

  it('flags automated backups that are off (identifiers compare without case)', () => {
    const { latestRestorableTime, ...db } = live('KVDC-GIS-MAIN', { backupRetentionDays: 0 });
    expect(latestRestorableTime).toBeDefined();
    const result = evaluateDbHealth(PLANNED.slice(0, 1), [db], NOW);
    expect(kinds(result)).toEqual(['backups-disabled kvdc-gis-main']);
  });
});

describe('engine versions against the end-of-support table (the plan rule reads the same table)', () => {
  const support = { table: committedEndOfSupport(), warnWithinMonths: 12 };
  // June 2026: PostgreSQL 13 is out of support (November 2025), 14 ends in November 2026.
  const WHEN = new Date('2026-06-01T08:00:00Z');
  const planned = plannedDatabases('kvdc', [
    {
      workload: 'gis',
      name: 'old',
      account: 'production',
      version: '13.20',
      recovery: { rpoMinutes: 60 },
      engine: 'postgres',
    },
    {
      workload: 'gis',
      name: 'soon',
      account: 'production',
      version: '14.17',
      recovery: { rpoMinutes: 60 },
      engine: 'postgres',
    },
    {
      workload: 'gis',
      name: 'new',
      account: 'production',
      version: '17.9',
      recovery: { rpoMinutes: 60 },
      engine: 'postgres',
    },
  ]);
  const running = [
    live('kvdc-gis-old', { engineVersion: '13.20' }),
    live('kvdc-gis-soon', { engineVersion: '14.17' }),
    live('kvdc-gis-new', { engineVersion: '17.9' }),
  ];

  it('reports a version past RDS standard support, and one whose support ends within the horizon', () => {
    const result = evaluateDbHealth(planned, running, WHEN, support);
    expect(kinds(result)).toEqual(['support-ended kvdc-gis-old', 'support-ending kvdc-gis-soon']);
    expect(result.findings[0]?.message).toMatch(
      /^PostgreSQL 13 \(running 13\.20\) has been out of vendor support since 2025-11-13 \(https:\/\/www\.postgresql\.org\/support\/versioning\/\): upgrade it$/,
    );
    expect(result.findings[1]?.message).toMatch(
      /loses vendor support on 2026-11-12|loses RDS standard support on 2027-02-28/,
    );
  });

  it('judges nothing without the table, and nothing beyond a shorter horizon', () => {
    expect(kinds(evaluateDbHealth(planned, running, WHEN))).toEqual([]);
    expect(kinds(evaluateDbHealth(planned, running, WHEN, { ...support, warnWithinMonths: 1 }))).toEqual([
      'support-ended kvdc-gis-old',
    ]);
  });
});
