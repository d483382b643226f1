// Renders the example's dashboard in headless Chromium (Debian package, never a downloaded browser)
// and saves docs/images/waves-dashboard.png for the docs.
// Usage: ts-node --swc scripts/screenshot-waves.ts [as-of YYYY-MM-DD]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runWavesReport } from '../lib/cli/waves-report-command';
import { screenshotPage } from './screenshot-page';

const asOf = process.argv[2] ?? '2026-11-23';
const out = mkdtempSync(join(tmpdir(), 'waves-shot-'));
const run = runWavesReport({ config: 'config/landing-zone.yaml', waves: 'migration-waves', out, asOf });
if (run.exitCode !== 0) {
  throw new Error(run.stderr);
}
// Everything down to the burn-down charts: the part a manager reads first. Then the same on a
// phone: the headline cards and the first waves as cards, RAG first.
void screenshotPage({
  html: resolve(out, 'dashboard.html'),
  until: '#burndown',
  fallbackBottom: 1900,
  width: 1360,
  png: 'docs/images/waves-dashboard.png',
})
  .then(() =>
    screenshotPage({
      html: resolve(out, 'dashboard.html'),
      until: '#wave-table tbody tr:nth-child(2)',
      fallbackBottom: 1600,
      width: 390,
      png: 'docs/images/waves-dashboard-phone.png',
    }),
  )
  .finally(() => {
    rmSync(out, { recursive: true, force: true });
  });
