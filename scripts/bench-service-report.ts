// Benchmark of `lz ops service-report` at scale: a generated estate of 1,000 workloads (the one
// bench-waves uses) with every server live, over a month and the month before it, answered by the
// fixture through aws-sdk-client-mock behind the real SDK clients. Measures reading and computing
// (every GetMetricData batch, the archive, backups, VPN, Cost Explorer) and writing the HTML,
// Markdown, JSON and CSV. The cost estimate is not in it: it reads an assembly, which `npm run bench`
// measures. Prints the figures for docs/operations.md and writes bench-out/service-report-results.json.
// Usage: npm run bench:service-report [-- <workloads>]
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../lib/config/load';
import { monitoredEstate } from '../lib/monitoring/monitored-estate';
import { collectServiceReport } from '../lib/ops/service-report/collect';
import { monthPeriods, type ReportPeriods } from '../lib/ops/service-report/period';
import { writeServiceReport } from '../lib/ops/service-report/write';
import { loadWavePlan } from '../lib/waves/load';
import { generateWaves } from './bench/generate-waves';
import { FIXTURE_MONTH, FIXTURE_NOW, fixtureSource, installFixture } from './service-report/fixture';

async function main(): Promise<void> {
  const workloads = Number(process.argv[2] ?? '1000');
  const dir = join('bench-out', `service-report-${workloads}`);
  mkdirSync('bench-out', { recursive: true });
  generateWaves(dir, workloads, Math.max(1, Math.ceil(workloads / 25)));
  const config = loadConfig('config/landing-zone.yaml');
  const plan = loadWavePlan(dir, config);
  const planned = monitoredEstate(config, plan);
  // Every server live since June: the heaviest month the report can have for this estate.
  const estate = {
    ...planned,
    services: planned.services.map((s) => ({
      ...s,
      liveSince: '2026-06-01',
      servers: s.servers.map((x) => ({ ...x, live: true })),
    })),
  };
  const servers = estate.services.reduce((n, s) => n + s.servers.length, 0);
  const databases = estate.services.reduce((n, s) => n + s.databases.length, 0);
  const fixture = installFixture(estate);
  const load = loadavg()[0] ?? 0;
  try {
    const started = performance.now();
    const report = await collectServiceReport({
      estate,
      periods: monthPeriods(FIXTURE_MONTH, 'Europe/London') as ReportPeriods,
      now: FIXTURE_NOW,
      source: fixtureSource(),
      estimate: { ok: true, value: { byWorkload: new Map(), sharedMonthlyGbp: 0 } },
      exchange: { ok: true, value: { gbpPerUsd: 0.79, source: 'benchmark' } },
      tierRetentionDays: Object.fromEntries(
        (config.dataProtection?.tiers ?? []).map((t) => [t.name, t.retentionDays]),
      ),
      vpnLoadAlarmPercent: 80,
    });
    const read = performance.now();
    const out = join(dir, 'report');
    rmSync(out, { recursive: true, force: true });
    const files = writeServiceReport(report, out);
    const written = performance.now();
    const calls = fixture.metricCalls();
    const result = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}`,
      loadAverageAtStart: Number(load.toFixed(2)),
      workloads: estate.services.length,
      servers,
      databases,
      getMetricDataCalls: calls.length,
      metricQueries: calls.reduce((a, b) => a + b, 0),
      notRead: report.notRead.length,
      readAndComputeSeconds: Number(((read - started) / 1000).toFixed(2)),
      renderAndWriteSeconds: Number(((written - read) / 1000).toFixed(2)),
      totalSeconds: Number(((written - started) / 1000).toFixed(2)),
      files: files.length,
    };
    writeFileSync(join('bench-out', 'service-report-results.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `| Workloads | Servers | Databases | GetMetricData calls (queries) | Read and compute | Render and write | Total |\n` +
        `| --- | --- | --- | --- | --- | --- | --- |\n` +
        `| ${result.workloads} | ${servers} | ${databases} | ${result.getMetricDataCalls} (${result.metricQueries}) | ${result.readAndComputeSeconds} s | ${result.renderAndWriteSeconds} s | ${result.totalSeconds} s |\n\n` +
        `Measured ${result.date} on ${result.machine}; load average ${result.loadAverageAtStart} at the start.\n`,
    );
    if (report.notRead.length > 0) {
      throw new Error(
        `the benchmark report has ${report.notRead.length} NOT READ item(s): ${report.notRead[0]?.reason ?? ''}`,
      );
    }
  } finally {
    fixture.restore();
  }
}

void main();
