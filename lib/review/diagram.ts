import { escapeHtml as e } from '../waves/report/svg';
import type { NetworkView, RouteTableView, VpcView, VpnView } from './network';

/*
 * The network plan as one inline SVG: VPCs with their subnets above, the Transit Gateway's route
 * tables (with static routes and blackholes) in the middle, the site VPNs below. Each attachment is
 * drawn to the route table it is associated with, in that table's colour; the coloured squares in a
 * box are the tables its routes propagate into. Every shape carries data attributes the tests read.
 */

const WIDTH = 1240;
const PAD = 20;
const GAP = 16;
const ROW = 15;
// Route-table colours: each carries its name in white on a header band, so each is at least 4.5:1
// against white (WCAG 2.2 AA); orange, turquoise and olive are the darker shades of GOV.UK's.
const PALETTE = ['#1d70b8', '#00703c', '#b35400', '#4c2c92', '#d4351c', '#00716a', '#912b88', '#5e6b2f'];

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

function grid(count: number, perRow: number, top: number, heightOf: (i: number) => number): Box[] {
  const boxes: Box[] = [];
  let y = top;
  for (let start = 0; start < count; start += perRow) {
    const inRow = Math.min(perRow, count - start);
    const w = (WIDTH - 2 * PAD - (inRow - 1) * GAP) / inRow;
    let rowHeight = 0;
    for (let i = 0; i < inRow; i++) {
      const h = heightOf(start + i);
      rowHeight = Math.max(rowHeight, h);
      boxes.push({ x: PAD + i * (w + GAP), y, w, h });
    }
    y += rowHeight + GAP;
  }
  return boxes;
}

const bottomOf = (boxes: readonly Box[], fallback: number): number =>
  boxes.reduce((m, b) => Math.max(m, b.y + b.h), fallback);

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/** A name as a label shows it (the prefix every name shares left out). */
type Label = (name: string) => string;

/** Lines a route takes in a route-table box: a blackhole one, a route two (destination, then target). */
const routeLines = (t: RouteTableView): number => t.routes.reduce((k, r) => k + (r.blackhole ? 1 : 2), 0);

function propagationMarks(
  name: string,
  tables: readonly RouteTableView[],
  colour: ReadonlyMap<string, string>,
  box: Box,
  y: number,
): string {
  const into = tables.filter((t) => t.propagations.includes(name));
  const marks = into
    .map(
      (t, i) =>
        `<rect class="propagation" data-into="${e(t.name)}" x="${n(box.x + 92 + i * 14)}" y="${n(y - 9)}" width="10" height="10" fill="${colour.get(t.name) ?? '#505a5f'}"><title>propagates into ${e(t.name)}</title></rect>`,
    )
    .join('');
  return `<text x="${n(box.x + 8)}" y="${n(y)}" class="muted">propagates into</text>${marks || `<text x="${n(box.x + 92)}" y="${n(y)}" class="muted">(none)</text>`}`;
}

function vpcBox(
  vpc: VpcView,
  box: Box,
  tables: readonly RouteTableView[],
  colour: ReadonlyMap<string, string>,
  label: Label,
): string {
  const rows = vpc.subnets
    .map(
      (s, i) =>
        `<g class="subnet" data-cidr="${e(s.cidr)}" data-tier="${e(s.tier)}" data-zone="${e(s.zone)}"><text x="${n(box.x + 8)}" y="${n(box.y + 54 + i * ROW)}">${e(s.tier)}</text><text x="${n(box.x + 78)}" y="${n(box.y + 54 + i * ROW)}" class="muted">${e(s.zone)}</text><text x="${n(box.x + box.w - 8)}" y="${n(box.y + 54 + i * ROW)}" text-anchor="end" class="mono">${e(s.cidr)}</text></g>`,
    )
    .join('');
  return `<g class="vpc" data-vpc="${e(vpc.name)}" data-subnets="${vpc.subnets.length}">
<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="6" class="box"/>
<text x="${n(box.x + 8)}" y="${n(box.y + 18)}" class="title">VPC ${e(label(vpc.name))}</text>
<text x="${n(box.x + box.w - 8)}" y="${n(box.y + 18)}" text-anchor="end" class="mono strong">${e(vpc.cidr)}</text>
<text x="${n(box.x + 8)}" y="${n(box.y + 36)}" class="muted">${vpc.subnets.length} subnets: tier, zone, CIDR</text>
${rows}
${propagationMarks(vpc.name, tables, colour, box, box.y + box.h - 10)}
</g>`;
}

function vpnBox(
  vpn: VpnView,
  box: Box,
  tables: readonly RouteTableView[],
  colour: ReadonlyMap<string, string>,
  label: Label,
): string {
  return `<g class="vpn" data-vpn="${e(vpn.name)}">
<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="6" class="box site"/>
<text x="${n(box.x + 8)}" y="${n(box.y + 18)}" class="title">VPN ${e(label(vpn.name))}</text>
<text x="${n(box.x + 8)}" y="${n(box.y + 35)}" class="muted">site ${e(vpn.site || '(untagged)')} · device ${e(vpn.customerGatewayIp)}</text>
<text x="${n(box.x + 8)}" y="${n(box.y + 50)}" class="muted">${vpn.staticRoutesOnly ? 'static routes' : `BGP, site ASN ${e(vpn.bgpAsn)}`}</text>
${propagationMarks(vpn.name, tables, colour, box, box.y + box.h - 10)}
</g>`;
}

function tableBox(table: RouteTableView, box: Box, colour: string, label: Label): string {
  let line = 0;
  const y = () => n(box.y + 52 + line++ * ROW);
  const routes = table.routes
    .map((r) =>
      r.blackhole
        ? `<text x="${n(box.x + 8)}" y="${y()}" class="blackhole mono" data-cidr="${e(r.cidr)}">${e(r.cidr)} ⊘ blackhole</text>`
        : `<text x="${n(box.x + 8)}" y="${y()}" class="route mono" data-cidr="${e(r.cidr)}">${e(r.cidr)}</text><text x="${n(box.x + 20)}" y="${y()}" class="route mono">→ ${e(label(r.target ?? '?'))}</text>`,
    )
    .join('');
  return `<g class="route-table" data-route-table="${e(table.name)}" data-associations="${table.associations.length}" data-propagations="${table.propagations.length}" data-blackholes="${table.routes.filter((r) => r.blackhole).length}">
<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="${n(box.h)}" rx="6" fill="#fff" stroke="${colour}" stroke-width="3"/>
<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(box.w)}" height="22" rx="6" fill="${colour}"/>
<text x="${n(box.x + 8)}" y="${n(box.y + 16)}" class="title on-colour">${e(label(table.name))}</text>
<text x="${n(box.x + 8)}" y="${n(box.y + 36)}" class="muted">${table.associations.length} associated · ${table.propagations.length} propagated</text>
${routes}
</g>`;
}

/** The prefix every VPC, VPN and route-table name shares (e.g. "kvdc-"), left out of the labels to save room. */
function commonPrefix(names: readonly string[]): string {
  if (names.length < 2) {
    return '';
  }
  let prefix = names[0] ?? '';
  for (const name of names) {
    while (!name.startsWith(prefix)) {
      prefix = prefix.slice(0, -1);
    }
  }
  const cut = prefix.lastIndexOf('-');
  return cut > 0 ? prefix.slice(0, cut + 1) : '';
}

/**
 * Route tables in the order of the attachments associated with them (VPCs left to right, then
 * VPNs), so association lines run down rather than across the diagram.
 */
function layoutOrder(view: NetworkView): NetworkView {
  const position = new Map<string, number>();
  [...view.vpcs, ...view.vpns].forEach((a, i) => position.set(a.name, i));
  const first = (t: RouteTableView): number =>
    Math.min(
      Number.MAX_SAFE_INTEGER,
      ...t.associations.map((a) => position.get(a) ?? Number.MAX_SAFE_INTEGER),
    );
  return { ...view, routeTables: [...view.routeTables].sort((a, b) => first(a) - first(b)) };
}

export function networkDiagram(view: NetworkView): string {
  const net = layoutOrder(view);
  const prefix = commonPrefix([
    ...net.vpcs.map((v) => v.name),
    ...net.vpns.map((v) => v.name),
    ...net.routeTables.map((t) => t.name),
  ]);
  const label: Label = (name) => (prefix && name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const colour = new Map(
    net.routeTables.map((t, i) => [t.name, PALETTE[i % PALETTE.length] ?? '#505a5f'] as const),
  );
  const vpcBoxes = grid(net.vpcs.length, 4, 44, (i) => 76 + (net.vpcs[i]?.subnets.length ?? 0) * ROW);
  const tgwTop = bottomOf(vpcBoxes, 44) + 50;
  const tableBoxes = grid(net.routeTables.length, 5, tgwTop + 30, (i) =>
    Math.max(64, 46 + (net.routeTables[i] ? routeLines(net.routeTables[i]) : 0) * ROW),
  );
  const tgwBottom = bottomOf(tableBoxes, tgwTop + 60) + 4;
  const vpnBoxes = grid(net.vpns.length, 5, tgwBottom + 50, () => 80);
  const height = bottomOf(vpnBoxes, tgwBottom) + PAD;

  const tableBox_ = new Map(net.routeTables.map((t, i) => [t.name, tableBoxes[i]] as const));
  const lines: string[] = [];
  const connect = (name: string, box: Box, fromTop: boolean): void => {
    for (const table of net.routeTables.filter((t) => t.associations.includes(name))) {
      const to = tableBox_.get(table.name);
      if (!to) {
        continue;
      }
      const x1 = box.x + box.w / 2;
      const y1 = fromTop ? box.y : box.y + box.h;
      const x2 = to.x + to.w / 2;
      const y2 = fromTop ? to.y + to.h : to.y;
      lines.push(
        `<line class="association" data-from="${e(name)}" data-to="${e(table.name)}" x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${colour.get(table.name) ?? '#505a5f'}" stroke-width="2.5"><title>${e(name)} is associated with ${e(table.name)}</title></line>`,
      );
    }
  };
  net.vpcs.forEach((v, i) => {
    const box = vpcBoxes[i];
    if (box) connect(v.name, box, false);
  });
  net.vpns.forEach((v, i) => {
    const box = vpnBoxes[i];
    if (box) connect(v.name, box, true);
  });

  return `<svg id="network-diagram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${n(height)}" width="100%" style="max-width:${WIDTH}px;height:auto" role="img" aria-label="Network plan: ${net.vpcs.length} VPCs, ${net.routeTables.length} Transit Gateway route tables, ${net.vpns.length} site VPNs">
<style>
text{font-family:"Segoe UI",Arial,sans-serif;font-size:12px;fill:#0b0c0c}
.title{font-weight:700;font-size:13px}.on-colour{fill:#fff}.muted{fill:#505a5f;font-size:11px}
.mono{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:11px}.strong{font-weight:700}
.box{fill:#fff;stroke:#b1b4b6;stroke-width:1.5}.site{fill:#f8f8f8}
.blackhole{fill:#d4351c}.route{fill:#0b0c0c}.band{fill:#eef3f8;stroke:#1d70b8;stroke-dasharray:6 4}
.legend{font-size:11px;fill:#505a5f}
</style>
<text x="${PAD}" y="26" class="legend">Lines: each attachment to the route table it is associated with (the table it routes through), in that table's colour. Squares: the tables its routes propagate into. ⊘ blackhole: dropped at the hub.${prefix ? ` Names without the "${e(prefix)}" prefix.` : ''}</text>
<rect class="band" x="${PAD / 2}" y="${n(tgwTop)}" width="${WIDTH - PAD}" height="${n(tgwBottom - tgwTop)}" rx="8"/>
<text x="${PAD}" y="${n(tgwTop + 20)}" class="title">Transit Gateway: ${net.routeTables.length} route tables</text>
${lines.join('\n')}
${net.vpcs.map((v, i) => (vpcBoxes[i] ? vpcBox(v, vpcBoxes[i], net.routeTables, colour, label) : '')).join('\n')}
${net.routeTables.map((t, i) => (tableBoxes[i] ? tableBox(t, tableBoxes[i], colour.get(t.name) ?? '#505a5f', label) : '')).join('\n')}
${net.vpns.map((v, i) => (vpnBoxes[i] ? vpnBox(v, vpnBoxes[i], net.routeTables, colour, label) : '')).join('\n')}
</svg>`;
}
