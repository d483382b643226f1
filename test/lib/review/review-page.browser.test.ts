import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runReview } from '../../../lib/cli/review-command';
import { acceptBaseline } from '../../../lib/safety/baseline-files';
import { launchChromium } from '../../helpers/chromium';
import { resourcesByStack, synthReviewAssembly } from './fixture';

/**
 * The review pack as an architect sees it, in headless Chromium from the Debian package. A missing
 * browser fails this test on purpose: CI installs it with `apt-get install -y chromium`.
 */

describe('review pack in headless Chromium', () => {
  let dir: string;
  let assembly: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'lz-review-page-'));
    const baselines = join(dir, 'baselines');
    acceptBaseline(
      await synthReviewAssembly(join(dir, 'before'), { vpcCidr: '10.9.0.0/16', baseline: true }),
      baselines,
    );
    assembly = await synthReviewAssembly(join(dir, 'cdk.out'), { vpcCidr: '10.8.0.0/16', baseline: false });
    const out = join(dir, 'review');
    const run = runReview({
      assembly,
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      prices: 'pricing',
      baselines,
      allowList: join(baselines, 'allow-list.yaml'),
      out,
      asOf: '2026-11-23',
    });
    expect(run.exitCode).toBe(0);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Self-contained: any request other than the file itself would be a mistake.
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url().startsWith('file:') ? route.continue() : route.abort();
    });
    await page.goto(`file://${resolve(out, 'index.html')}`);
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the page and fetches nothing but itself', async () => {
    expect(await page.title()).toBe('Kestrel Vale District Council: architecture review pack 2026-11-23');
    expect(await page.textContent('[data-testid="as-of"]')).toBe('2026-11-23');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('draws the network diagram with every VPC, subnet, route table and VPN of the templates', async () => {
    const resources = Object.values(resourcesByStack(assembly)).flatMap((r) => Object.values(r));
    const count = (type: string) => resources.filter((r) => r.Type === type).length;
    const diagram = page.locator('#network-diagram');
    expect(await diagram.isVisible()).toBe(true);
    const box = await diagram.boundingBox();
    expect(box?.width).toBeGreaterThan(800);
    expect(box?.height).toBeGreaterThan(200);
    expect(await diagram.locator('g.vpc').count()).toBe(count('AWS::EC2::VPC'));
    expect(await diagram.locator('g.subnet').count()).toBe(count('AWS::EC2::Subnet'));
    expect(await diagram.locator('g.route-table').count()).toBe(count('AWS::EC2::TransitGatewayRouteTable'));
    expect(await diagram.locator('g.vpn').count()).toBe(count('AWS::EC2::VPNConnection'));
    expect(await diagram.locator('line.association').count()).toBe(
      count('AWS::EC2::TransitGatewayRouteTableAssociation'),
    );
    expect(await diagram.locator('g.subnet[data-cidr="10.9.1.0/24"]').count()).toBe(1);
    expect(
      await diagram.locator('g.route-table[data-route-table="test-rt-production"] .blackhole').count(),
    ).toBe(1);
    expect(await page.locator('#subnets tbody tr').count()).toBe(count('AWS::EC2::Subnet'));
  });

  it('shows the counts the assembly holds', async () => {
    const stacks = resourcesByStack(assembly);
    const total = Object.values(stacks).reduce((n, r) => n + Object.keys(r).length, 0);
    expect(await page.textContent('[data-testid="total-resources"]')).toBe(String(total));
    for (const [stack, account] of [
      ['Net', '111111111111'],
      ['Work', '555555555555'],
    ] as const) {
      const n = String(Object.keys(stacks[stack] ?? {}).length);
      expect(await page.getAttribute(`#accounts tr[data-account="${account}"]`, 'data-resources')).toBe(n);
      expect(await page.getAttribute(`#stack-list tr[data-stack="${stack}"]`, 'data-resources')).toBe(n);
    }
    expect(await page.textContent('[data-testid="findings"]')).toBe('1');
    expect(await page.locator('#findings tr.finding').count()).toBe(1);
    expect(await page.locator('#acknowledgements tr.acknowledgement').count()).toBe(2);
    expect(await page.textContent('[data-testid="stateful-changes"]')).toBe('4');
    // Stateful changes come first in the table, then the stateless ones.
    const rows = page.locator('#changes tr[data-change]');
    const order: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      order.push(await rows.nth(i).getAttribute('data-stateful'));
    }
    expect(order).toEqual(['true', 'true', 'true', 'true', 'false', 'false', 'false', 'false']);
    // The shared landing zone, six waves and the programme: the rows of `lz cost`.
    expect(await page.locator('#cost-before-after tr[data-row^="wave-"]').count()).toBe(6);
    expect(await page.locator('#cost-before-after tr[data-row="shared landing zone"]').count()).toBe(1);
  });
});
