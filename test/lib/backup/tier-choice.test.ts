import { chooseBackupTier, tierRpoMinutes } from '../../../lib/backup/tier-choice';
import { plannedDatabases } from '../../../lib/ops/db-health';
import { exampleConfig } from '../../helpers/landing-zone';
import { examplePlan } from '../../helpers/waves';

const config = exampleConfig();
const dp = config.dataProtection;
const tier = (name: string) => {
  const found = dp?.tiers.find((t) => t.name === name);
  if (!found || !dp) {
    throw new Error(`no tier ${name}`);
  }
  return found;
};

describe('backup tier choice', () => {
  it('achievable RPO per tier and vault lock, with the DR check arithmetic', () => {
    if (!dp) {
      throw new Error('no dataProtection');
    }
    // Continuous backup in a compliance-locked vault: the 5-minute PITR gap.
    expect(tierRpoMinutes(tier('silver'), dp.vaults.production)).toBe(5);
    // Governance lock: only the backup-account copy counts, 6 h gap + 180 + 60 DST + 60 copy.
    expect(tierRpoMinutes(tier('gold'), dp.vaults.nonProduction)).toBe(660);
    // No continuous backup: daily snapshots, 1440 + 480 + 60.
    expect(tierRpoMinutes(tier('bronze'), dp.vaults.production)).toBe(1980);
  });

  it('the cheapest qualifying tier, DR copy as declared, or the reason none qualifies', () => {
    const pick = (rpoMinutes: number, production: boolean, drRegionCopy: boolean) => {
      const choice = chooseBackupTier(config, { rpoMinutes, production, drRegionCopy });
      return choice.ok ? choice.tier.name : choice.reason;
    };
    expect(pick(15, true, true)).toBe('silver');
    expect(pick(15, true, false)).toBe('gold-uk');
    expect(pick(2880, true, false)).toBe('bronze');
    expect(pick(1440, false, true)).toBe('gold');
    expect(pick(60, false, true)).toMatch(
      /^no backup tier that copies to the DR region meets an RPO of 60 minutes/,
    );
  });
});

describe('planned databases for lz ops db-health', () => {
  it('with the plan: the CRM staging copy and every RDS database of the migrating workloads', () => {
    const plan = examplePlan();
    const all = plannedDatabases(config, plan);
    const rdsInPlan = plan.workloads.flatMap((w) => w.workload.databases.filter((d) => d.target === 'rds'));
    expect(rdsInPlan.length).toBeGreaterThan(10);
    expect(all).toHaveLength(1 + rdsInPlan.length);
    expect(all[0]?.identifier).toBe('kvdc-crm-main');
    expect(all.map((d) => d.identifier)).toContain('kvdc-revs-bens-nec-revenues');
    expect(all.find((d) => d.identifier === 'kvdc-revs-bens-nec-revenues')).toMatchObject({
      account: 'production',
      version: '16.00.4236.2.v1',
      rpoMinutes: 15,
    });
    expect(plannedDatabases(config, undefined).map((d) => d.identifier)).toEqual(['kvdc-crm-main']);
    expect(
      plannedDatabases(config, examplePlan(), 'non-production')
        .map((d) => d.identifier)
        .sort(),
    ).toEqual([
      'kvdc-crm-main',
      'kvdc-gis-arcgis-test-gis-sde',
      'kvdc-revs-bens-training-revenues-training',
      'kvdc-revs-bens-uat-revenues-uat',
    ]);
  });
});
