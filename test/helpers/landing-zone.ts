import type { MigrationPlan } from '../../lib/waves/migration-plan';
import { readFileSync, writeFileSync } from 'node:fs';
import type { App } from 'aws-cdk-lib';
import { testApp } from './cdk-app';
import { parseDocument, stringify } from 'yaml';
import { synthesiseAtomically } from '../../lib/assembly/synthesise';
import { validateConfigText, loadConfig } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { parseTemplate } from '../../lib/assembly/template';
import { TemplateSet } from '../../lib/analysis/templates';
import { buildLandingZone, type LandingZoneStacks } from '../../stacks/landing-zone';

export const EXAMPLE_CONFIG = 'config/landing-zone.yaml';

export function exampleText(): string {
  return readFileSync(EXAMPLE_CONFIG, 'utf8');
}

export function exampleConfig(): LandingZoneConfig {
  return loadConfig(EXAMPLE_CONFIG);
}

/** The example configuration with edits applied through the YAML document, keeping comments. */
export function editedExample(edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(exampleText());
  edit(doc);
  return doc.toString();
}

/** The errors of a configuration text: field path, message and line. */
export function configErrors(text: string): { path: string; message: string; line: number }[] {
  return validateConfigText('landing-zone.yaml', text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map(({ path, message, line }) => ({ path, message, line }));
}

/** `text` with the first `from` replaced by `to`; fails loudly if `from` is absent. */
export function editOnce(from: string, to: string, text: string = exampleText()): string {
  const out = text.replace(from, to);
  if (out === text) {
    throw new Error(`edit did not apply: ${from}`);
  }
  return out;
}

/** The security-baseline stages the example deploys first (docs/security-baseline.md). */
export const EXAMPLE_BASELINE_STAGES: readonly string[] = [
  'baseline-log-archive',
  'baseline-security',
  'baseline-management',
  'baseline-delivery',
  'baseline-network',
  'baseline-shared-services',
  'baseline-backup',
  'baseline-non-production',
  'baseline-production',
  'detection-security',
];

export function validate(text: string): ReturnType<typeof validateConfigText> {
  return validateConfigText('test.yaml', text);
}

/** 1-based line of the first line containing `needle` (after `after`, if given). */
export function lineOf(text: string, needle: string, after = ''): number {
  const lines = text.split('\n');
  const start = after === '' ? 0 : lines.findIndex((l) => l.includes(after));
  const index = lines.findIndex((l, i) => i >= start && l.includes(needle));
  if (index < 0) {
    throw new Error(`"${needle}" not found`);
  }
  return index + 1;
}

export interface SynthResult {
  readonly app: App;
  readonly stacks: LandingZoneStacks;
  readonly templates: TemplateSet;
}

/** Synthesises the landing zone; with a plan, the migration-wave stacks too (as `bin/app.ts` does). */
export function synthLandingZone(
  config: LandingZoneConfig = exampleConfig(),
  plan?: MigrationPlan,
): SynthResult {
  const app = testApp();
  const stacks = buildLandingZone(app, config, plan);
  const assembly = app.synth();
  const templates = new TemplateSet(
    assembly.stacks.map((s) =>
      parseTemplate(s.stackName, JSON.parse(readFileSync(s.templateFullPath, 'utf8'))),
    ),
  );
  return { app, stacks, templates };
}

/**
 * Synthesises the landing zone for `config` (without the rule packs) as `lz synth` writes an
 * assembly: all or nothing, with a provenance record. The configuration is written beside the
 * assembly as YAML, so the record binds the assembly to a real file, as every command expects.
 */
export async function synthWithProvenance(outdir: string, config: LandingZoneConfig): Promise<string> {
  const configFile = `${outdir}.config.yaml`;
  writeFileSync(configFile, stringify(config));
  await synthesiseAtomically({
    outdir,
    app: 'landing-zone',
    inputs: { config: configFile },
    synthesise: (dir) => {
      const app = testApp({ outdir: dir });
      buildLandingZone(app, config);
      app.synth();
      return { plugins: [], builtinValidation: false };
    },
  });
  return outdir;
}
