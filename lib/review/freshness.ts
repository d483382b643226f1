import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/*
 * The review pack describes what will deploy, so it refuses an assembly that is missing, was not
 * synthesised with the checks, or is older than the configuration or the migration plan it was
 * synthesised from. (Code changes are not detected here: CI always synthesises just before.)
 */

function files(path: string): string[] {
  if (!existsSync(path)) {
    return [];
  }
  if (!statSync(path).isDirectory()) {
    return [path];
  }
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

/** Why the assembly cannot be reviewed, or undefined when it is present, complete and newer than its inputs. */
export function assemblyProblem(assembly: string, inputs: readonly string[]): string | undefined {
  const manifest = join(assembly, 'manifest.json');
  if (!existsSync(manifest)) {
    return `${assembly} has no manifest.json: there is no synthesised assembly to review. Run \`npm run synth\` first.`;
  }
  if (!existsSync(join(assembly, 'validation-report.json'))) {
    return `${assembly} has no validation-report.json: it was not synthesised with the security checks. Run \`npm run synth\`.`;
  }
  const synthesised = statSync(manifest).mtimeMs;
  const newer = inputs
    .flatMap(files)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .filter((f) => statSync(f).mtimeMs > synthesised);
  if (newer.length > 0) {
    return (
      `${assembly} is stale: ${newer.join(', ')} changed after it was synthesised ` +
      `(${new Date(synthesised).toISOString()}). Run \`npm run synth\` again so the pack shows what will deploy.`
    );
  }
  return undefined;
}
