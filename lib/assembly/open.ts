import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors';
import {
  PROVENANCE_FILE,
  describeDifferences,
  digestAssembly,
  digestInputs,
  displayPath,
  parseProvenance,
  toolVersions,
  type Provenance,
} from './provenance';
import { MANIFEST_FILE, readAssembly, type Assembly } from './read';

/*
 * Every command that reads cdk.out opens it here. An assembly is used only when its provenance
 * record is present and whole, its files are the ones the synth wrote, and it was made from the
 * working tree as it is now (the same configuration, plan, source, lockfile and libraries).
 * `--allow-stale` lets a person read one anyway, for forensics, and every output then says so.
 */

export interface OpenOptions {
  /** The configuration the command was pointed at; undefined accepts the one recorded. */
  readonly config?: string;
  /** The migration plan the command was pointed at; undefined accepts the one recorded. */
  readonly waves?: string;
  /** The synth must have run every validation plugin and the built-in CloudFormation validation. */
  readonly requireChecks?: boolean;
  /** Read it even when it is stale, for forensics; the problems are returned in `stale`. */
  readonly allowStale?: boolean;
}

export interface OpenedAssembly extends Assembly {
  /** Absent only when --allow-stale read an assembly without a record. */
  readonly provenance?: Provenance;
  /** Why the assembly does not match the working tree; empty unless --allow-stale let it through. */
  readonly stale: readonly string[];
}

/** The synth command an engineer runs to replace a stale assembly. */
export const SYNTH_HINT = 'Run `npm run synth` to synthesise it again';

export class AssemblyError extends InputError {
  constructor(
    readonly dir: string,
    readonly problems: readonly string[],
  ) {
    super(
      `cannot use the cloud assembly ${dir}:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `${SYNTH_HINT} (or pass --allow-stale to read it anyway, for forensics only).`,
    );
    this.name = 'AssemblyError';
  }
}

function readProvenance(dir: string): Provenance | string {
  if (!existsSync(join(dir, MANIFEST_FILE))) {
    return existsSync(dir)
      ? `it has no ${MANIFEST_FILE}: there is no synthesised assembly in it`
      : 'it does not exist: nothing has been synthesised there yet';
  }
  const file = join(dir, PROVENANCE_FILE);
  if (!existsSync(file)) {
    return (
      `it has no provenance record (${PROVENANCE_FILE}): it was not written by \`npm run synth\`, ` +
      'or that synth was interrupted before it finished'
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return `its provenance record ${PROVENANCE_FILE} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  const parsed = parseProvenance(json);
  return 'error' in parsed
    ? `its provenance record ${PROVENANCE_FILE} is incomplete: ${parsed.error}`
    : parsed;
}

/** Every reason the assembly in `dir` may not be used as the working tree's output. */
export function provenanceProblems(
  dir: string,
  options: OpenOptions = {},
): {
  problems: string[];
  provenance?: Provenance;
} {
  const provenance = readProvenance(dir);
  if (typeof provenance === 'string') {
    return { problems: [provenance] };
  }
  const problems: string[] = [];
  const files = digestAssembly(dir);
  if (files.digest !== provenance.assembly.digest) {
    problems.push(
      `it was changed after the synth wrote it (${describeDifferences(provenance.assembly.files, files.files).join('; ')})`,
    );
  }
  const recorded = provenance.inputs;
  if (options.config !== undefined && displayPath(options.config) !== recorded.config) {
    problems.push(`it was synthesised from ${recorded.config}, not ${displayPath(options.config)}`);
  }
  if (options.waves !== undefined && displayPath(options.waves) !== (recorded.waves ?? '')) {
    problems.push(
      recorded.waves === undefined
        ? `it was synthesised without a migration plan, not from ${displayPath(options.waves)}`
        : `it was synthesised from the plan in ${recorded.waves}, not ${displayPath(options.waves)}`,
    );
  }
  const current = digestInputs({
    config: options.config ?? recorded.config,
    ...(recorded.waves === undefined && options.waves === undefined
      ? {}
      : { waves: options.waves ?? recorded.waves }),
  });
  if (current.digest !== recorded.digest) {
    const differences = describeDifferences(recorded.files, current.files);
    // A different --config or --waves is already said above; list what changed in the tree.
    if (differences.length > 0) {
      problems.push(
        `it is stale: since it was synthesised (${provenance.synthesisedAt}) the working tree ${differences.join('; ')}`,
      );
    }
  }
  const tools = toolVersions();
  for (const [tool, version] of Object.entries(provenance.tools)) {
    if (tools[tool] !== undefined && tools[tool] !== version) {
      problems.push(`it was synthesised with ${tool} ${version}, but ${tools[tool]} is installed`);
    }
  }
  if (options.requireChecks === true) {
    if (!provenance.checks.builtinValidation) {
      problems.push(
        'it was synthesised without the built-in CloudFormation validation (CDK_VALIDATION=false?), so its findings are incomplete',
      );
    }
    if (provenance.checks.plugins.length === 0) {
      problems.push('it was synthesised without the rule packs, so it has no findings to trust');
    }
  }
  return { problems, provenance };
}

/** Opens the assembly for a command: refused (AssemblyError, exit 2) unless it is current. */
export function openAssembly(dir: string, options: OpenOptions = {}): OpenedAssembly {
  const { problems, provenance } = provenanceProblems(dir, options);
  if (problems.length > 0 && options.allowStale !== true) {
    throw new AssemblyError(dir, problems);
  }
  return {
    ...readAssembly(dir),
    ...(provenance === undefined ? {} : { provenance }),
    stale: problems,
  };
}

/** The line every output carries when --allow-stale let a stale assembly through; empty otherwise. */
export function staleNotice(assembly: OpenedAssembly): string {
  return assembly.stale.length === 0
    ? ''
    : `NOT CURRENT (read with --allow-stale): ${assembly.dir} ${assembly.stale.join('; ')}\n`;
}
