import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { AssemblyError, openAssembly } from '../../../lib/assembly/open';
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

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lz-review-'));
    const baselines = join(dir, 'baselines');
    acceptBaseline(
      await synthReviewAssembly(join(dir, 'before'), { vpcCidr: '10.9.0.0/16', baseline: true }),
      baselines,
    );
    options = {
      assembly: await synthReviewAssembly(join(dir, 'cdk.out'), { vpcCidr: '10.8.0.0/16', baseline: false }),
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      prices: 'pricing',
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
    const assembly = openAssembly(options.assembly, { config: options.config, waves: options.waves });
    const built = buildCostReport({ ...options, assembly });
    if ('error' in built) {
      throw new Error(built.error);
    }
    const model = buildReviewModel({
      ...options,
      assembly,
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

  it('refuses, writing nothing, when there is no assembly', () => {
    const out = join(dir, 'none');
    expect(() => runReview({ ...options, assembly: join(dir, 'missing'), out })).toThrow(
      `cannot use the cloud assembly ${join(dir, 'missing')}:\n  - it does not exist: nothing has been synthesised there yet`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a stale assembly (the configuration changed after the synth), writing nothing', () => {
    const config = join(dir, 'landing-zone.yaml');
    writeFileSync(config, readFileSync('config/landing-zone.yaml', 'utf8').replace('ICT-0410', 'ICT-0411'));
    const out = join(dir, 'stale');
    expect(() => runReview({ ...options, config, out })).toThrow(AssemblyError);
    expect(() => runReview({ ...options, config, out })).toThrow(
      'it was synthesised from config/landing-zone.yaml, not ',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('with --allow-stale, writes the pack and says on it that the assembly is not current', () => {
    const config = join(dir, 'landing-zone.yaml');
    writeFileSync(config, readFileSync('config/landing-zone.yaml', 'utf8'));
    const out = join(dir, 'forensic');
    const run = runReview({ ...options, config, out, allowStale: true });
    expect(run.exitCode).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('NOT CURRENT');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('NOT CURRENT');
  });

  it('refuses an assembly whose validation report was removed after the synth', async () => {
    const bare = join(dir, 'bare');
    await synthReviewAssembly(bare, { vpcCidr: '10.8.0.0/16', baseline: false });
    rmSync(join(bare, 'validation-report.json'));
    expect(() => runReview({ ...options, assembly: bare, out: join(dir, 'bare-out') })).toThrow(
      'it was changed after the synth wrote it (removed validation-report.json)',
    );
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
