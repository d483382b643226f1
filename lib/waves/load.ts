import { parseIgnoringUnknownKeys } from '../config/lenient-parse';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigValidationError, sortDiagnostics, unreadable, type Diagnostic } from '../config/diagnostics';
import { schemaDiagnostics } from '../config/load';
import type { LandingZoneConfig } from '../config/schema';
import { allowedKeysAt, closest } from '../config/schema-walk';
import { YamlSource } from '../config/yaml-source';
import type { z } from 'zod';
import { resolveMigrationPlan, type MigrationPlan } from './migration-plan';
import { placeWorkload, type PlacedWorkload, type WaveFilesView, type WaveEntry } from './wave-files-view';
import { resolveTarget } from './resolve';
import { committedEndOfSupport } from '../lifecycle/load';
import type { EndOfSupportTable } from '../lifecycle/schema';
import { dmsGroups } from './dms-plan';
import { replicationGroups } from './replication';
import { WAVE_RULES } from './rules';
import {
  ProgrammeFileSchema,
  WaveElementSchemas,
  WaveFileSchema,
  type ProgrammeConfig,
  type WaveHeaderConfig,
} from './schema';

// The plan's types live in migration-plan.ts; exported here too for callers that load and type it together.
export type { MigrationPlan, WaveInPlan, WavePlan } from './migration-plan';

export const PROGRAMME_FILE = 'programme.yaml';
const WAVE_FILE = /^wave-\d{2}-[a-z0-9-]+\.yaml$/;

export interface WaveValidationResult {
  /** The resolved plan, when every file is valid. */
  readonly plan?: MigrationPlan;
  readonly diagnostics: Diagnostic[];
  readonly files: readonly string[];
}

export interface SourceText {
  readonly file: string;
  readonly text: string;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

/**
 * A mistyped key produces two schema issues: the unknown key and the missing field it was meant to
 * be. Keep only the first ("did you mean"), so each mistake gives one message.
 */
function withoutMisspeltRequired(
  issues: readonly z.core.$ZodIssue[],
  schema: z.core.$ZodType,
): z.core.$ZodIssue[] {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      const allowed = allowedKeysAt(schema, path);
      for (const key of issue.keys) {
        const suggestion = closest(key, allowed);
        if (suggestion !== undefined) {
          meant.add(JSON.stringify([...path, suggestion]));
        }
      }
    }
  }
  return issues.filter(
    (issue) =>
      !(
        'input' in issue &&
        issue.input === undefined &&
        meant.has(JSON.stringify(issue.path.map((p) => (typeof p === 'number' ? p : String(p)))))
      ),
  );
}

/**
 * Validates the programme file and every wave file together: schema, then every cross-file rule.
 * Each valid workload's target is resolved once (lib/waves/resolve.ts); the rules report its
 * problems and, when there are none, the same values become the resolved plan.
 */
export function validateWaveTexts(
  programme: SourceText,
  waveTexts: readonly SourceText[],
  landingZone: LandingZoneConfig,
  /** The end-of-support table. @default - the committed lib/lifecycle/end-of-support.yaml */
  lifecycle: EndOfSupportTable = committedEndOfSupport(),
): WaveValidationResult {
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, YamlSource>();

  const programmeSource = new YamlSource(programme.file, programme.text);
  sources.set(programme.file, programmeSource);
  diagnostics.push(...programmeSource.parseDiagnostics);
  let programmeConfig: ProgrammeConfig | undefined;
  if (programmeSource.parseDiagnostics.length === 0) {
    const parsed = ProgrammeFileSchema.safeParse(programmeSource.data, { reportInput: true });
    if (parsed.success) {
      programmeConfig = parsed.data;
    } else {
      diagnostics.push(
        ...schemaDiagnostics(
          programmeSource,
          withoutMisspeltRequired(parsed.error.issues, ProgrammeFileSchema),
          ProgrammeFileSchema,
        ),
      );
    }
  }

  const waves: WaveEntry[] = [];
  const workloads: PlacedWorkload[] = [];
  const allIds = new Set<string>();
  const fullyValid: boolean[] = [];
  for (const { file, text } of waveTexts) {
    const source = new YamlSource(file, text);
    sources.set(file, source);
    if (source.parseDiagnostics.length > 0) {
      diagnostics.push(...source.parseDiagnostics);
      fullyValid.push(false);
      continue;
    }
    const parsed = WaveFileSchema.safeParse(source.data, { reportInput: true });
    fullyValid.push(parsed.success);
    if (!parsed.success) {
      diagnostics.push(
        ...schemaDiagnostics(
          source,
          withoutMisspeltRequired(parsed.error.issues, WaveFileSchema),
          WaveFileSchema,
        ),
      );
    }
    const root = record(source.data);
    // A file that passed its schema already holds its parsed parts; otherwise each part is parsed alone.
    const whole = parsed.success ? parsed.data : undefined;
    const headerResult = whole
      ? undefined
      : parseIgnoringUnknownKeys(WaveElementSchemas.WaveHeader, root['wave']);
    const header = whole ? whole.wave : headerResult?.success ? headerResult.data : undefined;
    const entry: { file: string; header?: WaveHeaderConfig; workloads: PlacedWorkload[]; number?: number } = {
      file,
      header,
      workloads: [],
      number: header ? Number(header.id.slice(5)) : undefined,
    };
    const items = Array.isArray(root['workloads']) ? (root['workloads'] as unknown[]) : [];
    items.forEach((item, index) => {
      const id = record(item)['id'];
      if (typeof id === 'string') {
        allIds.add(id);
      }
      const parsedWorkload = whole?.workloads[index];
      const result = parsedWorkload
        ? { success: true as const, data: parsedWorkload }
        : parseIgnoringUnknownKeys(WaveElementSchemas.Workload, item);
      if (result.success) {
        const placed = placeWorkload(entry, result.data, index, resolveTarget(landingZone, result.data));
        entry.workloads.push(placed);
        workloads.push(placed);
      }
    });
    waves.push(entry);
  }

  const byId = new Map<string, PlacedWorkload>();
  for (const w of workloads) {
    if (!byId.has(w.value.id)) {
      byId.set(w.value.id, w);
    }
  }
  // Derived once for the rules and the plan: transfer per site and wave, and the DMS groups.
  const items = workloads.map((p) => ({
    workload: p.value,
    wave: p.wave.header,
    target: p.target,
    cutoverStart: p.window?.interval?.start,
  }));
  const replication = replicationGroups(items, {
    zone: programmeConfig?.programme.timeZone ?? 'Europe/London',
    bandwidthSharePercent: programmeConfig?.replication.bandwidthSharePercent ?? 50,
  });
  const dms = dmsGroups(items);
  const view: WaveFilesView = {
    landingZone,
    programme: programmeConfig,
    programmeFile: programme.file,
    waves,
    workloads,
    byId,
    allIds,
    replication,
    dms,
    lifecycle,
  };
  for (const rule of WAVE_RULES) {
    rule(view, (at, raw, severity = 'error', firstUsedAt) => {
      const source = sources.get(at.file);
      const firstSource = firstUsedAt === undefined ? undefined : sources.get(firstUsedAt.file);
      const message =
        firstUsedAt === undefined
          ? raw
          : `${raw} (first used at ${firstUsedAt.file}:${firstSource?.locate(firstUsedAt.path).line ?? 0})`;
      diagnostics.push(
        source
          ? source.diagnostic(at.path, message, severity)
          : { file: at.file, line: 0, column: 0, path: at.path.join('.'), message, severity },
      );
    });
  }

  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const allValid = programmeConfig !== undefined && fullyValid.every(Boolean);
  const plan =
    !hasErrors && allValid && programmeConfig
      ? resolveMigrationPlan(
          landingZone,
          programmeConfig,
          { replication, dms },
          waves.flatMap((w) =>
            w.header
              ? [
                  {
                    file: w.file,
                    wave: w.header,
                    workloads: w.workloads.map((p) => ({ workload: p.value, target: p.target })),
                  },
                ]
              : [],
          ),
        )
      : undefined;
  return {
    plan,
    diagnostics: sortDiagnostics(diagnostics),
    files: [programme.file, ...waveTexts.map((w) => w.file)],
  };
}

function readText(file: string, diagnostics: Diagnostic[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    diagnostics.push(unreadable(file, error));
    return undefined;
  }
}

/** Reads `dir/programme.yaml` and every `dir/wave-NN-<slug>.yaml`, then validates them together. */
export function validateWavesDir(dir: string, landingZone: LandingZoneConfig): WaveValidationResult {
  const diagnostics: Diagnostic[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    diagnostics.push(unreadable(dir, error, '(directory)'));
    return { diagnostics, files: [] };
  }
  const waveTexts: SourceText[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (name === PROGRAMME_FILE || !/\.ya?ml$/.test(name)) {
      continue;
    }
    if (!WAVE_FILE.test(name)) {
      diagnostics.push({
        file,
        line: 0,
        column: 0,
        path: '(file)',
        message: 'wave files are named wave-NN-<slug>.yaml (lower-case, .yaml); this file would be ignored',
        severity: 'error',
      });
      continue;
    }
    const text = readText(file, diagnostics);
    if (text !== undefined) {
      waveTexts.push({ file, text });
    }
  }
  const programmeFile = join(dir, PROGRAMME_FILE);
  const programmeText = readText(programmeFile, diagnostics);
  if (programmeText === undefined) {
    return { diagnostics, files: [] };
  }
  const result = validateWaveTexts({ file: programmeFile, text: programmeText }, waveTexts, landingZone);
  const all = sortDiagnostics([...diagnostics, ...result.diagnostics]);
  return {
    plan: all.some((d) => d.severity === 'error') ? undefined : result.plan,
    diagnostics: all,
    files: result.files,
  };
}

/** For synth and the commands: the resolved plan, or a ConfigValidationError listing every problem. */
export function loadWavePlan(dir: string, landingZone: LandingZoneConfig): MigrationPlan {
  const result = validateWavesDir(dir, landingZone);
  if (!result.plan) {
    throw new ConfigValidationError(result.diagnostics);
  }
  return result.plan;
}
