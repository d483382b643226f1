import { plannedRdsDatabases } from '../../../lib/waves/migration-plan';
import { exampleConfig } from '../../helpers/landing-zone';
import { examplePlan } from '../../helpers/waves';

describe('the resolved migration plan', () => {
  const plan = examplePlan();

  test('lists every workload once, in wave order, with its wave and file', () => {
    const written = plan.waves.flatMap((w) => w.workloads.map((workload) => `${w.wave.id}/${workload.id}`));
    expect(plan.workloads.map((w) => `${w.wave.id}/${w.workload.id}`)).toEqual(written);
    expect(plan.byId.size).toBe(written.length);
    for (const w of plan.workloads) {
      expect(w.file).toMatch(new RegExp(`${w.wave.id}-[a-z0-9-]+\\.yaml$`));
    }
  });

  test('every workload the landing zone builds has its account, VPC, backup tier and isolated tier', () => {
    const built = plan.workloads.filter((w) => w.builds);
    expect(built.length).toBeGreaterThan(0);
    for (const w of built) {
      expect(w.account?.name).toBe(w.workload.target?.account);
      expect(w.vpc?.name).toBe(w.workload.target?.vpc);
      expect(w.production).toBe(w.account?.role === 'production');
      expect(w.backupTier?.name).toEqual(expect.any(String));
      expect(w.isolatedTier).toEqual(expect.any(String));
    }
  });

  test('a workload’s databases carry its backup tier; the plan lists the configuration’s, then the waves’', () => {
    for (const w of plan.workloads) {
      for (const db of w.databases) {
        expect(db).toMatchObject({
          source: 'wave',
          workload: w.workload.id,
          wave: w.wave.id,
          tier: w.backupTier?.name,
        });
      }
    }
    const fromWaves = plan.workloads.flatMap((w) => w.databases);
    const fromConfig = plannedRdsDatabases(exampleConfig());
    expect(plan.databases).toEqual([...fromConfig, ...fromWaves]);
    expect(plannedRdsDatabases(exampleConfig(), plan)).toEqual(plan.databases);
  });

  test('dependencies point at the resolved workloads they name', () => {
    const withDependencies = plan.workloads.filter((w) => w.dependencies.length > 0);
    expect(withDependencies.length).toBeGreaterThan(0);
    for (const w of withDependencies) {
      for (const d of w.dependencies) {
        expect(d.workload).toBe(plan.byId.get(d.config.workload));
      }
      expect(w.dependencies.map((d) => d.config)).toEqual(
        w.workload.dependencies.filter((d) => plan.byId.has(d.workload)),
      );
    }
  });
});
