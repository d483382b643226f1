import { CORE_SCHEMA, load } from 'js-yaml';
import {
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import { formatPath, type Diagnostic, type PathSegment } from './diagnostics';

/**
 * A parsed YAML file that remembers where every value came from, so that a problem found at a
 * field path can be reported at the line an engineer has to edit.
 *
 * The data comes from js-yaml with the YAML 1.2 core schema (about ten times faster than the
 * located parse, which matters at a thousand workloads); the located document (yaml) is parsed only
 * when a problem has to be placed, or when js-yaml refuses the text, so that every syntax error and
 * key written twice is reported by the same located parser as before.
 */
export class YamlSource {
  readonly data: unknown;
  readonly parseDiagnostics: Diagnostic[];
  private located?: { readonly doc: Document; readonly lines: LineCounter };

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    let data: unknown;
    let fast = true;
    try {
      data = load(text, { schema: CORE_SCHEMA, filename: file });
    } catch {
      fast = false;
    }
    if (fast) {
      this.data = data ?? null;
      this.parseDiagnostics = [];
      return;
    }
    const { doc, lines } = this.document();
    this.parseDiagnostics = [...doc.errors, ...doc.warnings].map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return {
        file,
        line: pos.line,
        column: pos.col,
        path: '(yaml)',
        message: e.message.split('\n')[0] ?? e.message,
        severity: 'error' as const,
      };
    });
    this.data = doc.errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 });
  }

  /** The located parse, made on first use. */
  private document(): { readonly doc: Document; readonly lines: LineCounter } {
    if (!this.located) {
      const lines = new LineCounter();
      // uniqueKeys: a key written twice is a mistake, not a silent override.
      const doc = parseDocument(this.text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
      this.located = { doc, lines };
    }
    return this.located;
  }

  /** Line and column of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PathSegment[], key?: string): { line: number; column: number } {
    const { doc, lines } = this.document();
    let node: unknown = doc.contents;
    let located: unknown = node;
    for (const segment of path) {
      const next = this.child(node, segment);
      if (next === undefined) {
        break;
      }
      node = next.value;
      located = next.value ?? next.key;
    }
    if (key !== undefined) {
      const pair = this.child(node, key);
      if (pair?.key) {
        located = pair.key;
      }
    }
    const offset = isNode(located) && located.range ? located.range[0] : 0;
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  diagnostic(
    path: readonly PathSegment[],
    message: string,
    severity: 'error' | 'warning' = 'error',
    key?: string,
  ): Diagnostic {
    const { line, column } = this.locate(path, key);
    const fullPath = key === undefined ? path : [...path, key];
    return { file: this.file, line, column, path: formatPath(fullPath), message, severity };
  }

  private child(
    node: unknown,
    segment: PathSegment,
  ): { key: Node | undefined; value: Node | undefined } | undefined {
    if (isMap(node)) {
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment)) {
          return { key: item.key, value: isNode(item.value) ? item.value : undefined };
        }
      }
      return undefined;
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      return isNode(item) ? { key: undefined, value: item } : undefined;
    }
    return undefined;
  }
}
