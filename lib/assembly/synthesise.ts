import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { readValidationReport, unacknowledgedFindings, type Finding } from './validation-report';
import { InputError } from '../errors';
import {
  PROVENANCE_FILE,
  describeDifferences,
  digestAssembly,
  digestInputs,
  toolVersions,
  type Provenance,
  type SynthInputs,
} from './provenance';
import { VALIDATION_REPORT_FILE } from './read';

/*
 * A synth that is all or nothing. The app is synthesised into a new directory beside the target;
 * only after the app, every validation plugin and the findings count have finished, and the inputs
 * are found unchanged, is the provenance record written and the directory renamed into place. An
 * interrupted synth leaves the previous assembly as it was (still bound to its own inputs).
 */

/** What the app's synthesis reports about the checks it ran. */
export interface SynthChecks {
  readonly plugins: readonly string[];
  readonly builtinValidation: boolean;
}

export interface AtomicSynthOptions {
  readonly outdir: string;
  readonly inputs: SynthInputs;
  /** Which app: landing-zone, delivery-pipeline or github-oidc. */
  readonly app: string;
  /** Builds and synthesises the app into `dir`, never failing on findings. */
  readonly synthesise: (dir: string) => SynthChecks;
  readonly progress?: (phase: string) => void;
  /** The clock, for tests. */
  readonly now?: () => Date;
}

export interface AtomicSynthResult {
  readonly provenance: Provenance;
  readonly findings: readonly Finding[];
}

const PARTIAL = '.partial-';
const PREVIOUS = '.previous-';

/** Leftovers of synths into `outdir` that were interrupted (by any process). */
function leftovers(outdir: string): string[] {
  const parent = dirname(outdir);
  const name = basename(outdir);
  if (!existsSync(parent)) {
    return [];
  }
  return readdirSync(parent)
    .filter((f) => f.startsWith(`${name}${PARTIAL}`) || f.startsWith(`${name}${PREVIOUS}`))
    .map((f) => join(parent, f));
}

export async function synthesiseAtomically(options: AtomicSynthOptions): Promise<AtomicSynthResult> {
  const outdir = resolve(options.outdir);
  const progress = options.progress ?? (() => undefined);
  for (const stale of leftovers(outdir)) {
    rmSync(stale, { recursive: true, force: true });
  }
  const before = digestInputs(options.inputs);
  const work = `${outdir}${PARTIAL}${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  try {
    const checks = await onFreshStack(() => options.synthesise(work));
    progress('counting findings');
    const reportFile = join(work, VALIDATION_REPORT_FILE);
    const report = existsSync(reportFile) ? readValidationReport(reportFile) : undefined;
    const findings = report ? unacknowledgedFindings(report) : [];
    const acknowledged = report?.pluginReports.reduce((n, p) => n + p.suppressedViolations.length, 0) ?? 0;
    const after = digestInputs(options.inputs);
    if (after.digest !== before.digest) {
      throw new InputError(
        `the inputs changed while the app was being synthesised (${describeDifferences(before.files, after.files).join('; ')}): ` +
          `nothing was written; run the synth again`,
      );
    }
    progress('recording provenance');
    const provenance: Provenance = {
      schema: 'lz-provenance/1',
      synthesisedAt: (options.now?.() ?? new Date()).toISOString(),
      app: options.app,
      inputs: before,
      tools: toolVersions(),
      checks: {
        plugins: [...checks.plugins],
        builtinValidation: checks.builtinValidation,
        unacknowledged: findings.length,
        acknowledged,
      },
      assembly: digestAssembly(work),
    };
    writeFileSync(join(work, PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}\n`);
    // Rename into place: a directory cannot replace a non-empty one, so the old one steps aside first.
    const previous = `${outdir}${PREVIOUS}${process.pid}`;
    if (existsSync(outdir)) {
      renameSync(outdir, previous);
    }
    renameSync(work, outdir);
    rmSync(previous, { recursive: true, force: true });
    return { provenance, findings };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Runs `work` from the event loop rather than from its caller. The CDK writes each construct's
 * creation stack into the assembly's metadata, so a synth started from `lz synth` and one started
 * from `lz gate` would otherwise differ in those traces; from a fresh stack both write the same bytes.
 */
function onFreshStack<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
