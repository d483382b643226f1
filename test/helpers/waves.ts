import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Document } from 'yaml';
import type { Diagnostic } from '../../lib/config/diagnostics';
import { validateWaveTexts, type SourceText, type WaveValidationResult } from '../../lib/waves/load';
import type { MigrationPlan } from '../../lib/waves/migration-plan';
import { exampleConfig } from './landing-zone';

export const WAVES_DIR = 'migration-waves';

export interface ExampleTexts {
  readonly programme: SourceText;
  readonly waves: SourceText[];
}

export function exampleWaveTexts(): ExampleTexts {
  const names = readdirSync(WAVES_DIR)
    .filter((n) => /^wave-\d{2}-.*\.yaml$/.test(n))
    .sort();
  return {
    programme: {
      file: join(WAVES_DIR, 'programme.yaml'),
      text: readFileSync(join(WAVES_DIR, 'programme.yaml'), 'utf8'),
    },
    waves: names.map((n) => ({ file: join(WAVES_DIR, n), text: readFileSync(join(WAVES_DIR, n), 'utf8') })),
  };
}

/** The example with one file edited through its YAML document (comments kept). */
export function editExample(
  fileContains: string,
  edit: (doc: Document) => void,
  base = exampleWaveTexts(),
): ExampleTexts {
  const apply = (s: SourceText): SourceText => {
    if (!s.file.includes(fileContains)) {
      return s;
    }
    const doc = parseDocument(s.text);
    edit(doc);
    return { file: s.file, text: doc.toString() };
  };
  return { programme: apply(base.programme), waves: base.waves.map(apply) };
}

/** Text replacement in one file, for typos and mistakes a document edit cannot express. */
export function replaceInExample(
  fileContains: string,
  from: string,
  to: string,
  base = exampleWaveTexts(),
): ExampleTexts {
  const apply = (s: SourceText): SourceText => {
    if (!s.file.includes(fileContains)) {
      return s;
    }
    if (!s.text.includes(from)) {
      throw new Error(`"${from}" not found in ${s.file}`);
    }
    return { file: s.file, text: s.text.replace(from, to) };
  };
  return { programme: apply(base.programme), waves: base.waves.map(apply) };
}

export function validateTexts(texts: ExampleTexts): WaveValidationResult {
  return validateWaveTexts(texts.programme, texts.waves, exampleConfig());
}

export function errorsOf(result: WaveValidationResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === 'error');
}

export function examplePlan(): MigrationPlan {
  const result = validateTexts(exampleWaveTexts());
  if (!result.plan) {
    throw new Error(`example plan invalid: ${JSON.stringify(errorsOf(result).slice(0, 3))}`);
  }
  return result.plan;
}

/** Index of a workload in a wave file's workloads list. */
export function workloadIndex(doc: Document, id: string): number {
  const list = doc.toJS() as { workloads: { id: string }[] };
  const index = list.workloads.findIndex((w) => w.id === id);
  if (index < 0) {
    throw new Error(`workload ${id} not found`);
  }
  return index;
}
