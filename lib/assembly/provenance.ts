import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';

/*
 * What a synthesised assembly was made from, and what it contained when the synth finished. The
 * synth writes this record last, into the assembly it is about to put in place; every command that
 * reads cdk.out compares it with the working tree and with the assembly's own files, so an assembly
 * that is stale, half-written or edited afterwards is refused instead of passing a check.
 */

export const PROVENANCE_FILE = 'lz-provenance.json';
const SCHEMA = 'lz-provenance/1';

/** The repository root: the source the app is built from sits here. */
export const REPOSITORY_ROOT = resolve(__dirname, '..', '..');

/** Everything under these folders of the repository determines the synthesised output. */
const SOURCE_FOLDERS = ['bin', 'lib', 'stacks'];
/** And these files at its root (dependencies, feature flags, compiler settings). */
const SOURCE_FILES = ['package.json', 'package-lock.json', 'cdk.json', 'tsconfig.json'];
/** Build output and editor files that do not change what the app does. */
const IGNORED = [/\.js$/, /\.d\.ts$/, /\.map$/, /(^|\/)\.DS_Store$/, /~$/];
/** The libraries whose version changes what a synth writes. */
export const TOOL_PACKAGES = [
  'aws-cdk-lib',
  'constructs',
  'cdk-nag',
  '@cdklabs/cdk-validator-cfnguard',
] as const;

const Digests = z.record(z.string(), z.string());

const ProvenanceSchema = z.strictObject({
  schema: z.literal(SCHEMA),
  synthesisedAt: z.string(),
  app: z.string(),
  inputs: z.strictObject({
    config: z.string(),
    waves: z.string().optional(),
    digest: z.string(),
    files: Digests,
  }),
  tools: z.record(z.string(), z.string()),
  checks: z.strictObject({
    /** The validation plugins the app registered (cdk-nag packs, the project's packs, Control Tower). */
    plugins: z.array(z.string()),
    /** Whether the built-in CloudFormation validation ran. */
    builtinValidation: z.boolean(),
    unacknowledged: z.number().int().nonnegative(),
    acknowledged: z.number().int().nonnegative(),
  }),
  assembly: z.strictObject({ digest: z.string(), files: Digests }),
});

export type Provenance = z.infer<typeof ProvenanceSchema>;

/** The inputs of one app: its configuration, its migration plan (when it reads one) and the source. */
export interface SynthInputs {
  readonly config: string;
  readonly waves?: string;
}

export interface InputDigests {
  readonly config: string;
  readonly waves?: string;
  readonly digest: string;
  readonly files: Record<string, string>;
}

function sha256(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Every file under `dir`, as paths relative to it with forward slashes, sorted. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  if (!statSync(dir).isDirectory()) {
    return [''];
  }
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** How a path is named in the record: relative to the repository when inside it. */
export function displayPath(path: string): string {
  const rel = relative(REPOSITORY_ROOT, resolve(path));
  return rel === ''
    ? '.'
    : rel.startsWith('..') || isAbsolute(rel)
      ? resolve(path)
      : rel.split(sep).join('/');
}

function digestOf(files: Readonly<Record<string, string>>): string {
  const lines = Object.keys(files)
    .sort()
    .map((name) => `${name}\0${files[name] ?? ''}\n`);
  return `sha256:${sha256(lines.join(''))}`;
}

/** Digests of everything that determines an app's output, keyed by a label naming each file. */
export function digestInputs(inputs: SynthInputs, root: string = REPOSITORY_ROOT): InputDigests {
  const files: Record<string, string> = {};
  for (const folder of SOURCE_FOLDERS) {
    for (const file of filesUnder(join(root, folder))) {
      const name = `${folder}/${file}`;
      if (!IGNORED.some((pattern) => pattern.test(name))) {
        files[name] = sha256(readFileSync(join(root, name)));
      }
    }
  }
  for (const file of SOURCE_FILES) {
    const path = join(root, file);
    if (existsSync(path)) {
      files[file] = sha256(readFileSync(path));
    }
  }
  const config = displayPath(inputs.config);
  files[`config:${config}`] = existsSync(inputs.config) ? sha256(readFileSync(inputs.config)) : 'missing';
  let waves: string | undefined;
  if (inputs.waves !== undefined) {
    waves = displayPath(inputs.waves);
    const found = filesUnder(inputs.waves);
    if (found.length === 0) {
      files[`waves:${waves}`] = 'missing';
    }
    for (const file of found) {
      files[`waves:${waves}/${file}`] = sha256(readFileSync(join(inputs.waves, file)));
    }
  }
  return { config, ...(waves === undefined ? {} : { waves }), digest: digestOf(files), files };
}

/** Digests of every file of the assembly except the provenance record itself. */
export function digestAssembly(dir: string): { digest: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  for (const file of filesUnder(dir)) {
    if (file !== PROVENANCE_FILE) {
      files[file] = sha256(readFileSync(join(dir, file)));
    }
  }
  return { digest: digestOf(files), files };
}

/** The installed versions of the libraries that write the assembly, and of Node.js. */
export function toolVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.versions.node };
  for (const name of TOOL_PACKAGES) {
    const file = join(REPOSITORY_ROOT, 'node_modules', ...name.split('/'), 'package.json');
    const parsed = existsSync(file)
      ? z.looseObject({ version: z.string() }).safeParse(JSON.parse(readFileSync(file, 'utf8')))
      : undefined;
    versions[name] = parsed?.success === true ? parsed.data.version : 'not installed';
  }
  return versions;
}

export function parseProvenance(json: unknown): Provenance | { error: string } {
  const parsed = ProvenanceSchema.safeParse(json);
  return parsed.success
    ? parsed.data
    : { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

/** What differs between two sets of file digests, as short phrases ("changed: a, b; added: c"). */
export function describeDifferences(
  recorded: Readonly<Record<string, string>>,
  current: Readonly<Record<string, string>>,
  limit = 8,
): string[] {
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [name, digest] of Object.entries(current)) {
    const before = recorded[name];
    if (before === undefined) {
      added.push(name);
    } else if (before !== digest) {
      changed.push(name);
    }
  }
  for (const name of Object.keys(recorded)) {
    if (current[name] === undefined) {
      removed.push(name);
    }
  }
  const list = (label: string, names: string[]): string[] =>
    names.length === 0
      ? []
      : [
          `${label} ${names.slice(0, limit).join(', ')}${names.length > limit ? ` and ${names.length - limit} more` : ''}`,
        ];
  return [
    ...list('changed', changed.sort()),
    ...list('added', added.sort()),
    ...list('removed', removed.sort()),
  ];
}
