import { fourEngineExampleConfig } from '../../helpers/four-engine-databases';
import {
  evaluateBackupCompliance,
  vaultKey,
  type LiveJob,
  type LiveRecoveryPoint,
  type LiveVault,
  type VaultReading,
} from '../../../lib/ops/backup-compliance';
import { expectedVaults, protectedResources } from '../../../lib/ops/backup-plan';
import { parseSince } from '../../../lib/ops/since';

const NOW = new Date('2026-11-23T08:00:00Z');
// The example with a database of each engine in dataProtection.databases.
const config = fourEngineExampleConfig();
const VAULTS = expectedVaults(config);
const RESOURCES = protectedResources(config);

function minutesAgo(m: number): Date {
  return new Date(NOW.getTime() - m * 60000);
}

function point(
  identifier: string,
  ageMinutes: number,
  extra: Partial<LiveRecoveryPoint> = {},
): LiveRecoveryPoint {
  return {
    arn: `arn:aws:backup:eu-west-2:555555555555:recovery-point:${identifier}-${ageMinutes}`,
    resourceArn: `arn:aws:rds:eu-west-2:555555555555:db:${identifier}`,
    status: 'COMPLETED',
    completed: minutesAgo(ageMinutes),
    continuous: false,
    ...extra,
  };
}

function vault(name: string, overrides: Partial<LiveVault> = {}): LiveVault {
  const expected = VAULTS.find((v) => v.vaultName === name);
  return {
    name,
    exists: true,
    locked: true,
    ...(expected?.lock.mode === 'compliance' ? { lockDate: new Date('2026-11-01T00:00:00Z') } : {}),
    minRetentionDays: expected?.lock.minRetentionDays ?? 0,
    maxRetentionDays: expected?.lock.maxRetentionDays ?? 0,
    recoveryPoints: [],
    ...overrides,
  };
}

/** A fully compliant estate: every database backed up recently and copied to both vaults. */
function healthy(): Map<string, VaultReading> {
  const live = new Map<string, VaultReading>();
  for (const v of VAULTS) {
    const points =
      v.kind === 'workload'
        ? RESOURCES.filter((r) => r.accountName === v.accountName).map((r) => point(r.identifier, 10))
        : RESOURCES.filter((r) => (v.kind === 'central' ? r.centralCopy : r.drCopy) !== undefined).map((r) =>
            point(r.identifier, 120),
          );
    live.set(vaultKey(v), vault(v.vaultName, { recoveryPoints: points }));
  }
  return live;
}

function kinds(live: Map<string, VaultReading>, jobs: LiveJob[] = []): string[] {
  return evaluateBackupCompliance(VAULTS, RESOURCES, live, jobs, NOW).findings.map(
    (f) => `${f.kind} ${f.subject}`,
  );
}

function key(name: string): string {
  const v = VAULTS.find((x) => x.vaultName === name);
  if (v === undefined) throw new Error(`no vault ${name}`);
  return vaultKey(v);
}

describe('backup plan from the example configuration', () => {
  it('expects a vault per workload account, the central vault and the DR-region vault', () => {
    expect(VAULTS.map((v) => `${v.kind} ${v.accountName} ${v.region} ${v.vaultName} ${v.lock.mode}`)).toEqual(
      [
        'workload production eu-west-2 kvdc-production compliance',
        'workload non-production eu-west-2 kvdc-non-production governance',
        'central backup eu-west-2 kvdc-central compliance',
        'dr backup eu-west-1 kvdc-dr compliance',
      ],
    );
  });

  it('protects every planned database; bronze makes no DR copy; copy age allows a schedule gap and both windows', () => {
    expect(
      RESOURCES.map((r) => [r.identifier, r.tier, r.drCopy !== undefined, r.centralCopy?.maxAgeMinutes]),
    ).toEqual([
      ['kvdc-revenues-benefits-main', 'gold', true, 360 + 60 + 180],
      ['kvdc-gis-main', 'silver', true, 1440 + 60 + 240],
      ['kvdc-planning-main', 'silver', true, 1440 + 60 + 240],
      ['kvdc-crm-main', 'bronze', false, 1440 + 60 + 480],
    ]);
  });
});

describe('evaluateBackupCompliance', () => {
  it('reports nothing for a compliant estate', () => {
    expect(kinds(healthy())).toEqual([]);
  });

  it('missing-vault, vault-not-locked, vault-lock-mode and vault-lock-range', () => {
    const live = healthy();
    live.set(key('kvdc-dr'), { name: 'kvdc-dr', exists: false, recoveryPoints: [] });
    live.set(key('kvdc-non-production'), {
      ...(live.get(key('kvdc-non-production')) as LiveVault),
      locked: false,
    });
    live.set(
      key('kvdc-production'),
      vault('kvdc-production', {
        lockDate: undefined,
        recoveryPoints: (live.get(key('kvdc-production')) as LiveVault).recoveryPoints,
      }),
    );
    live.set(
      key('kvdc-central'),
      vault('kvdc-central', {
        minRetentionDays: 1,
        recoveryPoints: (live.get(key('kvdc-central')) as LiveVault).recoveryPoints,
      }),
    );
    expect(kinds(live)).toEqual([
      'vault-lock-mode production/eu-west-2/kvdc-production',
      'vault-not-locked non-production/eu-west-2/kvdc-non-production',
      'vault-lock-range backup/eu-west-2/kvdc-central',
      'missing-vault backup/eu-west-1/kvdc-dr',
    ]);
  });

  it('an air-gapped vault counts as compliance-locked without a lock date', () => {
    const live = healthy();
    const central = live.get(key('kvdc-central')) as LiveVault;
    live.set(key('kvdc-central'), {
      ...central,
      locked: undefined,
      lockDate: undefined,
      vaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
    });
    expect(kinds(live)).toEqual([]);
  });

  it('unprotected when a planned database has no usable recovery point; rpo-breach when the newest is too old', () => {
    const live = healthy();
    const production = live.get(key('kvdc-production')) as LiveVault;
    live.set(key('kvdc-production'), {
      ...production,
      recoveryPoints: [
        point('kvdc-revenues-benefits-main', 30), // RPO 15
        point('kvdc-gis-main', 5, { status: 'EXPIRED' }),
        point('kvdc-gis-main', 5, { status: 'CREATING' }),
        point('kvdc-planning-main', 50),
      ],
    });
    expect(kinds(live)).toEqual(['rpo-breach kvdc-revenues-benefits-main', 'unprotected kvdc-gis-main']);
  });

  it('a continuous recovery point meets the RPO even when the newest snapshot is older', () => {
    const live = healthy();
    const production = live.get(key('kvdc-production')) as LiveVault;
    live.set(key('kvdc-production'), {
      ...production,
      recoveryPoints: [
        ...production.recoveryPoints.filter((p) => !p.resourceArn?.endsWith('revenues-benefits-main')),
        point('kvdc-revenues-benefits-main', 300),
        point('kvdc-revenues-benefits-main', 9000, { continuous: true, status: 'AVAILABLE' }),
      ],
    });
    const result = evaluateBackupCompliance(VAULTS, RESOURCES, live, [], NOW);
    expect(result.findings).toEqual([]);
    expect(result.resources.find((r) => r.identifier === 'kvdc-revenues-benefits-main')?.newest).toBe(
      'continuous',
    );
  });

  it('missing-copy and stale-copy in the backup account and DR-region vaults', () => {
    const live = healthy();
    const central = live.get(key('kvdc-central')) as LiveVault;
    live.set(key('kvdc-central'), {
      ...central,
      recoveryPoints: central.recoveryPoints
        .filter((p) => !p.resourceArn?.endsWith('kvdc-gis-main'))
        .map((p) =>
          p.resourceArn?.endsWith('revenues-benefits-main') ? { ...p, completed: minutesAgo(601) } : p,
        ),
    });
    const dr = live.get(key('kvdc-dr')) as LiveVault;
    live.set(key('kvdc-dr'), {
      ...dr,
      recoveryPoints: dr.recoveryPoints.filter((p) => !p.resourceArn?.endsWith('kvdc-planning-main')),
    });
    expect(kinds(live)).toEqual([
      'stale-copy kvdc-revenues-benefits-main',
      'missing-copy kvdc-gis-main',
      'missing-copy kvdc-planning-main',
    ]);
  });

  it('backup-job-failed and copy-job-failed, attributed to the planned database when the ARN matches', () => {
    const jobs: LiveJob[] = [
      {
        kind: 'backup',
        id: 'job-1',
        state: 'EXPIRED',
        resourceArn: 'arn:aws:rds:eu-west-2:555555555555:db:kvdc-gis-main',
        message: 'start window passed',
      },
      {
        kind: 'copy',
        id: 'copy-1',
        state: 'FAILED',
        resourceArn: 'arn:aws:rds:eu-west-2:555555555555:db:something-else',
        destinationVault: 'arn:aws:backup:eu-west-1:444444444444:backup-vault:kvdc-dr',
      },
    ];
    const result = evaluateBackupCompliance(VAULTS, RESOURCES, healthy(), jobs, NOW);
    expect(result.findings.map((f) => `${f.kind} ${f.subject}`)).toEqual([
      'backup-job-failed kvdc-gis-main',
      'copy-job-failed arn:aws:rds:eu-west-2:555555555555:db:something-else',
    ]);
    expect(result.findings[0]?.message).toBe('backup job job-1 EXPIRED: start window passed');
    expect(result.resources.find((r) => r.identifier === 'kvdc-gis-main')?.failedJobs).toBe(1);
  });

  it('says nothing about vaults it could not read', () => {
    const live = healthy();
    live.delete(key('kvdc-production'));
    live.set(key('kvdc-central'), {
      ...(live.get(key('kvdc-central')) as LiveVault),
      recoveryPoints: [],
      recoveryPointsRead: false,
    });
    const result = evaluateBackupCompliance(VAULTS, RESOURCES, live, [], NOW);
    expect(result.findings).toEqual([]);
    expect(result.vaults.find((v) => v.vault === 'kvdc-production')?.exists).toBeUndefined();
  });
});

describe('parseSince', () => {
  it('reads durations and ISO times, and rejects anything else', () => {
    expect(parseSince('24h', NOW)).toEqual(new Date('2026-11-22T08:00:00Z'));
    expect(parseSince('7d', NOW)).toEqual(new Date('2026-11-16T08:00:00Z'));
    expect(parseSince('90m', NOW)).toEqual(new Date('2026-11-23T06:30:00Z'));
    expect(parseSince('2026-11-20T00:00:00Z', NOW)).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(parseSince('0h', NOW)).toEqual({ error: expect.stringContaining('positive') as unknown });
    expect(parseSince('yesterday', NOW)).toEqual({
      error: expect.stringContaining('"yesterday"') as unknown,
    });
    expect(parseSince('2027-01-01', NOW)).toEqual({
      error: expect.stringContaining('past ISO 8601') as unknown,
    });
  });
});
