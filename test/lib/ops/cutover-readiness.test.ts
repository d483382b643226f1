import { workloadNeeds } from '../../../lib/ops/cutover-plan';
import {
  siteStates,
  verdictExitCode,
  waveVerdict,
  workloadVerdict,
  type LiveCheck,
} from '../../../lib/ops/cutover-readiness';
import { plannedDevices, type VpnEvaluation } from '../../../lib/ops/vpn-status';
import { approvedHeader, config, IDENTIFIER, readyWorkload } from './cutover-fixture';

const devices = plannedDevices(config.organisation.shortName, config.connectivity?.sites ?? []);
const clean: LiveCheck = { findings: [], unread: new Set() };

/** Every configured tunnel UP with routes: each site up. */
function healthyVpn(): VpnEvaluation {
  return {
    rows: devices.flatMap((d) =>
      ['a', 'b'].map((t) => ({
        site: d.site,
        device: d.device,
        connectionId: `vpn-${d.device}`,
        tunnel: t,
        status: 'UP',
        acceptedRoutes: d.routing === 'bgp' ? 3 : 0,
      })),
    ),
    findings: [],
  };
}

describe('workloadNeeds (offline checks)', () => {
  it('finds the RDS database and the sites behind each range, with nothing against a ready workload', () => {
    const needs = workloadNeeds(config, approvedHeader, readyWorkload);
    expect(needs.offline).toEqual([]);
    expect(needs.databases.map((d) => d.identifier)).toEqual([IDENTIFIER]);
    expect(needs.sites.map((s) => [s.site, s.need])).toEqual([
      ['civic-centre-dc', 'hard'],
      ['northgate-depot', 'soft'],
    ]);
  });

  it('no approval recorded on the wave is a no-go; so is a wave on hold', () => {
    const unapproved = { ...approvedHeader, approval: undefined };
    expect(workloadNeeds(config, unapproved, readyWorkload).offline).toEqual([
      expect.objectContaining({ severity: 'no-go', check: 'approval' }),
    ]);
    const held = workloadNeeds(config, { ...approvedHeader, status: 'on-hold' }, readyWorkload).offline;
    expect(held).toEqual([
      expect.objectContaining({ severity: 'no-go', message: 'wave wave-05 is on hold' }),
    ]);
  });

  it('no business sign-off: no-go in production, a warning outside it', () => {
    const unsigned = { ...readyWorkload, testing: { plan: 'TP-REV-004' } };
    expect(workloadNeeds(config, approvedHeader, unsigned).offline).toEqual([
      {
        severity: 'no-go',
        check: 'sign-off',
        message: 'test plan TP-REV-004 has no business sign-off recorded (testing.signOff)',
      },
    ]);
    const nonProd = workloadNeeds(config, approvedHeader, {
      ...unsigned,
      environment: 'non-production',
    }).offline;
    expect(nonProd.map((r) => r.severity)).toEqual(['warning']);
  });

  it('personal data without an approved DPIA is a no-go', () => {
    const dp = readyWorkload.dataProtection;
    const draft = {
      ...readyWorkload,
      dataProtection: { ...dp, dpia: { reference: 'DPIA-1', status: 'draft' as const } },
    };
    expect(workloadNeeds(config, approvedHeader, draft).offline).toEqual([
      { severity: 'no-go', check: 'dpia', message: 'DPIA DPIA-1 is draft, not approved' },
    ]);
    const withoutDpia = { ...dp, dpia: undefined };
    const none = workloadNeeds(config, approvedHeader, { ...readyWorkload, dataProtection: withoutDpia });
    expect(none.offline.map((r) => r.check)).toEqual(['dpia']);
    const notPersonal = workloadNeeds(config, approvedHeader, {
      ...readyWorkload,
      dataProtection: { ...withoutDpia, personalData: false },
    });
    expect(notPersonal.offline).toEqual([]);
  });

  it('an RDS database the configuration does not build is a no-go; an EC2 one is not checked', () => {
    const needs = workloadNeeds(config, approvedHeader, {
      ...readyWorkload,
      databases: [
        { name: 'archive', engine: 'postgres', version: '16', sizeGiB: 10, target: 'rds' },
        { name: 'local', engine: 'postgres', version: '16', sizeGiB: 10, target: 'ec2' },
      ],
    });
    expect(needs.databases).toEqual([]);
    expect(needs.offline.map((r) => [r.severity, r.check])).toEqual([['no-go', 'database']]);
    expect(needs.offline[0]?.message).toContain(
      'RDS database archive of workload revenues-benefits is not among the databases the landing zone builds',
    );
  });

  it('a range no VPN site covers: no-go for a hard dependency, warning for a soft one', () => {
    const needs = workloadNeeds(config, approvedHeader, {
      ...readyWorkload,
      access: [],
      dependencies: [
        { workload: 'a', type: 'hard', ports: [1], reachableVia: 'nowhere' },
        { workload: 'b', type: 'soft', ports: [1], reachableVia: 'nowhere' },
      ],
    });
    expect(needs.offline.map((r) => [r.severity, r.check])).toEqual([
      ['no-go', 'vpn'],
      ['warning', 'vpn'],
    ]);
  });
});

describe('siteStates', () => {
  it('up when every tunnel is usable, degraded when one is, down when none, unread without data', () => {
    const vpn = healthyVpn();
    expect(siteStates(devices, vpn).get('civic-centre-dc')?.state).toBe('up');
    const oneDown: VpnEvaluation = {
      rows: vpn.rows.map((r, i) => (i === 0 ? { ...r, status: 'DOWN' } : r)),
      findings: [{ kind: 'tunnel-down', subject: 'civic-centre-dc/edge-1', message: 'tunnel a is DOWN' }],
    };
    expect(siteStates(devices, oneDown).get('civic-centre-dc')?.state).toBe('degraded');
    const noRoutes: VpnEvaluation = {
      rows: vpn.rows.map((r) => (r.site === 'northgate-depot' ? { ...r, acceptedRoutes: 0 } : r)),
      findings: [],
    };
    expect(siteStates(devices, noRoutes).get('northgate-depot')?.state).toBe('down');
    // The static site needs no BGP routes.
    expect(siteStates(devices, noRoutes).get('central-library')?.state).toBe('up');
    expect(siteStates(devices, undefined).get('civic-centre-dc')?.state).toBe('unread');
  });

  it('unread, not down, when a device was not found while a region could not be read', () => {
    const vpn = healthyVpn();
    const partly: VpnEvaluation = {
      rows: vpn.rows.map((r) =>
        r.site === 'northgate-depot'
          ? { site: r.site, device: r.device, connectionId: '-', tunnel: '-', status: 'NOT READ' }
          : r,
      ),
      findings: [],
    };
    expect(siteStates(devices, partly).get('northgate-depot')?.state).toBe('unread');
    expect(siteStates(devices, partly).get('civic-centre-dc')?.state).toBe('up');
  });
});

describe('workloadVerdict', () => {
  const needs = workloadNeeds(config, approvedHeader, readyWorkload);
  const up = siteStates(devices, healthyVpn());

  it('go when everything is recorded and healthy', () => {
    const verdict = workloadVerdict(needs, clean, clean, up);
    expect(verdict).toEqual(expect.objectContaining({ verdict: 'go', reasons: [], databases: [IDENTIFIER] }));
    expect(waveVerdict([verdict])).toBe('go');
  });

  it.each([
    ['missing-database', 'database'],
    ['status', 'database'],
    ['not-encrypted', 'database'],
    ['backups-disabled', 'database'],
  ])('db-health %s is a no-go', (kind, check) => {
    const db = { findings: [{ kind, subject: IDENTIFIER, message: 'x' }], unread: new Set<string>() };
    const verdict = workloadVerdict(needs, db, clean, up);
    expect(verdict.verdict).toBe('no-go');
    expect(verdict.reasons).toEqual([{ severity: 'no-go', check, message: `${IDENTIFIER}: x [${kind}]` }]);
  });

  it('db-health engine-version is only a warning', () => {
    const db = {
      findings: [{ kind: 'engine-version', subject: IDENTIFIER, message: 'x' }],
      unread: new Set<string>(),
    };
    expect(workloadVerdict(needs, db, clean, up).verdict).toBe('go-with-warnings');
  });

  it.each(['unprotected', 'rpo-breach', 'missing-vault'])('backup %s is a no-go', (kind) => {
    const backup = { findings: [{ kind, subject: IDENTIFIER, message: 'x' }], unread: new Set<string>() };
    expect(workloadVerdict(needs, clean, backup, up).reasons).toEqual([
      { severity: 'no-go', check: 'backup', message: `${IDENTIFIER}: x [${kind}]` },
    ]);
  });

  it.each(['missing-copy', 'stale-copy', 'backup-job-failed'])('backup %s is a warning', (kind) => {
    const backup = { findings: [{ kind, subject: IDENTIFIER, message: 'x' }], unread: new Set<string>() };
    expect(workloadVerdict(needs, clean, backup, up).verdict).toBe('go-with-warnings');
  });

  it('findings about other databases do not count', () => {
    const db = {
      findings: [{ kind: 'status', subject: 'kvdc-gis-main', message: 'x' }],
      unread: new Set<string>(),
    };
    expect(workloadVerdict(needs, db, clean, up).verdict).toBe('go');
  });

  it('what could not be read makes the verdict NOT READ, never a pass', () => {
    const unread = { findings: [], unread: new Set([IDENTIFIER]) };
    const verdict = workloadVerdict(needs, unread, clean, up);
    expect(verdict.reasons).toEqual([
      {
        severity: 'unread',
        check: 'unread',
        message: `${IDENTIFIER}: database health could not be read in full`,
      },
    ]);
    expect(verdict.verdict).toBe('not-read');
    expect(waveVerdict([verdict])).toBe('not-read');
    const noVpn = workloadVerdict(needs, clean, clean, siteStates(devices, undefined));
    expect(noVpn.reasons.map((r) => [r.severity, r.check])).toEqual([
      ['unread', 'unread'],
      ['unread', 'unread'],
    ]);
  });

  it('a no-go found in what was read stays NO-GO when something else could not be read', () => {
    const db = {
      findings: [{ kind: 'status', subject: IDENTIFIER, message: 'status is stopped' }],
      unread: new Set<string>(),
    };
    const verdict = workloadVerdict(needs, db, clean, siteStates(devices, undefined));
    expect(verdict.verdict).toBe('no-go');
    expect(waveVerdict([verdict, workloadVerdict(needs, clean, clean, siteStates(devices, undefined))])).toBe(
      'no-go',
    );
  });

  it('maps verdicts onto the one exit-code table: NO-GO never exits 0, anything not read exits 2', () => {
    expect(verdictExitCode('go', 0)).toBe(0);
    expect(verdictExitCode('go-with-warnings', 0)).toBe(1);
    expect(verdictExitCode('no-go', 0)).toBe(1);
    expect(verdictExitCode('no-go', 1)).toBe(2);
    expect(verdictExitCode('not-read', 1)).toBe(2);
    expect(verdictExitCode('go', 1)).toBe(2);
  });

  it('a hard site down is a no-go, a soft site down or a degraded site a warning', () => {
    const down = new Map(up);
    down.set('civic-centre-dc', { state: 'down', detail: 'no usable tunnel' });
    expect(workloadVerdict(needs, clean, clean, down).reasons).toEqual([
      {
        severity: 'no-go',
        check: 'vpn',
        message:
          'site civic-centre-dc (hard, dependency active-directory via data-centre-dmz) is down: no usable tunnel',
      },
    ]);
    const soft = new Map(up);
    soft.set('northgate-depot', { state: 'down', detail: 'no usable tunnel' });
    expect(workloadVerdict(needs, clean, clean, soft).verdict).toBe('go-with-warnings');
    const degraded = new Map(up);
    degraded.set('civic-centre-dc', { state: 'degraded', detail: '1 usable tunnel(s)' });
    expect(workloadVerdict(needs, clean, clean, degraded).verdict).toBe('go-with-warnings');
  });

  it('the wave takes its worst workload', () => {
    const go = workloadVerdict(needs, clean, clean, up);
    const warn = { ...go, verdict: 'go-with-warnings' as const };
    const stop = { ...go, verdict: 'no-go' as const };
    expect(waveVerdict([go, warn])).toBe('go-with-warnings');
    expect(waveVerdict([go, warn, stop])).toBe('no-go');
  });
});
