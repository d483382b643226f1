import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const Match = z.looseObject({
  Level: z.string(),
  Message: z.string(),
  Rule: z.looseObject({ Id: z.string() }),
  Location: z
    .looseObject({
      Filename: z.string().optional(),
      Path: z.array(z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
});

export interface LintMatch {
  readonly level: 'error' | 'warning' | 'informational';
  readonly rule: string;
  readonly message: string;
  readonly template: string;
  readonly path: string;
}

export type LintResult = { ok: true; matches: LintMatch[] } | { ok: false; error: string };

/**
 * cfn-lint over every template of the assembly, read as JSON. Its exit code is a bit mask
 * (2 errors, 4 warnings, 8 informational), so the output is parsed rather than the code trusted.
 */
export function runCfnLint(assembly: string, only?: readonly string[]): LintResult {
  const templates = readdirSync(assembly)
    .filter((f) => f.endsWith('.template.json') && (only === undefined || only.includes(f)))
    .map((f) => join(assembly, f));
  if (templates.length === 0) {
    return { ok: false, error: `no templates in ${assembly}` };
  }
  const run = spawnSync('cfn-lint', ['-f', 'json', '--', ...templates], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    return {
      ok: false,
      error: `cfn-lint could not run (${run.error.message}); install it with pip install cfn-lint`,
    };
  }
  const parsed = z.array(Match).safeParse(JSON.parse(run.stdout.trim() === '' ? '[]' : run.stdout));
  if (!parsed.success) {
    return {
      ok: false,
      error: `unexpected cfn-lint output (exit ${run.status ?? 'signal'}): ${run.stderr.slice(0, 500)}`,
    };
  }
  return {
    ok: true,
    matches: parsed.data.map((m) => ({
      level: m.Level === 'Error' ? 'error' : m.Level === 'Warning' ? 'warning' : 'informational',
      rule: m.Rule.Id,
      message: m.Message,
      template: m.Location?.Filename ?? '',
      path: (m.Location?.Path ?? []).join('/'),
    })),
  };
}
