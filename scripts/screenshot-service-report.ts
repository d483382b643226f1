// Runs the service report against the fixture month and saves docs/images/service-report.png (the
// top of the page: headline figures, month on month, what got worse) and
// docs/images/service-report-phone.png (the same page 360 pixels wide), in Debian's headless Chromium.
// Usage: ts-node --swc scripts/screenshot-service-report.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { screenshotPage } from './screenshot-page';

const out = mkdtempSync(join(tmpdir(), 'service-report-shot-'));
try {
  // The fixture run exits 1 (targets missed in the fixture month), which is expected here.
  execFileSync('npx', ['ts-node', '--swc', 'scripts/service-report/run-fixture.ts', out], {
    stdio: 'ignore',
  });
} catch (error) {
  if ((error as { status?: number }).status !== 1) throw error;
}
void screenshotPage({
  html: resolve(out, 'index.html'),
  until: '#availability figure',
  fallbackBottom: 1800,
  width: 1200,
  png: 'docs/images/service-report.png',
})
  .then(() =>
    screenshotPage({
      html: resolve(out, 'index.html'),
      until: '#summary figure',
      fallbackBottom: 1200,
      width: 360,
      png: 'docs/images/service-report-phone.png',
    }),
  )
  .finally(() => {
    rmSync(out, { recursive: true, force: true });
  });
