import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import {
  ConfigValidationError,
  sortDiagnostics,
  unreadable,
  type Diagnostic,
  type PathSegment,
} from './diagnostics';
import { CONFIG_RULES } from './rules';
import { LandingZoneSchema, type LandingZoneConfig } from './schema';
import { allowedKeysAt, closest } from './schema-walk';
import { buildView } from './view';
import { YamlSource } from './yaml-source';

export interface LoadResult {
  readonly config?: LandingZoneConfig;
  readonly diagnostics: Diagnostic[];
}

function toPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return `is required (expected ${issue.expected})`;
  }
  if (issue.code === 'invalid_type') {
    const received = Array.isArray(issue.input)
      ? 'a list'
      : issue.input === null
        ? 'null'
        : typeof issue.input;
    // YAML reads 012345678901 as a number; the fix is to quote it, so say so.
    const hint = issue.expected === 'string' && received === 'number' ? ' (put the value in quotes)' : '';
    return `expected ${issue.expected === 'array' ? 'a list' : issue.expected}, got ${received}${hint}`;
  }
  if (issue.code === 'invalid_value' && issue.input === undefined) {
    return `is required (one of: ${issue.values.map(String).join(', ')})`;
  }
  if (issue.code === 'invalid_value') {
    return `${JSON.stringify(issue.input)} is not allowed (expected one of: ${issue.values.map(String).join(', ')})`;
  }
  return issue.message;
}

/** Turns schema issues into located diagnostics, one per unknown key so each typo points at its own line. */
export function schemaDiagnostics(
  source: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  rootSchema: z.core.$ZodType = LandingZoneSchema,
): Diagnostic[] {
  return issues.flatMap((issue) => {
    const path = toPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(rootSchema, path);
      return issue.keys.map((key) => {
        const suggestion = closest(key, allowed);
        const hint = suggestion ? `did you mean "${suggestion}"?` : `allowed keys: ${allowed.join(', ')}`;
        return source.diagnostic(path, `unknown key "${key}" (${hint})`, 'error', key);
      });
    }
    if (path.length === 0 && issue.code === 'invalid_type') {
      return [source.diagnostic(path, describeTopLevel(issue.input, allowedKeysAt(rootSchema, [])))];
    }
    return [source.diagnostic(path, describeIssue(issue))];
  });
}

/** An empty file, or a list or a value where the file's mapping belongs, said in words with what belongs there. */
function describeTopLevel(input: unknown, keys: readonly string[]): string {
  const expected = `a mapping with the keys ${keys.filter((k) => k !== '$schema').join(', ')}`;
  if (input === null || input === undefined) {
    return `the file is empty (or only comments): it should hold ${expected}`;
  }
  const got = Array.isArray(input) ? 'a list' : `a single ${typeof input} value`;
  return `the file holds ${got} at the top level: it should hold ${expected}`;
}

/**
 * A YAML file checked against a strict zod schema: its located source and the parsed value, or every
 * syntax and schema problem with file, line and field. For the data files (prices, support dates)
 * whose own rules run on the parsed value.
 */
export function parseYamlText<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): { readonly source: YamlSource; readonly value?: z.infer<S>; readonly diagnostics: Diagnostic[] } {
  const source = new YamlSource(file, text);
  if (source.parseDiagnostics.length > 0) {
    return { source, diagnostics: source.parseDiagnostics };
  }
  const parsed = schema.safeParse(source.data, { reportInput: true });
  return parsed.success
    ? { source, value: parsed.data, diagnostics: [] }
    : { source, diagnostics: sortDiagnostics(schemaDiagnostics(source, parsed.error.issues, schema)) };
}

/** Validates configuration text: schema first, then every cross-field rule over the valid parts. */
export function validateConfigText(file: string, text: string): LoadResult {
  const source = new YamlSource(file, text);
  if (source.parseDiagnostics.length > 0) {
    return { diagnostics: source.parseDiagnostics };
  }
  const diagnostics: Diagnostic[] = [];
  const parsed = LandingZoneSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) {
    diagnostics.push(...schemaDiagnostics(source, parsed.error.issues));
  }
  const view = buildView(source.data);
  for (const rule of CONFIG_RULES) {
    rule(view, (path, message, severity = 'error', firstUsedAt) =>
      diagnostics.push(
        source.diagnostic(
          path,
          firstUsedAt === undefined
            ? message
            : `${message} (first used at line ${source.locate(firstUsedAt).line})`,
          severity,
        ),
      ),
    );
  }
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  return {
    config: parsed.success && !hasErrors ? parsed.data : undefined,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

export function validateConfigFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { diagnostics: [unreadable(file, error)] };
  }
  return validateConfigText(file, text);
}

/** For synth: a valid configuration or a ConfigValidationError listing every problem. */
export function loadConfig(file: string): LandingZoneConfig {
  const result = validateConfigFile(file);
  if (result.config === undefined) {
    throw new ConfigValidationError(result.diagnostics);
  }
  return result.config;
}
