import { loadConfig } from '../../../lib/config/load';
import { plannedRdsDatabases } from '../../../lib/waves/migration-plan';
import { protectedResources } from '../../../lib/ops/backup-plan';
import { workloadNeeds } from '../../../lib/ops/cutover-plan';
import { drillTarget } from '../../../lib/ops/restore-drill-plan';
import { examplePlan } from '../../helpers/waves';

// The operations commands check the databases the CDK app builds: with the plan, the migrating
// workloads' RDS databases as well as dataProtection.databases.
const config = loadConfig('config/landing-zone.yaml');
const plan = examplePlan();
const waveDbs = plannedRdsDatabases(config, plan).filter((db) => db.source === 'wave');

describe('the operations commands see the wave databases given the plan', () => {
  it('the example plan has wave RDS databases to check', () => {
    expect(waveDbs.length).toBeGreaterThan(0);
  });

  it('backup compliance protects every wave database, with its tier and recovery targets', () => {
    const without = protectedResources(config).map((r) => r.identifier);
    const withPlan = protectedResources(config, plan);
    for (const db of waveDbs) {
      expect(without).not.toContain(db.identifier);
      const resource = withPlan.find((r) => r.identifier === db.identifier);
      expect(resource).toMatchObject({
        workload: db.workload,
        name: db.name,
        tier: db.tier,
        rpoMinutes: db.rpoMinutes,
        rtoMinutes: db.rtoMinutes,
        accountName: db.account,
      });
    }
  });

  it('the restore drill can target a wave database only when given the plan', () => {
    const db = waveDbs[0];
    if (db === undefined) throw new Error('no wave database');
    const ref = `${db.workload}/${db.name}`;
    expect(drillTarget(config, ref)).toHaveProperty('error');
    expect(drillTarget(config, ref, plan)).toMatchObject({
      identifier: db.identifier,
      rtoMinutes: db.rtoMinutes,
    });
  });

  it('cutover readiness finds the databases the target of a wave workload builds', () => {
    const db = waveDbs[0];
    const placed = plan.waves.find((w) => w.workloads.some((wl) => wl.id === db?.workload));
    const workload = placed?.workloads.find((wl) => wl.id === db?.workload);
    if (db === undefined || placed === undefined || workload === undefined) throw new Error('no workload');
    const offlineDb = (n: ReturnType<typeof workloadNeeds>) =>
      n.offline.filter((r) => r.check === 'database');
    expect(offlineDb(workloadNeeds(config, placed.wave, workload)).length).toBeGreaterThan(0);
    const needs = workloadNeeds(config, placed.wave, workload, plan);
    expect(offlineDb(needs)).toEqual([]);
    expect(needs.databases.map((d) => d.identifier)).toContain(db.identifier);
  });
});
