import type { Location } from '../wave-files-view';
import type { WaveRule } from './rule';

/**
 * Ids are keys across the whole plan: workload ids (construct IDs come from them), wave ids, server
 * host names (the MGN user-provided id) and CMDB ids. A wave's id must match its file name.
 */
export const uniqueIds: WaveRule = (plan, report) => {
  const seen = (kind: string): ((key: string, at: Location) => void) => {
    const first = new Map<string, Location>();
    return (key, at) => {
      const previous = first.get(key);
      if (previous) {
        report(at, `duplicate ${kind} "${key}"`, 'error', previous);
      } else {
        first.set(key, at);
      }
    };
  };
  const waveIds = seen('wave id');
  for (const wave of plan.waves) {
    if (!wave.header) {
      continue;
    }
    const at = { file: wave.file, path: ['wave', 'id'] };
    waveIds(wave.header.id, at);
    const base = wave.file.split('/').pop() ?? wave.file;
    if (!base.startsWith(`${wave.header.id}-`)) {
      report(
        at,
        `wave id ${wave.header.id} does not match its file name ${base} (expected ${wave.header.id}-<slug>.yaml)`,
      );
    }
  }
  const workloadIds = seen('workload id');
  const hostnames = seen('server host name');
  const cmdbIds = seen('CMDB id');
  for (const w of plan.workloads) {
    workloadIds(w.value.id, w.at('id'));
    cmdbIds(w.value.cmdbId, w.at('cmdbId'));
    w.value.servers.forEach((s, i) => {
      hostnames(s.hostname, w.at('servers', i, 'hostname'));
      if (s.cmdbId) {
        cmdbIds(s.cmdbId, w.at('servers', i, 'cmdbId'));
      }
    });
    const dbNames = new Set<string>();
    w.value.databases.forEach((d, i) => {
      if (dbNames.has(d.name)) {
        report(w.at('databases', i, 'name'), `duplicate database name "${d.name}" in workload ${w.value.id}`);
      }
      dbNames.add(d.name);
      if (d.cmdbId) {
        cmdbIds(d.cmdbId, w.at('databases', i, 'cmdbId'));
      }
    });
  }
};
