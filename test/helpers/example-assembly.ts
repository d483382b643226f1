import { join } from 'node:path';
import { openAssembly, provenanceProblems, type OpenedAssembly } from '../../lib/assembly/open';
import { REPOSITORY_ROOT } from '../../lib/assembly/provenance';
import { synthesiseAtomically } from '../../lib/assembly/synthesise';
import { parseTemplate } from '../../lib/assembly/template';
import { TemplateSet } from '../../lib/analysis/templates';
import { loadConfig } from '../../lib/config/load';
import { loadWavePlan } from '../../lib/waves/load';
import { synthesiseApp } from '../../stacks/synthesis';

/*
 * The example council synthesised once per test run, exactly as `npm run synth` does it (every rule
 * pack and the built-in CloudFormation validation), by jest's global set-up. Tests that only read the
 * example's templates use it instead of synthesising again. It is cached under node_modules/.cache
 * and reused while its provenance matches the working tree, so a second run costs nothing.
 */

export const EXAMPLE_CONFIG_FILE = 'config/landing-zone.yaml';
export const EXAMPLE_WAVES_DIR = 'migration-waves';
const ENV = 'LZ_TEST_EXAMPLE_ASSEMBLY';
const CACHE = join(REPOSITORY_ROOT, 'node_modules', '.cache', 'lz-tests', 'example.out');

const inputs = { config: EXAMPLE_CONFIG_FILE, waves: EXAMPLE_WAVES_DIR, requireChecks: true } as const;

/** Called by jest's global set-up: synthesises the example unless a current copy is cached. */
export async function prepareExampleAssembly(log: (line: string) => void = () => undefined): Promise<string> {
  if (provenanceProblems(CACHE, inputs).problems.length > 0) {
    const started = Date.now();
    const config = loadConfig(EXAMPLE_CONFIG_FILE);
    const plan = loadWavePlan(EXAMPLE_WAVES_DIR, config);
    await synthesiseAtomically({
      outdir: CACHE,
      app: 'landing-zone',
      inputs: { config: EXAMPLE_CONFIG_FILE, waves: EXAMPLE_WAVES_DIR },
      synthesise: (dir) => synthesiseApp({ app: 'landing-zone', config, plan, outdir: dir }),
    });
    log(`synthesised the example for the tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  process.env[ENV] = CACHE;
  return CACHE;
}

let opened: OpenedAssembly | undefined;

/** The example's assembly, as every reader opens it (provenance checked). */
export function exampleAssembly(): OpenedAssembly {
  const dir = process.env[ENV];
  if (dir === undefined) {
    throw new Error(
      `${ENV} is not set: run the tests through jest, whose global set-up synthesises the example`,
    );
  }
  opened ??= openAssembly(dir, inputs);
  return opened;
}

/** The example's templates with the references between them resolved. */
export function exampleTemplates(): TemplateSet {
  return new TemplateSet(exampleAssembly().stacks.map((s) => parseTemplate(s.stackName, s.template)));
}
