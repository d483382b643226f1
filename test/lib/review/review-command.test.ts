import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReview, type ReviewOptions } from '../../../lib/cli/review-command';
import { reviewMarkdown } from '../../../lib/review/markdown';
import { buildReviewModel } from '../../../lib/review/model';
import { acceptBaseline } from '../../../lib/safety/baseline-files';
import { buildCostReport } from '../../../lib/cli/cost-command';
import { exampleConfig } from '../../helpers/landing-zone';
import { resourcesByStack, synthReviewAssembly } from './fixture';

describe('lz review', () => {
  let dir: string;
  let options: ReviewOptions;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-review-'));
    const baselines = join(dir, 'baselines');
    acceptBaseline(
      synthReviewAssembly(join(dir, 'before'), { vpcCidr: '10.9.0.0/16', baseline: true }),
      baselines,
    );
    options = {
      assembly: synthReviewAssembly(join(dir, 'cdk.out'), { vpcCidr: '10.8.0.0/16', baseline: false }),
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      prices: 'pricing/eu-west-2.yaml',
      baselines,
      allowList: join(baselines, 'allow-list.yaml'),
      out: join(dir, 'reports', 'review'),
      asOf: '2026-11-23',
    };
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the page and the summary, and says what it found', () => {
    const run = runReview(options);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const files = resourcesByStack(options.assembly);
    const resources = Object.values(files).reduce((n, r) => n + Object.keys(r).length, 0);
    expect(run.stdout).toContain(
      `review pack of ${options.assembly}: ${resources} resources in 2 stacks across 2 accounts; 1 unacknowledged findings, 0 DR breaches, 4 stateful changes (4 blocked)`,
    );
    const page = readFileSync(join(options.out, 'index.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<svg id="network-diagram"');
    // Self-contained: no stylesheet, script or image is fetched from anywhere.
    expect(page).not.toMatch(/<(script|link|img)\b/);
    expect(page).not.toMatch(/(src|href)="https?:/);
  });

  it('the Markdown summary fits a pull-request comment and names every blocked stateful change', () => {
    runReview(options);
    const md = readFileSync(join(options.out, 'summary.md'), 'utf8');
    const resources = Object.values(resourcesByStack(options.assembly)).reduce(
      (n, r) => n + Object.keys(r).length,
      0,
    );
    expect(md).toMatch(/^## Kestrel Vale District Council: architecture review pack\n/);
    expect(md).toContain(
      `${resources} resources in 2 stacks across 2 accounts · 1 unacknowledged findings (2 acknowledged) · 0 DR breaches · 4 stateful resources replaced or deleted (4 blocked)`,
    );
    for (const id of ['AppSubnetA', 'AppSubnetB', 'Vpc', 'AppLogs']) {
      expect(md).toMatch(new RegExp(`\\| \\*\\*BLOCKED\\*\\* \\| \\w+/${id} \\(`));
    }
    expect(md).toContain('4 stateless changes (in the HTML pack).');
    expect(md).toContain('| test-rt-production | test-hub-vpc |  | 10.0.0.0/8 |');
    expect(md).toContain('| test-depot-vpn | depot | 198.51.100.20 | BGP 65020 |');
    expect(md).toContain('| AwsSolutions | AwsSolutions-VPC7 | Net/Vpc |');
    expect(md.length).toBeLessThan(65536);
  });

  it('cuts long lists in the summary and says how many more the HTML pack has', () => {
    const built = buildCostReport(options);
    if ('error' in built) {
      throw new Error(built.error);
    }
    const model = buildReviewModel({
      ...options,
      config: exampleConfig(),
      allowList: [],
      cost: built.report,
    });
    const finding = model.security.findings[0];
    if (!finding) {
      throw new Error('fixture has a finding');
    }
    const many = Array.from({ length: 40 }, (_, i) => ({ ...finding, resource: `Net/Thing${i}` }));
    const md = reviewMarkdown({ ...model, security: { ...model.security, findings: many } });
    expect(md).toContain('| AwsSolutions | AwsSolutions-VPC7 | Net/Thing14 |');
    expect(md).not.toContain('Net/Thing15 |');
    expect(md).toContain('…and 25 more in the HTML pack.');
  });

  it('exits 2 without writing anything when there is no assembly', () => {
    const out = join(dir, 'none');
    const run = runReview({ ...options, assembly: join(dir, 'missing'), out });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      `lz review: ${join(dir, 'missing')} has no manifest.json: there is no synthesised assembly to review. Run \`npm run synth\` first.\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when the configuration changed after the synth (a stale assembly)', () => {
    const config = join(dir, 'landing-zone.yaml');
    copyFileSync('config/landing-zone.yaml', config);
    const later = new Date(Date.now() + 60_000);
    utimesSync(config, later, later);
    const out = join(dir, 'stale');
    const run = runReview({ ...options, config, out });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${options.assembly} is stale: ${config} changed after it was synthesised`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for an assembly synthesised without the checks', () => {
    const bare = join(dir, 'bare');
    synthReviewAssembly(bare, { vpcCidr: '10.8.0.0/16', baseline: false });
    rmSync(join(bare, 'validation-report.json'));
    const run = runReview({ ...options, assembly: bare, out: join(dir, 'bare-out') });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('has no validation-report.json');
  });

  it('keeps the previous pack whole when a later run fails', () => {
    expect(runReview(options).exitCode).toBe(0);
    const before = readFileSync(join(options.out, 'index.html'), 'utf8');
    const prices = join(dir, 'bad-prices.yaml');
    writeFileSync(prices, 'region: eu-west-2\nbogus: 1\n');
    const run = runReview({ ...options, prices });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${prices}:`);
    expect(readFileSync(join(options.out, 'index.html'), 'utf8')).toBe(before);
    expect(existsSync(join(options.out, 'summary.md'))).toBe(true);
  });
});
