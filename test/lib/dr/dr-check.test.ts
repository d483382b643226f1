import { testApp } from '../../helpers/cdk-app';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { fourEngineExampleConfig } from '../../helpers/four-engine-databases';
import type { LandingZoneConfig } from '../../../lib/config/schema';
import type { DrReport } from '../../../lib/dr/assess';
import { checkAssembly } from '../../../lib/dr/check';
import { readAssembly } from '../../../lib/assembly/read';
import { synthWithProvenance } from '../../helpers/landing-zone';
import { formatReport } from '../../../lib/dr/report';
import { buildLandingZone } from '../../../stacks/landing-zone';

// The example with a database of each engine in dataProtection.databases (no migration plan).
const example = fourEngineExampleConfig();
const outdirs: string[] = [];

afterAll(() => {
  for (const dir of outdirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

function synthAndCheck(mutate: (config: LandingZoneConfig) => void = () => undefined): DrReport {
  const config = structuredClone(example);
  mutate(config);
  const outdir = mkdtempSync(join(tmpdir(), 'dr-check-'));
  outdirs.push(outdir);
  const app = testApp({ outdir });
  buildLandingZone(app, config);
  app.synth();
  return checkAssembly(readAssembly(outdir));
}

// The unchanged example, synthesised once for the tests that only read it.
let exampleReport: DrReport | undefined;
function exampleCheck(): DrReport {
  exampleReport ??= synthAndCheck();
  return exampleReport;
}

function tier(
  config: LandingZoneConfig,
  name: string,
): NonNullable<LandingZoneConfig['dataProtection']>['tiers'][number] {
  const found = config.dataProtection?.tiers.find((t) => t.name === name);
  if (!found) {
    throw new Error(`no tier ${name}`);
  }
  return found;
}

function breaches(report: DrReport): string[] {
  return report.workloads.flatMap((w) =>
    w.assessments.filter((a) => a.status === 'breach').map((a) => `${w.workload}:${a.disruption}`),
  );
}

describe('DR posture check over synthesised templates', () => {
  test('the example configuration meets every target', () => {
    const report = exampleCheck();
    expect(report.workloads.map((w) => w.workload)).toEqual(['crm', 'gis', 'planning', 'revenues-benefits']);
    expect(breaches(report)).toEqual([]);
    expect(report.breaches).toBe(0);
  });

  test('reports each disruption with its reasoning', () => {
    const report = exampleCheck();
    const revenues = report.workloads.find((w) => w.workload === 'revenues-benefits');
    expect(revenues?.assessments.map((a) => [a.disruption, a.rpoMinutes, a.status])).toEqual([
      ['az-loss', 0, 'met'],
      ['logical-corruption', 5, 'met'],
      ['region-loss', 660, 'met'],
    ]);
    const crm = report.workloads.find((w) => w.workload === 'crm');
    const region = crm?.assessments.find((a) => a.disruption === 'region-loss');
    expect(region?.status).toBe('no-target');
    expect(region?.reasoning).toContain(
      'region RPO unbounded: no copy outside eu-west-2 for database kvdc-crm-main',
    );
  });

  test('a weakened schedule breaches, naming the workload and the disruption', () => {
    const report = synthAndCheck((config) => {
      tier(config, 'bronze').schedule = 'cron(0 2 ? * SUN *)';
    });
    expect(breaches(report)).toEqual(['crm:logical-corruption']);
    const text = formatReport(report, 'cdk.out');
    expect(text).toContain('crm (kvdc-crm-main): logical corruption or ransomware');
    expect(text).toMatch(/RPO \d+ min exceeds the target of 2880 min/);
  });

  test('a removed DR-region copy rule breaches region loss for the workloads of that tier', () => {
    const report = synthAndCheck((config) => {
      delete tier(config, 'gold').copyToDrRegion;
    });
    expect(breaches(report)).toEqual(['revenues-benefits:region-loss']);
    const revenues = report.workloads.find((w) => w.workload === 'revenues-benefits');
    const region = revenues?.assessments.find((a) => a.disruption === 'region-loss');
    expect(region?.rpoMinutes).toBeNull();
    expect(region?.reasoning[0]).toBe(
      'region RPO unbounded: no copy outside eu-west-2 for database kvdc-revenues-benefits-main',
    );
  });

  test('losing continuous backup on gold breaches the logical-corruption RPO', () => {
    const report = synthAndCheck((config) => {
      tier(config, 'gold').continuousBackup = false;
    });
    expect(breaches(report)).toEqual(['revenues-benefits:logical-corruption']);
  });
});

describe('lz dr-check', () => {
  function run(args: string[]): { status: number | null; stdout: string } {
    const result = spawnSync(
      join('node_modules', '.bin', 'ts-node'),
      ['--swc', 'bin/lz.ts', 'dr-check', ...args],
      {
        encoding: 'utf8',
      },
    );
    return { status: result.status, stdout: result.stdout };
  }

  test('exits 0 with a JSON report when every target is met, 1 on a breach, 2 without an assembly', async () => {
    const good = join(mkdtempSync(join(tmpdir(), 'dr-cli-')), 'cdk.out');
    outdirs.push(good);
    await synthWithProvenance(good, example);
    const ok = run(['--json', '--assembly', good]);
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as DrReport).breaches).toBe(0);

    const bad = join(mkdtempSync(join(tmpdir(), 'dr-cli-')), 'cdk.out');
    outdirs.push(bad);
    const config = structuredClone(example);
    delete tier(config, 'silver').copyToDrRegion;
    await synthWithProvenance(bad, config);
    const breach = run(['--assembly', bad]);
    expect(breach.status).toBe(1);
    expect(breach.stdout).toContain('gis (kvdc-gis-main): region loss');
    expect(breach.stdout).toContain('planning (kvdc-planning-main): region loss');

    expect(run(['--assembly', join(good, 'missing')]).status).toBe(2);
  });
});
