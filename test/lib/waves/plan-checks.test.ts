import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../../lib/config/diagnostics';
import { validateWaveTexts, validateWavesDir } from '../../../lib/waves/load';
import { buildReportModel } from '../../../lib/waves/report/model';
import { generateWaves } from '../../../scripts/bench/generate-waves';
import { exampleConfig, lineOf } from '../../helpers/landing-zone';
import {
  editExample,
  exampleWaveTexts,
  validateTexts,
  workloadIndex,
  type ExampleTexts,
} from '../../helpers/waves';

/*
 * The plan checks a second council's estate found lax (issue 17): each mistake gives one clear
 * message with file, line and field, all at once, on the example, on an estate without VPNs and on
 * the generated estate of the benchmark.
 */

const brief = (d: Diagnostic): string =>
  `${d.file.split('/').pop() ?? ''}:${d.line} ${d.severity} ${d.path}: ${d.message}`;

function diagnostics(texts: ExampleTexts): Diagnostic[] {
  return validateTexts(texts).diagnostics;
}

/** Diagnostics the edited example has beyond the unedited one. */
function added(texts: ExampleTexts): string[] {
  const before = new Set(diagnostics(exampleWaveTexts()).map((d) => `${d.path}|${d.message}`));
  return diagnostics(texts)
    .filter((d) => !before.has(`${d.path}|${d.message}`))
    .map(brief);
}

describe('plan checks found lax on a second estate', () => {
  it('all at once: a dependency over a range no VPN carries, a window after its wave, a Windows Server 2012 server, and a missed cutover', () => {
    let texts = editExample('wave-05', (doc) => {
      const nec = workloadIndex(doc, 'revs-bens-nec');
      doc.setIn(['workloads', nec, 'dependencies', 0, 'reachableVia'], 'telephony');
      doc.setIn(['workloads', workloadIndex(doc, 'edrms'), 'servers', 0, 'os'], 'Windows Server 2012 R2');
      doc.setIn(['workloads', workloadIndex(doc, 'revs-bens-portal'), 'cutoverWindow'], {
        start: '2027-02-06T08:00',
        end: '2027-02-06T20:00',
        timeZone: 'Europe/London',
      });
    });
    const wave05 = texts.waves.find((w) => w.file.includes('wave-05'))?.text ?? '';
    expect(added(texts)).toEqual([
      `wave-05-revenues-and-benefits.yaml:${lineOf(wave05, 'reachableVia: telephony')} error workloads[0].dependencies[0].reachableVia: active-directory cannot be kept reachable over telephony: no VPN site carries on-premises range telephony (192.168.10.0/24): the site that hosts it is missing from connectivity.sites (civic-centre-dc carries 10.0.0.0/16, 10.1.0.0/20; northgate-depot carries 10.20.0.0/20; central-library carries 172.16.8.0/22)`,
      `wave-05-revenues-and-benefits.yaml:${lineOf(wave05, 'Windows Server 2012 R2')} error workloads[1].servers[0].os: Windows Server 2012 R2 (the OS kvdoc-app01 runs in AWS) is out of support from 2023-10-10, before the cutover on 2027-01-30 (https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2012-r2): move onto a supported version`,
      `wave-05-revenues-and-benefits.yaml:${lineOf(wave05, 'start: 2027-02-06T08:00')} warning workloads[2].cutoverWindow: cutover window 2027-02-06T08:00 to 2027-02-06T20:00 (revs-bens-portal) is outside wave-05's planned dates 2027-01-11 to 2027-02-05: the wave cannot finish by its planned end`,
    ]);
    // The missed cutover is a matter of the report date: wave-04's window closed on 28 November.
    texts = exampleWaveTexts();
    const plan = validateTexts(texts).plan;
    if (!plan) {
      throw new Error('example invalid');
    }
    const reasons = buildReportModel(plan, '2026-12-02').waves[3]?.reasons ?? [];
    expect(reasons.find((r) => r.startsWith('Missed cutover'))).toMatch(
      /^Missed cutover: housing-nec \(window ended 2026-11-28 22:00, testing\)/,
    );
  });

  it('a range kept reachable with no connectivity section at all is an error, also for users at a site', () => {
    const config = exampleConfig();
    const withoutVpns = structuredClone(config);
    delete withoutVpns.connectivity;
    const texts = exampleWaveTexts();
    const result = validateWaveTexts(texts.programme, texts.waves, withoutVpns);
    const messages = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.path}: ${d.message}`);
    expect(messages).toContain(
      'workloads[0].dependencies[0].reachableVia: active-directory cannot be kept reachable over data-centre-dmz: config/landing-zone.yaml has no connectivity section, so no VPN carries on-premises range data-centre-dmz (10.1.0.0/20); add the council site that hosts it to connectivity.sites',
    );
    expect(
      messages.some((m) => m.startsWith('access[0].from[0]') || /users at civic-centre cannot reach/.test(m)),
    ).toBe(true);
    // Every workload still to move needs its site, and there are none to name.
    expect(
      messages.filter((m) =>
        m.includes('unknown site "civic-centre-dc": config/landing-zone.yaml has no connectivity section'),
      ).length,
    ).toBeGreaterThan(0);
  });

  it('the support horizon is configurable: a workload staying on Windows Server 2016 warns within it', () => {
    const warning = (texts: ExampleTexts): string[] =>
      diagnostics(texts)
        .filter((d) => d.path === 'workloads[4].servers[0].os' && d.file.includes('wave-04'))
        .map((d) => `${d.severity}: ${d.message}`);
    expect(warning(exampleWaveTexts())).toEqual([
      'warning: Windows Server 2016 (the OS kvrep-app01 runs in AWS) loses support on 2027-01-12, within 12 months of the cutover on 2026-11-28 (https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2016): plan the upgrade',
    ]);
    const shorter = editExample('programme', (doc) => {
      doc.setIn(['supportDates'], { warnWithinMonths: 1 });
    });
    expect(warning(shorter)).toEqual([]);
  });

  it('moving onto an RDS version out of support at cutover is an error; staying on one on EC2 is a warning', () => {
    const texts = editExample('wave-06', (doc) => {
      const sc = workloadIndex(doc, 'electoral-registration');
      doc.setIn(['workloads', sc, 'databases', 0, 'engine'], 'mysql');
      doc.setIn(['workloads', sc, 'databases', 0, 'licence'], 'open-source');
      doc.setIn(['workloads', sc, 'databases', 0, 'rds'], { version: '8.0.39' });
      const edu = workloadIndex(doc, 'education-capita-one');
      doc.setIn(['workloads', edu, 'databases', 0, 'target'], 'ec2');
      doc.deleteIn(['workloads', edu, 'databases', 0, 'migration']);
    });
    const found = added(texts).filter((m) => /support/.test(m));
    expect(found).toEqual([
      // MySQL's own end of life (April 2026) comes before RDS's end of standard support (July 2026).
      expect.stringMatching(
        /error workloads\[1\]\.databases\[0\]\.rds: MySQL 8\.0 \(RDS engine version 8\.0\.39 of xpress\) is out of support from 2026-04-30, before the cutover on 2027-06-26/,
      ),
      expect.stringMatching(
        /warning workloads\[3\]\.databases\[0\]\.version: SQL Server 2016 \(capita-one, which keeps its version on EC2\) has been out of support since 2026-07-14, before the cutover on 2027-06-12/,
      ),
    ]);
  });

  it('how a database moves: the method must suit the engine and edition, and DMS must know the source server', () => {
    const texts = editExample('wave-05', (doc) => {
      const nec = workloadIndex(doc, 'revs-bens-nec');
      doc.setIn(['workloads', nec, 'databases', 0, 'migration', 'method'], 'oracle-data-pump');
      const uat = workloadIndex(doc, 'revs-bens-uat');
      doc.setIn(['workloads', uat, 'servers', 0, 'tier'], 'db');
    });
    expect(added(texts).map((m) => m.replace(/^[^ ]+ /, ''))).toEqual([
      'error workloads[0].databases[0].migration.method: oracle-data-pump is not a method for SQL Server; use dms or sqlserver-native-backup',
      'error workloads[3].databases[0].migration.sourceHost: revs-bens-uat has 2 db-tier servers (kvrbu-app01, kvrbu-sql01); say which runs revenues-uat (migration.sourceHost)',
    ]);
  });

  it('a Windows server cannot bring its own licence to the launch templates', () => {
    const texts = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', workloadIndex(doc, 'revs-bens-uat'), 'servers', 0, 'osLicence'], 'byol');
    });
    expect(added(texts).map((m) => m.replace(/^[^ ]+ /, ''))).toEqual([
      'error workloads[3].servers[0].osLicence: Windows Server licences can be brought to AWS only on Dedicated Hosts, which the launch templates do not use: kvrbu-app01 launches licence-included (remove osLicence: byol)',
    ]);
  });

  it('replication needs a site with a known bandwidth and a staging VPC with its endpoints', () => {
    const texts = editExample('wave-05', (doc) => {
      doc.deleteIn(['workloads', workloadIndex(doc, 'revs-bens-nec'), 'site']);
      doc.setIn(['workloads', workloadIndex(doc, 'edrms'), 'site'], 'town-hall');
    });
    expect(added(texts).map((m) => m.replace(/^[^ ]+ /, ''))).toEqual([
      'error workloads[0].id: revs-bens-nec has 2 server(s) and 1 database(s) to move but names no site: set site to the council site (connectivity.sites) they are at, so their transfer is planned on its VPN',
      'error workloads[1].site: unknown site "town-hall" (connectivity.sites: civic-centre-dc, northgate-depot, central-library)',
    ]);
    const config = exampleConfig();
    const sites = (config.connectivity?.sites ?? []).map((s) =>
      s.name === 'civic-centre-dc' ? { ...s, bandwidthMbps: undefined } : s,
    );
    const vpcs = config.network.vpcs.map((v) =>
      v.name === 'production' ? { ...v, endpoints: v.endpoints.filter((e) => e !== 'mgn') } : v,
    );
    const plain = exampleWaveTexts();
    const result = validateWaveTexts(plain.programme, plain.waves, {
      ...config,
      connectivity: config.connectivity ? { ...config.connectivity, sites } : undefined,
      network: { ...config.network, vpcs },
    });
    const messages = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    expect(messages).toContain(
      'site civic-centre-dc declares no bandwidthMbps (config/landing-zone.yaml connectivity.sites[0]), so the rate its VPN gives replication cannot be planned',
    );
    expect(messages.filter((m) => m.startsWith('VPC production has no mgn endpoint'))).toHaveLength(1);
  });

  it("rejects a wave whose concurrent replication would exceed a site's bandwidth within its window (generated estate)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'waves-bandwidth-'));
    try {
      generateWaves(dir, 250, 10);
      const config = exampleConfig();
      const ok = validateWavesDir(dir, config);
      expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // The same estate behind a 20 Mbps data-centre line: 12 days cannot carry its servers.
      const slow = {
        ...config,
        connectivity: config.connectivity
          ? {
              ...config.connectivity,
              sites: config.connectivity.sites.map((s) =>
                s.name === 'civic-centre-dc' ? { ...s, bandwidthMbps: 20 } : s,
              ),
            }
          : undefined,
      };
      const errors = validateWavesDir(dir, slow).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]?.path).toMatch(
        /^workloads\[\d+\]\.(servers\[\d\]\.diskGiB|databases\[\d\]\.sizeGiB)$/,
      );
      expect(errors[0]?.message).toMatch(
        /^civic-centre-dc cannot send .+ \(\d+ GiB\) before app-\d{4} cuts over in wave-\d{2}: \d+ transfers share 10\.0 Mbps \(50% of the site's 20\.0 Mbps\) at the busiest time, 1 Mbps each, so it needs [\d,]+ h, but from the wave's start to its cutover window \(.+\) there are [\d.]+ h; /,
      );
      // One message per account, site and wave (two accounts, ten waves), not one per server.
      expect(errors.length).toBeLessThanOrEqual(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
