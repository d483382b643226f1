// Renders the example's dashboard in headless Chromium (Debian package, never a downloaded browser)
// and saves docs/images/waves-dashboard.png for the docs.
// Usage: ts-node --swc scripts/screenshot-waves.ts [as-of YYYY-MM-DD]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { runWavesReport } from '../lib/cli/waves-report-command';

const asOf = process.argv[2] ?? '2026-11-23';
const out = mkdtempSync(join(tmpdir(), 'waves-shot-'));
const run = runWavesReport({ config: 'config/landing-zone.yaml', waves: 'migration-waves', out, asOf });
if (run.exitCode !== 0) {
  throw new Error(run.stderr);
}
void (async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`file://${resolve(out, 'dashboard.html')}`);
    // Everything down to the burn-down charts: the part a manager reads first.
    const box = await page.locator('#burndown').boundingBox();
    const bottom = box ? box.y + box.height : 1900;
    mkdirSync('docs/images', { recursive: true });
    await page.screenshot({
      path: 'docs/images/waves-dashboard.png',
      fullPage: true,
      clip: { x: 0, y: 0, width: 1360, height: Math.ceil(bottom) + 16 },
    });
    process.stdout.write('wrote docs/images/waves-dashboard.png\n');
  } finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  }
})();
