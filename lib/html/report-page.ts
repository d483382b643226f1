/*
 * What the generated HTML reports (the managers' dashboard, the architect's review pack, the cutover
 * runbooks) share so that each reads on a 360 px phone, a tablet, a desktop and on paper, by keyboard
 * and touch as well as by mouse: the colour palette, the tables' markup, and the responsive and print
 * rules. Each page keeps its own look in its own stylesheet and adds REPORT_CSS after it.
 *
 * Nothing here escapes text: callers pass HTML they have already escaped.
 */

/**
 * The colours text and status badges use, each chosen for WCAG 2.2 AA contrast (checked by axe in
 * the browser tests): text and badge labels at least 4.5:1 against their background, chart marks at
 * least 3:1 against the white chart. Amber was GOV.UK orange #f47738 with white text (2.78:1);
 * #d96a00 carries dark text at 5.6:1 and still stands out 3.5:1 as a mark on white.
 */
export const PALETTE = {
  ink: '#0b0c0c',
  muted: '#505a5f',
  red: '#d4351c',
  amber: '#d96a00',
  green: '#00703c',
  blue: '#1d70b8',
  grey: '#505a5f',
  /** Baselines and other secondary chart marks: 3.5:1 on white (was #b1b4b6, 2.1:1). */
  secondary: '#7b8387',
  /** GOV.UK's focus colour: a yellow band with dark text wherever the keyboard is. */
  focus: '#ffdd00',
} as const;

/** The text colour on a badge of each background: dark on amber, white on the rest. */
export const BADGE_TEXT: Readonly<Record<'red' | 'amber' | 'green' | 'blue' | 'grey', string>> = {
  red: '#ffffff',
  amber: PALETTE.ink,
  green: '#ffffff',
  blue: '#ffffff',
  grey: '#ffffff',
};

export interface ReportTable {
  /** The table's id; its caption gets `<id>-caption`, which also names the scrolling container. */
  readonly id: string;
  /** The visible caption, as HTML. */
  readonly caption: string;
  /** Column headings as HTML, in order; `num: true` right-aligns a column of figures. */
  readonly columns: readonly (string | { readonly html: string; readonly num: true })[];
  /** The body rows, `<tr>`s whose first cell names the row as `<th scope="row">`. */
  readonly rows: string;
  /** Extra attributes for the `<table>` element, e.g. `data-count="3"`. */
  readonly attributes?: string;
  /**
   * `stack` turns each row into a card on narrow screens (every cell needs a `data-label`); by
   * default a table too wide for the screen scrolls sideways inside its own box, never the page.
   */
  readonly narrow?: 'scroll' | 'stack';
}

/**
 * A table with a caption and scoped headers, in a box that scrolls sideways on its own when the
 * table is wider than the screen. The box is a named region that takes keyboard focus, so it can be
 * scrolled with the arrow keys (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function reportTable(t: ReportTable): string {
  const head = t.columns
    .map((c) =>
      typeof c === 'string' ? `<th scope="col">${c}</th>` : `<th scope="col" class="num">${c.html}</th>`,
    )
    .join('');
  const classes = t.narrow === 'stack' ? ' class="stack"' : '';
  return `<div class="scroll" role="region" tabindex="0" aria-labelledby="${t.id}-caption"><table id="${t.id}"${classes}${t.attributes ? ` ${t.attributes}` : ''}><caption id="${t.id}-caption">${t.caption}</caption><thead><tr>${head}</tr></thead><tbody>${t.rows}</tbody></table></div>`;
}

/**
 * A chart in a box that scrolls sideways on a phone instead of shrinking its labels past reading;
 * `minWidth` is the narrowest the chart is drawn. Focusable and named, like a table's box.
 */
export function chartBox(label: string, minWidth: number, svg: string): string {
  return `<div class="scroll chart" role="region" tabindex="0" aria-label="${label}" style="--chart-min:${minWidth}px">${svg}</div>`;
}

/**
 * Shared by every report, after the page's own rules so these win:
 * - captions and header cells (body `th` names its row and reads like a cell);
 * - boxes that scroll tables and charts sideways, with a visible focus ring;
 * - stacked tables on screens up to 900 px: each row a card, each cell labelled from `data-label`,
 *   the row's name first and its status (`.first`) right under it;
 * - print: white paper, no backgrounds except status colours, one column, folded details opened,
 *   nothing clipped by a scrolling box, cards, rows and charts never split across pages, headings kept with what
 *   follows, and the screen's navigation dropped.
 */
export const REPORT_CSS = `
caption{caption-side:top;text-align:left;font-weight:600;font-size:13px;color:${PALETTE.ink};padding:0 0 6px}
/* A caption stays on screen while its table scrolls sideways under it. */
.scroll caption{position:sticky;left:0;max-width:calc(100vw - 48px)}
summary{cursor:pointer;color:${PALETTE.blue};font-weight:600;margin-top:8px}
thead th{text-align:left;font-size:12px;color:${PALETTE.muted};border-bottom:2px solid #b1b4b6;padding:6px 8px;text-transform:uppercase;letter-spacing:.03em}
tbody th{text-align:left;font-weight:inherit;font-size:inherit;color:inherit;text-transform:none;letter-spacing:normal;border-bottom:1px solid #e5e5e5;padding:6px 8px;vertical-align:top}
.scroll{overflow-x:auto;max-width:100%;margin-bottom:4px}
.scroll:focus-visible,summary:focus-visible{outline:3px solid ${PALETTE.focus};outline-offset:0;box-shadow:0 0 0 5px ${PALETTE.ink}}
summary:focus-visible{background:${PALETTE.focus};color:${PALETTE.ink}}
.chart svg{min-width:var(--chart-min)}
.grid2>*{min-width:0}
nav.sections ul{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;margin:0 0 14px;padding:0}
/* At least 24 px high to tap (WCAG 2.2 target size), even when the list wraps on a phone. */
nav.sections a{display:inline-block;min-height:24px;padding:2px 0;color:${PALETTE.blue};font-weight:600}
nav.sections a:focus-visible{outline:3px solid transparent;background:${PALETTE.focus};color:${PALETTE.ink};box-shadow:0 -2px ${PALETTE.focus},0 4px ${PALETTE.ink};text-decoration:none}
@media screen and (max-width:900px){
  .grid2{grid-template-columns:1fr}
  table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
  table.stack,table.stack caption,table.stack tbody,table.stack tr{display:block;width:100%}
  table.stack tr{display:flex;flex-direction:column;border:1px solid #d8d8d8;border-radius:4px;margin-bottom:10px;padding:4px 0}
  table.stack tbody th,table.stack td{display:grid;grid-template-columns:minmax(6.5em,30%) 1fr;gap:8px;border:0;padding:4px 10px;white-space:normal}
  table.stack tbody th{order:-2;font-weight:700;display:block;border-bottom:1px solid #e5e5e5}
  table.stack td.first{order:-1}
  table.stack td::before{content:attr(data-label);font-size:12px;color:${PALETTE.muted};text-transform:uppercase;letter-spacing:.03em}
  table.stack .num{text-align:left}
}
@media screen and (max-width:640px){
  header{padding:14px 12px}
  main{padding:12px}
  section{padding:12px}
  footer{padding:0 12px 16px}
}
@media print{
  @page{margin:12mm}
  body{background:#fff;font-size:10pt}
  header{background:#fff;color:${PALETTE.ink};border-bottom:3px solid ${PALETTE.ink};padding:0 0 8px;margin-bottom:12px}
  header .sub{color:${PALETTE.ink}}
  main,footer{padding:0;max-width:none}
  section{border:0;border-top:1px solid #b1b4b6;border-radius:0;padding:10px 0 0}
  nav.sections{display:none}
  .grid2{grid-template-columns:1fr}
  .kpi,.chart,tr,li,figure{break-inside:avoid}
  h2,h3,caption,summary{break-after:avoid}
  .scroll{overflow:visible}
  .chart svg{min-width:0}
  .nowrap,.num{white-space:normal}
  /* Paper cannot scroll: a long name breaks rather than runs off the page (identifiers, .id, and
     paths anywhere; words only where they would otherwise overflow, so short words never split). */
  td,th{overflow-wrap:break-word}
  .mono,code,.id{overflow-wrap:anywhere}
  details::details-content{content-visibility:visible;display:block}
  summary{list-style:none;color:${PALETTE.ink};cursor:auto}
  summary::-webkit-details-marker{display:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
