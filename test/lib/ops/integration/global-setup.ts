import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../../lib/config/load';
import {
  seedDatabases,
  seedFillerInstances,
  seedRoleAccounts,
  seedSingleAccountEstate,
  seedVpns,
} from '../../../../scripts/seed-moto/estate';
import { fourEngineExampleText } from '../../../helpers/four-engine-databases';
import { motoLogTail, startMoto, type Moto } from '../../../helpers/moto';
import { DRILL_REGION, PAGINATION_REGION, ROLE, STATE_VARIABLE, type MotoState } from './state';

/**
 * Once per run of the ops-integration project: moto_server on a port it chose, seeded with the
 * single-account estate (every check clean) and, through the operations role, the per-account one.
 * The state goes to a file the test workers find through an environment variable.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lz-ops-it-'));
  const config = join(dir, 'landing-zone.yaml');
  writeFileSync(config, fourEngineExampleText());
  const started = Date.now();
  const moto = await startMoto(dir);
  (globalThis as { lzMoto?: Moto }).lzMoto = moto;
  try {
    const parsed = loadConfig(config);
    await seedSingleAccountEstate(moto.endpoint, parsed, undefined, { fillers: false });
    await seedDatabases(moto.endpoint, parsed, DRILL_REGION);
    await seedFillerInstances(moto.endpoint, PAGINATION_REGION);
    await seedDatabases(moto.endpoint, parsed, PAGINATION_REGION);
    await seedVpns(moto.endpoint, parsed, PAGINATION_REGION);
    await seedRoleAccounts(moto.endpoint, parsed, ROLE);
  } catch (error) {
    await moto.stop();
    throw new Error(
      `seeding moto_server failed: ${String(error)}\nmoto output:\n${motoLogTail(moto.logFile)}`,
      { cause: error },
    );
  }
  const state: MotoState = { endpoint: moto.endpoint, pid: moto.pid, logFile: moto.logFile, config, dir };
  const file = join(dir, 'state.json');
  writeFileSync(file, JSON.stringify(state));
  process.env[STATE_VARIABLE] = file;
  process.stderr.write(
    `\nmoto_server ${moto.endpoint} (pid ${moto.pid}) started and seeded in ${Date.now() - started} ms\n`,
  );
}
