import type { Reason, WorkloadNeeds } from './cutover-plan';
import type { Finding } from './report';
import type { PlannedDevice, VpnEvaluation } from './vpn-status';

/**
 * A workload's or a wave's decision. `not-read`: no no-go reason was found, but something the verdict
 * depends on could not be read, so neither GO nor NO-GO can be said.
 */
export type Verdict = 'go' | 'go-with-warnings' | 'no-go' | 'not-read';

/**
 * The exit code of `lz ops cutover-readiness`, on the one table every command shares: 0 GO (everything
 * read, nothing to accept); 1 the check ran and found something: NO-GO, or GO with warnings someone
 * must accept; 2 something could not be read (the verdict is NOT READ, or NO-GO when a no-go reason
 * was found in what was read). A NO-GO never exits 0.
 */
export function verdictExitCode(verdict: Verdict, failedCalls: number): 0 | 1 | 2 {
  if (failedCalls > 0 || verdict === 'not-read') return 2;
  return verdict === 'go' ? 0 : 1;
}

/** One site's VPN as a workload experiences it. */
export interface SiteState {
  /** up: every tunnel usable; degraded: at least one usable, redundancy lost; down: none usable. */
  readonly state: 'up' | 'degraded' | 'down' | 'unread';
  readonly detail: string;
}

/** A live check's result: its findings by subject, and the subjects it could not read. */
export interface LiveCheck {
  readonly findings: readonly Finding[];
  /** Subjects (database identifiers) a failed call left unchecked. */
  readonly unread: ReadonlySet<string>;
}

export interface WorkloadVerdict {
  readonly workload: string;
  readonly verdict: Verdict;
  readonly databases: readonly string[];
  readonly sites: readonly { site: string; need: 'hard' | 'soft'; state: SiteState['state'] }[];
  readonly reasons: readonly Reason[];
}

/**
 * db-health findings that make a database unfit to cut over to; the rest (and a pending maintenance
 * action, which could restart it during the cutover) are warnings.
 */
const DB_NO_GO = new Set(['missing-database', 'status', 'not-encrypted', 'backups-disabled']);
/** backup-compliance findings that mean the database is not protected now; copies are warnings. */
const BACKUP_NO_GO = new Set(['unprotected', 'rpo-breach', 'missing-vault']);

/**
 * Each configured site's VPN state from the vpn-status evaluation: a tunnel is usable when it is UP,
 * its connection is available and, with BGP, it has accepted routes.
 */
export function siteStates(
  devices: readonly PlannedDevice[],
  vpn: VpnEvaluation | undefined,
): Map<string, SiteState> {
  const states = new Map<string, SiteState>();
  for (const site of [...new Set(devices.map((d) => d.site))]) {
    if (vpn === undefined) {
      states.set(site, { state: 'unread', detail: 'the VPN connections could not be read' });
      continue;
    }
    const siteDevices = devices.filter((d) => d.site === site);
    const rows = vpn.rows.filter((r) => r.site === site);
    const unavailable = new Set(
      vpn.findings.filter((f) => f.kind === 'connection-not-available').map((f) => f.subject),
    );
    const usable = rows.filter((r) => {
      const device = siteDevices.find((d) => d.device === r.device);
      if (device === undefined || r.status !== 'UP' || unavailable.has(`${site}/${r.device}`)) return false;
      return device.routing === 'static' || (r.acceptedRoutes ?? 0) > 0;
    });
    const problems = vpn.findings
      .filter((f) => siteDevices.some((d) => f.subject === `${site}/${d.device}`))
      .map((f) => `${f.subject}: ${f.message}`);
    // A device not found while a region could not be read may be up there: unknown, not down.
    if (usable.length === 0 && rows.some((r) => r.status === 'NOT READ')) {
      states.set(site, { state: 'unread', detail: 'a region of the VPN connections could not be read' });
    } else if (usable.length === 0) {
      states.set(site, {
        state: 'down',
        detail: problems.length > 0 ? problems.join('; ') : 'no usable tunnel',
      });
    } else if (problems.length > 0) {
      states.set(site, {
        state: 'degraded',
        detail: `${usable.length} usable tunnel(s); ${problems.join('; ')}`,
      });
    } else {
      states.set(site, { state: 'up', detail: `${usable.length} usable tunnel(s)` });
    }
  }
  return states;
}

/**
 * The go/no-go of one workload from its offline reasons and the live checks. Something that could
 * not be read is a no-go: a cutover needs evidence, not the absence of bad news.
 */
export function workloadVerdict(
  needs: WorkloadNeeds,
  db: LiveCheck,
  backup: LiveCheck,
  sites: ReadonlyMap<string, SiteState>,
): WorkloadVerdict {
  const reasons: Reason[] = [...needs.offline];
  for (const planned of needs.databases) {
    const id = planned.identifier;
    if (db.unread.has(id)) {
      reasons.push({
        severity: 'unread',
        check: 'unread',
        message: `${id}: database health could not be read in full`,
      });
    }
    for (const f of db.findings.filter((x) => x.subject === id)) {
      reasons.push({
        severity: DB_NO_GO.has(f.kind) ? 'no-go' : 'warning',
        check: 'database',
        message: `${id}: ${f.message} [${f.kind}]`,
      });
    }
    if (backup.unread.has(id)) {
      reasons.push({ severity: 'unread', check: 'unread', message: `${id}: backups could not be read` });
    }
    for (const f of backup.findings.filter((x) => x.subject === id)) {
      reasons.push({
        severity: BACKUP_NO_GO.has(f.kind) ? 'no-go' : 'warning',
        check: 'backup',
        message: `${id}: ${f.message} [${f.kind}]`,
      });
    }
  }
  const siteRows: WorkloadVerdict['sites'][number][] = [];
  for (const need of needs.sites) {
    const state = sites.get(need.site) ?? { state: 'unread' as const, detail: 'not a configured site' };
    siteRows.push({ site: need.site, need: need.need, state: state.state });
    if (state.state === 'up') continue;
    const severity =
      state.state === 'unread'
        ? 'unread'
        : state.state === 'degraded' || need.need === 'soft'
          ? 'warning'
          : 'no-go';
    reasons.push({
      severity,
      check: state.state === 'unread' ? 'unread' : 'vpn',
      message: `site ${need.site} (${need.need}, ${need.because}) is ${state.state}: ${state.detail}`,
    });
  }
  const verdict: Verdict = reasons.some((r) => r.severity === 'no-go')
    ? 'no-go'
    : reasons.some((r) => r.severity === 'unread')
      ? 'not-read'
      : reasons.length > 0
        ? 'go-with-warnings'
        : 'go';
  return {
    workload: needs.workload,
    verdict,
    databases: needs.databases.map((d) => d.identifier),
    sites: siteRows,
    reasons,
  };
}

/** The wave's verdict is its worst workload's: NO-GO, then NOT READ, then GO with warnings. */
export function waveVerdict(workloads: readonly WorkloadVerdict[]): Verdict {
  for (const verdict of ['no-go', 'not-read', 'go-with-warnings'] as const) {
    if (workloads.some((w) => w.verdict === verdict)) return verdict;
  }
  return 'go';
}
