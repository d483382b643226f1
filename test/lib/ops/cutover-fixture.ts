import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fourEngineExampleText } from '../../helpers/four-engine-databases';
import { loadConfig } from '../../../lib/config/load';
import { loadWavePlan, type WaveInPlan } from '../../../lib/waves/load';
import type { WaveHeaderConfig, WorkloadConfig } from '../../../lib/waves/schema';

// A wave built from the real wave-05 file, with its first workload renamed to the example
// configuration's `revenues-benefits` so that its RDS database `main` is one the landing zone builds.
// The example with a database of each engine in dataProtection.databases (the example itself keeps
// only the CRM staging copy there; the plan's databases are covered in planned-with-waves.test.ts).
export const CONFIG = join(mkdtempSync(join(tmpdir(), 'lz-ops-')), 'landing-zone.yaml');
writeFileSync(CONFIG, fourEngineExampleText());
export const config = loadConfig(CONFIG);
const plan = loadWavePlan('migration-waves', config);
const wave05 = plan.waves.find((w) => w.wave.id === 'wave-05');
if (wave05 === undefined) throw new Error('migration-waves has no wave-05');
const source = wave05.workloads[0];
if (source === undefined) throw new Error('wave-05 has no workloads');

export const IDENTIFIER = 'kvdc-revenues-benefits-main';

export const readyWorkload: WorkloadConfig = {
  ...source,
  id: 'revenues-benefits',
  environment: 'production',
  databases: [{ name: 'main', engine: 'sqlserver-se', version: '2019', sizeGiB: 200, target: 'rds' }],
  // data-centre-dmz and civic-centre are behind civic-centre-dc; depots behind northgate-depot.
  dependencies: [
    { workload: 'active-directory', type: 'hard', ports: [389], reachableVia: 'data-centre-dmz' },
    { workload: 'street-gazetteer', type: 'soft', ports: [443], reachableVia: 'depots' },
  ],
  access: [{ port: 443, from: ['civic-centre'] }],
  testing: { plan: 'TP-REV-004', signOff: { by: 'Head of Revenues and Benefits', on: '2026-11-20' } },
};

export const approvedHeader: WaveHeaderConfig = {
  ...wave05.wave,
  status: 'approved',
  approval: { by: 'Digital Board', on: '2026-11-16' },
};

const WAVE_FILE = wave05.file;

export function waveOf(
  workloads: readonly WorkloadConfig[],
  header: WaveHeaderConfig = approvedHeader,
): WaveInPlan {
  return { file: WAVE_FILE, wave: header, workloads };
}
