import { isMigrating } from '../resolve';
import type { WaveRule } from './rule';

/** A wave may not move more workloads or servers than the team can cut over (retained ones do not count). */
export const waveCapacity: WaveRule = (plan, report) => {
  const capacity = plan.programme?.capacity;
  if (!capacity) {
    return;
  }
  for (const wave of plan.waves) {
    const moving = wave.workloads.filter((w) => isMigrating(w.value));
    const servers = moving.reduce((n, w) => n + w.value.servers.length, 0);
    const at = { file: wave.file, path: ['workloads'] };
    const name = wave.header?.id ?? wave.file;
    if (moving.length > capacity.maxWorkloadsPerWave) {
      report(
        at,
        `${name}: ${moving.length} migrating workloads exceed the wave capacity of ${capacity.maxWorkloadsPerWave} (programme.yaml capacity.maxWorkloadsPerWave)`,
      );
    }
    if (servers > capacity.maxServersPerWave) {
      report(
        at,
        `${name}: ${servers} servers of migrating workloads exceed the wave capacity of ${capacity.maxServersPerWave} (programme.yaml capacity.maxServersPerWave)`,
      );
    }
    const ahead = wave.header?.status === 'planned' || wave.header?.status === 'approved';
    if (
      ahead &&
      moving.length <= capacity.maxWorkloadsPerWave &&
      moving.length > 0.8 * capacity.maxWorkloadsPerWave
    ) {
      report(
        at,
        `${name} moves ${moving.length} workloads, close to programme.yaml capacity.maxWorkloadsPerWave (${capacity.maxWorkloadsPerWave}): little room for a slipped workload`,
        'warning',
      );
    }
  }
};
