// Renders the architect's review pack of cdk.out in headless Chromium (Debian package, never a
// downloaded browser) and saves docs/images/review-pack.png for the README and docs/review-pack.md.
// Run `npm run synth` first. Usage: ts-node --swc scripts/screenshot-review.ts [as-of YYYY-MM-DD]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { runReview } from '../lib/cli/review-command';

const asOf = process.argv[2] ?? '2026-11-23';
const out = join(mkdtempSync(join(tmpdir(), 'review-shot-')), 'review');
const run = runReview({
  assembly: 'cdk.out',
  config: 'config/landing-zone.yaml',
  waves: 'migration-waves',
  prices: 'pricing/eu-west-2.yaml',
  baselines: 'baselines',
  allowList: 'baselines/allow-list.yaml',
  out,
  asOf,
});
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
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`file://${resolve(out, 'index.html')}`);
    // The headline figures and the network diagram: what an architect reads first.
    const box = await page.locator('#network-diagram').boundingBox();
    const bottom = box ? box.y + box.height : 1600;
    mkdirSync('docs/images', { recursive: true });
    await page.screenshot({
      path: 'docs/images/review-pack.png',
      fullPage: true,
      clip: { x: 0, y: 0, width: 1400, height: Math.ceil(bottom) + 16 },
    });
    process.stdout.write('wrote docs/images/review-pack.png\n');
  } finally {
    await browser.close();
    rmSync(resolve(out, '..'), { recursive: true, force: true });
  }
})();
