import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runReview } from '../../../lib/cli/review-command';
import { acceptBaseline } from '../../../lib/safety/baseline-files';
import { exampleAssembly } from '../../helpers/example-assembly';
import { launchChromium } from '../../helpers/chromium';
import {
  axeViolations,
  computedStyles,
  contrastRatio,
  emulatePrint,
  emulateScreen,
  layoutProblems,
  PRINT_WIDTH,
  REPORT_WIDTHS,
  tableProblems,
} from '../../helpers/page-checks';
import { resourcesByStack, synthReviewAssembly } from './fixture';

/**
 * The review pack as an architect sees it, in headless Chromium from the Debian package. A missing
 * browser fails this test on purpose: CI installs it with `apt-get install -y chromium`.
 *
 * Two packs: the small fixture's (a finding, blocked and allowed changes: every badge the page
 * has) and the example council's from the assembly the test run synthesised once (61 stacks: the
 * widest tables and the largest diagram). Each is opened once and laid out, checked and printed in turn.
 */

const DESKTOP = 1400;

describe('review pack in headless Chromium', () => {
  let dir: string;
  let assembly: string;
  let browser: Browser;
  let page: Page;
  let examplePage: Page;
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
    const example = runReview({
      assembly: exampleAssembly().dir,
      config: 'config/landing-zone.yaml',
      waves: 'migration-waves',
      prices: 'pricing/eu-west-2.yaml',
      baselines: 'baselines',
      allowList: 'baselines/allow-list.yaml',
      out: join(dir, 'example'),
      asOf: '2026-11-23',
    });
    expect(example.exitCode).toBe(0);
    examplePage = await browser.newPage({ viewport: { width: DESKTOP, height: 900 } });
    await examplePage.goto(`file://${resolve(dir, 'example', 'index.html')}`);
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

  const packs = ['fixture', 'example'] as const;
  const pack = (name: (typeof packs)[number]): Page => (name === 'fixture' ? page : examplePage);

  it.each(REPORT_WIDTHS.flatMap((width) => packs.map((name) => [name, width] as const)))(
    '%s pack at %i px fits the screen with every headline card on it, tables and diagram in their own boxes',
    async (name, width) => {
      const p = pack(name);
      const keys = ['.kpi', 'nav.sections', '#accounts-caption', '.scroll:not(details .scroll)'];
      expect(await layoutProblems(p, width, keys)).toEqual([]);
      // Paths (the assembly's, the sources') break anywhere: in CI the checkout's path is long.
      expect(new Set(await computedStyles(p, 'code', 'overflow-wrap'))).toEqual(new Set(['anywhere']));
      await emulateScreen(p, DESKTOP);
    },
  );

  it.each(packs)('%s pack labels every table with a caption and scoped header cells', async (name) => {
    expect(await tableProblems(pack(name))).toEqual([]);
  });

  // With the folded sections open on a desktop (every table checked), then on a phone with them
  // folded (what depends on layout, such as the size of what is tapped): the example's 500-odd
  // acknowledgements make a second full run slow for nothing.
  it.each(packs)(
    '%s pack has no serious or critical axe violation, on a desktop and a phone',
    async (name) => {
      const p = pack(name);
      await p.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      expect(await axeViolations(p)).toEqual([]);
      await p.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = false; })`);
      await p.setViewportSize({ width: 360, height: 900 });
      expect(await axeViolations(p)).toEqual([]);
      await emulateScreen(p, DESKTOP);
    },
  );

  // axe does not look inside an SVG image: the route tables' names, white on their colour, are checked here.
  it.each(packs)('%s pack names each route table in the diagram at AA contrast (4.5:1)', async (name) => {
    const boxes = pack(name).locator('#network-diagram g.route-table');
    expect(await boxes.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await boxes.count()); i++) {
      const band = String(await boxes.nth(i).locator('rect').nth(1).getAttribute('fill'));
      const text = (
        await computedStyles(pack(name), '#network-diagram g.route-table text.on-colour', 'fill')
      )[i];
      expect(contrastRatio(band, String(text))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('lists as text every link the network diagram draws (its tooltips are for the mouse only)', async () => {
    const lines = page.locator('#network-diagram line.association');
    expect(await lines.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await lines.count()); i++) {
      const from = String(await lines.nth(i).getAttribute('data-from'));
      const to = String(await lines.nth(i).getAttribute('data-to'));
      const associated = page.locator(`#route-tables tr[data-route-table="${to}"] td`).first();
      expect(await associated.textContent()).toContain(from);
    }
  });

  it.each(packs)(
    '%s pack prints on A4 with the cards whole, folded sections open, no navigation',
    async (name) => {
      const p = pack(name);
      await emulatePrint(p);
      expect(await layoutProblems(p, PRINT_WIDTH, ['.kpi', '#network-diagram', '#stack-list'])).toEqual([]);
      for (const selector of ['.kpi', '.chart', 'tbody tr']) {
        expect(new Set(await computedStyles(p, selector, 'break-inside'))).toEqual(new Set(['avoid']));
      }
      expect(new Set(await computedStyles(p, '.scroll', 'overflow-x'))).toEqual(new Set(['visible']));
      expect(await p.locator('#acknowledgements').isVisible()).toBe(true);
      expect(await p.locator('nav.sections').isVisible()).toBe(false);
      expect(await computedStyles(p, 'header', 'background-color')).toEqual(['rgb(255, 255, 255)']);
      await emulateScreen(p, DESKTOP);
    },
  );
});
