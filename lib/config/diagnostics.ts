import { cannotRead } from '../errors';
/** One problem found in a configuration file, located precisely enough to fix without searching. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path in dotted form, e.g. network.vpcs[2].cidr. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export type PathSegment = string | number;

export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      out += out === '' ? segment : `.${segment}`;
    }
  }
  return out === '' ? '(root)' : out;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.path}: ${d.message}`;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path),
  );
}

/** Thrown when a configuration cannot be used; carries every diagnostic, not just the first. */
export class ConfigValidationError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super(
      `Configuration has ${errors.length} error(s):\n` +
        sortDiagnostics(errors)
          .map((d) => `  ${formatDiagnostic(d)}`)
          .join('\n'),
    );
    this.name = 'ConfigValidationError';
  }
}

/** A problem reading a file or folder, located at the file itself (line 0) since there is no text. */
export function unreadable(
  file: string,
  error: unknown,
  what: '(file)' | '(directory)' = '(file)',
): Diagnostic {
  return { file, line: 0, column: 0, path: what, message: cannotRead(file, error), severity: 'error' };
}
