import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const Match = z.looseObject({
  Level: z.string(),
  Message: z.string(),
  Rule: z.looseObject({ Id: z.string() }),
  // The template the match is in: at the top level of each match, not under Location.
  Filename: z.string(),
  Location: z
    .looseObject({
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
 * Templates split into `n` groups of about equal size, largest first: cfn-lint's time grows with
 * a template's size, and each process pays the same start-up (about 3 s, loading its schemas).
 */
export function lintGroups(files: readonly { file: string; bytes: number }[], n: number): string[][] {
  const groups = Array.from({ length: Math.max(1, Math.min(n, files.length)) }, () => ({
    bytes: 0,
    files: [] as string[],
  }));
  const bySize = [...files].sort((a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file));
  for (const f of bySize) {
    const lightest = groups.reduce((min, g) => (g.bytes < min.bytes ? g : min));
    lightest.files.push(f.file);
    lightest.bytes += f.bytes;
  }
  return groups.map((g) => g.files.sort()).filter((g) => g.length > 0);
}

function lintProcess(templates: readonly string[]): Promise<LintResult> {
  return new Promise((resolve) => {
    const child = spawn('cfn-lint', ['-f', 'json', '--', ...templates], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      resolve({
        ok: false,
        error: `cfn-lint could not run (${e.message}); install it with pip install cfn-lint`,
      });
    });
    // 'close', not 'exit': the output is complete only once both pipes have closed.
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(stdout.trim() === '' ? '[]' : stdout);
      } catch {
        json = undefined;
      }
      const parsed = z.array(Match).safeParse(json);
      if (!parsed.success) {
        resolve({
          ok: false,
          error: `unexpected cfn-lint output (exit ${code ?? signal ?? 'unknown'}): ${stderr.slice(0, 500)}`,
        });
        return;
      }
      resolve({
        ok: true,
        matches: parsed.data.map((m) => ({
          level: m.Level === 'Error' ? 'error' : m.Level === 'Warning' ? 'warning' : 'informational',
          rule: m.Rule.Id,
          message: m.Message,
          template: m.Filename,
          path: (m.Location?.Path ?? []).join('/'),
        })),
      });
    });
  });
}

/**
 * cfn-lint over every template of the assembly (or the `only` ones), read as JSON, in one process
 * per core: cfn-lint is single-threaded and the templates are independent, so the result is the
 * same as one process over all of them, in about half the time on two cores. Its exit code is a
 * bit mask (2 errors, 4 warnings, 8 informational), so the output is parsed rather than the code
 * trusted.
 */
export async function runCfnLint(
  assembly: string,
  only?: readonly string[],
  processes = availableParallelism(),
): Promise<LintResult> {
  const templates = readdirSync(assembly)
    .filter((f) => f.endsWith('.template.json') && (only === undefined || only.includes(f)))
    .map((f) => join(assembly, f));
  if (templates.length === 0) {
    return { ok: false, error: `no templates in ${assembly}` };
  }
  const groups = lintGroups(
    templates.map((file) => ({ file, bytes: statSync(file).size })),
    processes,
  );
  const results = await Promise.all(groups.map(lintProcess));
  const failed = results.find((r): r is { ok: false; error: string } => !r.ok);
  if (failed !== undefined) {
    return failed;
  }
  // In template order, as one process over the sorted files would report them.
  const matches = results
    .flatMap((r) => (r.ok ? r.matches : []))
    .sort((a, b) => a.template.localeCompare(b.template));
  return { ok: true, matches };
}
