// `lz ops service-report` against the fixture month (scripts/service-report/fixture.ts) instead of
// AWS: the command's own code, the real SDK clients, answers from aws-sdk-client-mock. The run shown
// in docs/operations.md. Usage: ts-node --swc scripts/service-report/run-fixture.ts [out-dir] [--json]
// As bin/lz.ts does: the SDK's Node 22 notice is not part of the report's output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
import { runServiceReport } from '../../lib/cli/ops-service-report-command';
import { loadConfig } from '../../lib/config/load';
import { monitoredEstate } from '../../lib/monitoring/monitored-estate';
import { loadWavePlan } from '../../lib/waves/load';
import { FIXTURE_MONTH, FIXTURE_NOW, fixtureSource, installFixture } from './fixture';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const out = args.find((a) => !a.startsWith('--')) ?? `reports/service-report/${FIXTURE_MONTH}`;
  const config = loadConfig('config/landing-zone.yaml');
  const fixture = installFixture(monitoredEstate(config, loadWavePlan('migration-waves', config)));
  try {
    const result = await runServiceReport({
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      month: FIXTURE_MONTH,
      assembly: 'cdk.out',
      prices: 'pricing',
      out,
      json,
      aws: {},
      source: fixtureSource(),
      now: FIXTURE_NOW,
    });
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.stderr.write(`GetMetricData calls: ${fixture.metricCalls().length}\n`);
    return result.exitCode;
  } finally {
    fixture.restore();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
