import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../../../../lib/config/diagnostics';
import { validateConfigText } from '../../../../lib/config/load';

export const FILE = 'config/landing-zone.yaml';
export const EXAMPLE = readFileSync(FILE, 'utf8');

/** The example file with each `[from, to]` replacement applied once; fails loudly if `from` is absent. */
export function edited(...replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) {
      throw new Error(`fixture text not found: ${from}`);
    }
    return text.replace(from, to);
  }, EXAMPLE);
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) {
    throw new Error(`not found: ${needle}`);
  }
  return text.slice(0, at).split('\n').length;
}

export function errorsOf(text: string): Diagnostic[] {
  return validateConfigText(FILE, text).diagnostics.filter((d) => d.severity === 'error');
}
