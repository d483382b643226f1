/** The cells of the first markdown table after a marker, ignoring the alignment prettier adds. */
export function tableAfter(markdown: string, marker: string): string[][] {
  const start = markdown.indexOf(marker);
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) {
      break;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (!cells.every((c) => /^-+$/.test(c))) {
      rows.push(cells);
    }
  }
  return rows;
}
