import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServiceReport } from '../../lib/cli/ops-service-report-command';
import { serviceLevelTableRows } from '../../lib/monitoring/docs-table';
import { monitoredEstate } from '../../lib/monitoring/monitored-estate';
import { RUNBOOKS, runbookAnchor, type RunbookKind } from '../../lib/monitoring/runbooks';
import { serviceReportPolicy } from '../../lib/ops/service-report/iam-actions';
import {
  FIXTURE_MONTH,
  FIXTURE_NOW,
  fixtureSource,
  installFixture,
} from '../../scripts/service-report/fixture';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';
import { examplePlan } from '../helpers/waves';

// docs/operations.md shows the alarms' thresholds, their runbooks, the service report's policy and a
// run of it: each is checked against the code, so the page cannot say what the code does not do.
const DOC = readFileSync('docs/operations.md', 'utf8');

function tableAfter(marker: string): string[][] {
  const lines = DOC.slice(DOC.indexOf(marker)).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (!cells.every((c) => /^-+$/.test(c))) rows.push(cells);
  }
  return rows;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

describe('docs/operations.md: alarms', () => {
  it('the thresholds table is SERVICE_LEVELS', () => {
    expect(tableAfter('### Thresholds by criticality')).toEqual(serviceLevelTableRows());
  });

  it('every runbook an alarm links to is a section of the page', () => {
    const anchors = [...DOC.matchAll(/^#{2,4} (.+)$/gm)].map((m) => slug(m[1] ?? ''));
    for (const kind of Object.keys(RUNBOOKS) as RunbookKind[]) {
      expect(anchors).toContain(runbookAnchor(kind));
    }
  });
});

describe('docs/operations.md: lz ops service-report', () => {
  it('shows the minimum policy the operations role includes', () => {
    const match = /`service-report` \([^)]*\):\n\n```json\n([\s\S]*?)\n```/.exec(DOC);
    expect(JSON.parse(match?.[1] ?? 'null')).toEqual(serviceReportPolicy());
  });

  it('shows the real run against the fixture month', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lz-service-report-doc-'));
    const fixture = installFixture(monitoredEstate(exampleConfig(), examplePlan()));
    try {
      const run = await runServiceReport({
        config: 'config/landing-zone.yaml',
        waves: 'migration-waves',
        month: FIXTURE_MONTH,
        assembly: exampleAssembly().dir,
        prices: 'pricing',
        out,
        json: false,
        aws: {},
        source: fixtureSource(),
        now: FIXTURE_NOW,
      });
      const shown =
        /<!-- sample: npm run -s service-report:fixture -->\n\n```console\n\$ npm run -s service-report:fixture\n([\s\S]*?)```/.exec(
          DOC,
        )?.[1];
      expect(shown).toBe(run.stdout.replaceAll(out, `reports/service-report/${FIXTURE_MONTH}`));
    } finally {
      fixture.restore();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
