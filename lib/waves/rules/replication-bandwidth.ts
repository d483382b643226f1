import { isCutOver } from '../resolve';
import { formatLocal } from '../time';
import type { WaveRule } from './rule';
import { unknownName } from '../../config/unknown-name';

/** Endpoints the MGN replication servers need in an isolated subnet, which has no other way out. */
export const MGN_STAGING_ENDPOINTS = ['mgn', 'ec2', 's3'] as const;

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toFixed(1));

/**
 * What server replication (AWS MGN) and database transfer need from a workload's site and target,
 * and whether each site's VPN can carry its waves in time (lib/waves/replication.ts): a site named,
 * known and with a declared bandwidth; an isolated tier with the endpoints the replication servers
 * use; and every server's disks and every database sent, at the throttle the site's share allows,
 * before its cutover window opens.
 */
export const replicationBandwidth: WaveRule = (plan, report) => {
  const lz = plan.landingZone;
  const sites = lz.connectivity?.sites ?? [];
  const zone = plan.programme?.programme.timeZone ?? 'Europe/London';
  // A VPC's missing staging tier or endpoints is reported once, at the first workload that needs them.
  const vpcsReported = new Set<string>();
  for (const w of plan.workloads) {
    const v = w.value;
    const t = w.target;
    if (!t.builds || isCutOver(v)) {
      continue;
    }
    const servers = t.replicatedServers.length;
    const databases = t.rdsDatabases.length;
    if (servers + databases === 0) {
      continue;
    }
    const what = [servers > 0 ? `${servers} server(s)` : '', databases > 0 ? `${databases} database(s)` : '']
      .filter(Boolean)
      .join(' and ');
    if (v.site === undefined) {
      report(
        w.at('id'),
        `${v.id} has ${what} to move but names no site: set site to the council site (connectivity.sites) they are at, so their transfer is planned on its VPN`,
      );
    } else if (t.site === undefined) {
      report(
        w.at('site'),
        lz.connectivity === undefined
          ? `unknown site "${v.site}": config/landing-zone.yaml has no connectivity section, so nothing reaches a council site over a VPN`
          : unknownName(
              'site',
              v.site,
              sites.map((s) => s.name),
              `connectivity.sites: ${sites.map((s) => s.name).join(', ') || 'none'}`,
            ),
      );
    } else if (t.site.bandwidthMbps === undefined) {
      const index = sites.indexOf(t.site);
      report(
        w.at('site'),
        `site ${t.site.name} declares no bandwidthMbps (config/landing-zone.yaml connectivity.sites[${index}]), so the rate its VPN gives replication cannot be planned`,
      );
    }
    if (servers > 0 && t.vpc && !vpcsReported.has(t.vpc.name)) {
      vpcsReported.add(t.vpc.name);
      const missing = MGN_STAGING_ENDPOINTS.filter((e) => !t.vpc?.endpoints.includes(e));
      if (t.isolatedTier === undefined) {
        report(
          w.at('target', 'vpc'),
          `VPC ${t.vpc.name} has no isolated tier for the MGN staging area (replication servers)`,
        );
      } else if (missing.length > 0) {
        report(
          w.at('target', 'vpc'),
          `VPC ${t.vpc.name} has no ${missing.join(', ')} endpoint: the MGN replication servers in its isolated tier reach MGN, EC2 and S3 only through endpoints (add them to its endpoints in config/landing-zone.yaml)`,
        );
      }
    }
  }

  for (const group of plan.replication) {
    const slow = group.slowest;
    if (!slow || slow.hoursNeeded <= slow.hoursAvailable || group.throttleMbps === undefined) {
      continue;
    }
    const placed = plan.byId.get(slow.stream.workload.id);
    if (!placed) {
      continue;
    }
    const at =
      slow.stream.kind === 'server'
        ? placed.at(
            'servers',
            placed.value.servers.findIndex((s) => s === slow.stream.server),
            'diskGiB',
          )
        : placed.at(
            'databases',
            placed.value.databases.findIndex((d) => d === slow.stream.database),
            'sizeGiB',
          );
    const share = group.shareMbps ?? 0;
    const percent = plan.programme?.replication.bandwidthSharePercent ?? 50;
    report(
      at,
      `${group.site.name} cannot send ${slow.stream.name} (${fmt(slow.stream.gib)} GiB) before ${slow.stream.workload.id} cuts over in ${group.wave.id}: ${group.peakStreams} transfers share ${fmt(share)} Mbps (${percent}% of the site's ${fmt(group.site.bandwidthMbps ?? 0)} Mbps) at the busiest time, ${group.throttleMbps} Mbps each, so it needs ${fmt(slow.hoursNeeded)} h, but from the wave's start to its cutover window (${formatLocal(slow.stream.end, zone)}) there are ${fmt(slow.hoursAvailable)} h; start the wave earlier, move workloads from ${group.site.name} to another wave, or raise the site's bandwidth or replication share`,
    );
  }
};
