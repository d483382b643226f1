/*
 * Plain text that fits the reader's screen: the terminal's width when there is one, a readable
 * default for logs and pipes.
 */

/** Width for text output: the terminal's columns, or 100 when writing to a file, a pipe or a CI log. */
export function outputWidth(columns: number | undefined): number {
  return columns !== undefined && columns >= 40 ? columns : 100;
}

/** Wraps `text` at spaces to `width`, indenting every line after the first by `indent` spaces. */
export function wrap(text: string, width: number, indent = 0, firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = ' '.repeat(firstIndent);
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(indent);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/**
 * Money as every output shows it (`lz cost`, the dashboard, the PR summary, the review pack): to the
 * penny, en-GB grouping, the sign before the symbol. One format, so the same figure reads the same.
 */
function money(symbol: string, n: number): string {
  return `${n < 0 ? '-' : ''}${symbol}${Math.abs(n).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
export const usd = (n: number): string => money('$', n);
export const gbp = (n: number): string => money('£', n);
