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
 */
export class YamlSource {
  readonly data: unknown;
  readonly parseDiagnostics: Diagnostic[];
  private readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines = new LineCounter();
    // uniqueKeys: a key written twice is a mistake, not a silent override.
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
    this.parseDiagnostics = [...this.doc.errors, ...this.doc.warnings].map((e) => {
      const pos = this.lines.linePos(e.pos[0]);
      return {
        file,
        line: pos.line,
        column: pos.col,
        path: '(yaml)',
        message: e.message.split('\n')[0] ?? e.message,
        severity: 'error' as const,
      };
    });
    this.data = this.doc.errors.length > 0 ? undefined : this.doc.toJS({ maxAliasCount: 100 });
  }

  /** Line and column of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PathSegment[], key?: string): { line: number; column: number } {
    let node: unknown = this.doc.contents;
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
    const pos = this.lines.linePos(offset);
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
