import type { z } from 'zod';

/**
 * An element as its schema reads it, where unknown keys alone do not make it invalid. The schema
 * pass over the whole file reports each typo; the element's cross-field checks (overlaps, duplicate
 * names, references) still run on what it does say, so one typo never hides another mistake in the
 * same entry. Any other schema problem leaves the element out, as it cannot be trusted.
 */
export function parseIgnoringUnknownKeys<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { success: true; data: T } | { success: false } {
  const result = schema.safeParse(value);
  if (result.success) {
    return { success: true, data: result.data };
  }
  const issues = result.error.issues;
  if (!issues.every((issue) => issue.code === 'unrecognized_keys')) {
    return { success: false };
  }
  const retry = schema.safeParse(withoutKeys(value, issues));
  return retry.success ? { success: true, data: retry.data } : { success: false };
}

/** A copy of `value` without the keys the issues name at their paths. */
function withoutKeys(value: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const copy: unknown = structuredClone(value);
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    let node: unknown = copy;
    for (const segment of issue.path) {
      node = node !== null && typeof node === 'object' ? Reflect.get(node, segment) : undefined;
    }
    if (node !== null && typeof node === 'object') {
      for (const key of issue.keys) {
        Reflect.deleteProperty(node, key);
      }
    }
  }
  return copy;
}
