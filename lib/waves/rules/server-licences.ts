import { isCutOver } from '../resolve';
import type { WaveRule } from './rule';

/**
 * The operating-system licence MGN launches a server with (the launch templates' licensing): bring
 * your own licence is for Linux subscriptions that move (Red Hat Cloud Access); Windows Server BYOL
 * is allowed only on Dedicated Hosts, which the council's launch templates do not use, so a Windows
 * server must be licence-included.
 */
export const serverLicences: WaveRule = (plan, report) => {
  for (const w of plan.workloads) {
    if (!w.target.builds || isCutOver(w.value)) {
      continue;
    }
    const replicated = new Set(w.target.replicatedServers);
    w.value.servers.forEach((server, i) => {
      if (replicated.has(server) && server.osLicence === 'byol' && server.platform === 'windows') {
        report(
          w.at('servers', i, 'osLicence'),
          `Windows Server licences can be brought to AWS only on Dedicated Hosts, which the launch templates do not use: ${server.hostname} launches licence-included (remove osLicence: byol)`,
        );
      }
    });
  }
};
