import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/*
 * What every generated report must do for the people who read it: fit a phone, a tablet and a desktop
 * without the page scrolling sideways, print with its cards whole, and pass axe-core with no serious
 * or critical violation. The browser tests of each report call these with the page they already
 * opened (one browser per test file); the page's own scripts are never needed, so axe is injected
 * from the npm package rather than fetched.
 *
 * Expressions run in the page are strings: the tests compile without the DOM library.
 */

/** A small phone, a tablet in portrait, a desktop: the widths issue 20 asks every report to fit. */
export const REPORT_WIDTHS = [360, 768, 1400] as const;

/** A4 portrait at 96 dpi less Chromium's default margins: the width a printed page lays out at. */
export const PRINT_WIDTH = 718;

// axe.min.js is self-contained (it defines window.axe); @axe-core/playwright would do the same
// injection but declares Node >= 22.12, and this project runs on Node 20.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts that fail a report: "moderate" and "minor" are advice, these block a reader. */
const BLOCKING_IMPACTS = ['serious', 'critical'];

interface AxeNode {
  readonly target: readonly unknown[];
}
interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly AxeNode[];
}

/**
 * Runs axe-core (WCAG 2.0, 2.1 and 2.2 A and AA rules, and best practice) on the page as it is now
 * and returns one line per serious or critical violation and element: rule id, impact, target. An
 * empty list is a pass; a test asserts `toEqual([])` so a failure prints exactly what to fix.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if ((await page.evaluate('typeof window.axe')) === 'undefined') {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] }).then((r) => r.violations)`,
  );
  return violations
    .filter((v) => v.impact !== null && BLOCKING_IMPACTS.includes(v.impact))
    .flatMap((v) =>
      v.nodes.map((node) => `${v.id} (${v.impact ?? ''}): ${node.target.map(String).join(' ')}: ${v.help}`),
    );
}

/**
 * Lays the page out at `width` and returns what is wrong with it: the page itself scrolling
 * sideways, or an element matching one of `keys` missing, hidden, or not wholly inside the viewport
 * (so on a phone it could be read only by scrolling the page sideways). Every match of a key is
 * checked. Tables and charts may scroll inside their own box (`.scroll`): pass `.scroll` as a key to
 * check that the boxes themselves fit.
 */
export async function layoutProblems(page: Page, width: number, keys: readonly string[]): Promise<string[]> {
  await page.setViewportSize({ width, height: 900 });
  return page.evaluate<string[]>(
    `(() => {
      const problems = [];
      const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/ +/).join('.') : '');
      const scrollWidth = document.documentElement.scrollWidth;
      if (scrollWidth > window.innerWidth) {
        // The innermost elements that reach past the right edge: what to fix.
        const over = (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5;
        const wide = [...document.querySelectorAll('body *')].filter((el) => over(el) && ![...el.children].some(over));
        problems.push('the page is ' + scrollWidth + ' px wide (it scrolls sideways): ' + wide.slice(0, 3).map(name).join(', '));
      }
      for (const key of ${JSON.stringify(keys)}) {
        const matches = [...document.querySelectorAll(key)];
        if (matches.length === 0) problems.push(key + ' is missing');
        matches.forEach((el, i) => {
          const box = el.getBoundingClientRect();
          const label = key + (matches.length > 1 ? ' #' + (i + 1) : '');
          if (!el.checkVisibility() || box.width === 0 || box.height === 0) problems.push(label + ' is not shown');
          else if (box.left < -0.5 || box.right > window.innerWidth + 0.5) problems.push(label + ' spans ' + Math.round(box.left) + '..' + Math.round(box.right) + ' px, outside the ' + window.innerWidth + ' px viewport');
        });
      }
      return problems.map((p) => 'at ' + window.innerWidth + ' px ' + p);
    })()`,
  );
}

/** The computed value of a CSS property for every element matching `selector`, in document order. */
export async function computedStyles(page: Page, selector: string, property: string): Promise<string[]> {
  return page.evaluate<string[]>(
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => getComputedStyle(el).getPropertyValue(${JSON.stringify(property)}))`,
  );
}

/**
 * Every table on the page has a caption, and every header cell a scope (col for a column, row for the
 * cell that names its row): what a screen reader announces when it moves through a table. Returns
 * the tables and header cells that lack them.
 */
export async function tableProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(
    `[...document.querySelectorAll('table')].flatMap((table, i) => {
      const name = table.id ? '#' + table.id : 'table ' + (i + 1) + ' in #' + (table.closest('section[id]')?.id ?? '?');
      const problems = [];
      if (!table.caption || table.caption.textContent.trim() === '') problems.push(name + ' has no caption');
      for (const th of table.querySelectorAll('th')) {
        const scope = th.getAttribute('scope');
        const expected = th.closest('thead') ? 'col' : 'row';
        if (scope !== expected) problems.push(name + ': <th>' + th.textContent.trim().slice(0, 30) + '</th> has scope ' + scope + ', expected ' + expected);
        if (th.textContent.trim() === '') problems.push(name + ' has an empty header cell');
      }
      return problems;
    })`,
  );
}

/** Switches the page to print media at the width of an A4 page, as Chromium's "Print" lays it out. */
export async function emulatePrint(page: Page): Promise<void> {
  await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
  await page.emulateMedia({ media: 'print' });
}

/** Back to the screen, for the tests that run after a print check on the same page. */
export async function emulateScreen(page: Page, width = 1400): Promise<void> {
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width, height: 900 });
}

/** WCAG's contrast ratio of two colours given as `#rrggbb` or `rgb(r, g, b)` (as getComputedStyle gives them). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (colour: string): number => {
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour.trim());
    const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour.trim());
    const parts = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : rgb ? rgb.slice(1).map(Number) : undefined;
    if (!parts) {
      throw new Error(`not a colour: ${colour}`);
    }
    const [r = 0, g = 0, bl = 0] = parts.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
