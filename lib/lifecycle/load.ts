import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigValidationError, sortDiagnostics, unreadable, type Diagnostic } from '../config/diagnostics';
import { parseYamlText } from '../config/load';
import { EndOfSupportSchema, type EndOfSupportTable } from './schema';

/** The committed table, beside this module (an input of every synth, like the rest of lib/). */
export const END_OF_SUPPORT_FILE = 'lib/lifecycle/end-of-support.yaml';
const END_OF_SUPPORT_PATH = join(__dirname, 'end-of-support.yaml');

export interface EndOfSupportResult {
  readonly table?: EndOfSupportTable;
  readonly diagnostics: Diagnostic[];
}

/** Validates end-of-support text: schema, then one entry per product, patterns that compile, no version named twice. */
export function validateEndOfSupportText(file: string, text: string): EndOfSupportResult {
  const { source, value, diagnostics: invalid } = parseYamlText(file, text, EndOfSupportSchema);
  if (!value) {
    return { diagnostics: invalid };
  }
  const diagnostics: Diagnostic[] = [];
  const products = new Map<string, number>();
  value.products.forEach((p, i) => {
    const first = products.get(p.product);
    if (first !== undefined) {
      diagnostics.push(
        source.diagnostic(
          ['products', i, 'product'],
          `${p.product} is listed twice (first at products[${first}])`,
        ),
      );
    }
    products.set(p.product, i);
    if (p.osPattern !== undefined) {
      try {
        if (new RegExp(p.osPattern).source.indexOf('(') < 0) {
          diagnostics.push(
            source.diagnostic(['products', i, 'osPattern'], 'needs a group that captures the version'),
          );
        }
      } catch (error) {
        diagnostics.push(
          source.diagnostic(
            ['products', i, 'osPattern'],
            `is not a regular expression: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
    }
    const seen = new Map<string, number>();
    p.versions.forEach((v, j) => {
      for (const m of v.matches) {
        const other = seen.get(m.toLowerCase());
        if (other !== undefined) {
          diagnostics.push(
            source.diagnostic(
              ['products', i, 'versions', j, 'matches'],
              `"${m}" already names versions[${other}] of ${p.product}`,
            ),
          );
        }
        seen.set(m.toLowerCase(), j);
      }
      if (v.rdsEndOfStandardSupport !== undefined && v.rdsSource === undefined) {
        diagnostics.push(
          source.diagnostic(['products', i, 'versions', j], 'rdsEndOfStandardSupport needs its rdsSource'),
        );
      }
    });
  });
  return diagnostics.length > 0
    ? { diagnostics: sortDiagnostics(diagnostics) }
    : { table: value, diagnostics: [] };
}

let committed: EndOfSupportTable | undefined;

/** The committed table, read once per process; throws a ConfigValidationError listing every problem. */
export function committedEndOfSupport(): EndOfSupportTable {
  if (committed === undefined) {
    let text: string;
    try {
      text = readFileSync(END_OF_SUPPORT_PATH, 'utf8');
    } catch (error) {
      throw new ConfigValidationError([unreadable(END_OF_SUPPORT_FILE, error)]);
    }
    const result = validateEndOfSupportText(END_OF_SUPPORT_FILE, text);
    if (!result.table) {
      throw new ConfigValidationError(result.diagnostics);
    }
    committed = result.table;
  }
  return committed;
}
