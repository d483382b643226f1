// Renders the architect's review pack of cdk.out in headless Chromium (Debian package, never a
// downloaded browser) and saves docs/images/review-pack.png for the README and docs/review-pack.md.
// Run `npm run synth` first. Usage: ts-node --swc scripts/screenshot-review.ts [as-of YYYY-MM-DD]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runReview } from '../lib/cli/review-command';
import { screenshotPage } from './screenshot-page';

const asOf = process.argv[2] ?? '2026-11-23';
const out = join(mkdtempSync(join(tmpdir(), 'review-shot-')), 'review');
const run = runReview({
  assembly: 'cdk.out',
  config: 'config/landing-zone.yaml',
  waves: 'migration-waves',
  prices: 'pricing',
  baselines: 'baselines',
  allowList: 'baselines/allow-list.yaml',
  out,
  asOf,
});
if (run.exitCode !== 0) {
  throw new Error(run.stderr);
}
// The headline figures and the network diagram: what an architect reads first. Then the headline
// figures on a phone.
void screenshotPage({
  html: resolve(out, 'index.html'),
  until: '#network-diagram',
  fallbackBottom: 1600,
  width: 1400,
  png: 'docs/images/review-pack.png',
})
  .then(() =>
    screenshotPage({
      html: resolve(out, 'index.html'),
      until: '.kpis',
      fallbackBottom: 1200,
      width: 390,
      png: 'docs/images/review-pack-phone.png',
    }),
  )
  .finally(() => {
    rmSync(resolve(out, '..'), { recursive: true, force: true });
  });
