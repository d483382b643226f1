import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StackTemplates } from './change-guard';

const SUFFIX = '.template.json';

/** Every `<stack>.template.json` in a directory, keyed by stack artifact id. */
export function readTemplates(dir: string): StackTemplates {
  if (!existsSync(dir)) {
    return {};
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort()) {
    const parsed: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    out[file.slice(0, -SUFFIX.length)] =
      parsed !== null && typeof parsed === 'object' ? Object.fromEntries(Object.entries(parsed)) : {};
  }
  return out;
}

/** Makes the baseline exactly the current synth: new stacks added, removed stacks dropped. */
export function acceptBaseline(assemblyDir: string, baselineDir: string): string[] {
  const templates = readdirSync(assemblyDir)
    .filter((f) => f.endsWith(SUFFIX))
    .sort();
  if (templates.length === 0) {
    throw new Error(`no templates in ${assemblyDir}: run \`npm run synth\` first`);
  }
  mkdirSync(baselineDir, { recursive: true });
  for (const stale of readdirSync(baselineDir).filter((f) => f.endsWith(SUFFIX) && !templates.includes(f))) {
    rmSync(join(baselineDir, stale));
  }
  for (const file of templates) {
    copyFileSync(join(assemblyDir, file), join(baselineDir, file));
  }
  return templates;
}

/**
 * Why the baselines cannot be compared with this synth at all, in one line with the way out, or
 * undefined when they can: there are none yet (a first deployment), or they belong to another
 * council or app (not one stack in common), which would otherwise read as deleting everything.
 */
export function baselineSetProblem(
  dir: string,
  baselineIds: readonly string[],
  currentIds: readonly string[],
  /** The assembly the baselines would be accepted from. @default cdk.out */
  assembly = 'cdk.out',
): string | undefined {
  // The exact command for these folders: a second council's baselines live beside its configuration.
  const accept =
    dir === 'baselines' && assembly === 'cdk.out'
      ? '`npm run baseline`'
      : `\`npx lz baseline --accept --assembly ${assembly} --baselines ${dir}\``;
  const firstDeployment = `for a first deployment (nothing is deployed yet) accept this synth with ${accept} and commit ${dir} with the change`;
  if (baselineIds.length === 0) {
    return `there are no baselines in ${dir}: ${firstDeployment}`;
  }
  const current = new Set(currentIds);
  if (currentIds.length > 0 && !baselineIds.some((id) => current.has(id))) {
    const sample = baselineIds.slice(0, 3).join(', ');
    return (
      `the baselines in ${dir} (${sample}${baselineIds.length > 3 ? ', …' : ''}) share no stack with this synth: ` +
      `they belong to another council or app; ${firstDeployment}`
    );
  }
  return undefined;
}
