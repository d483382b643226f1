import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JSON_SCHEMA_PATH, landingZoneJsonSchema } from '../config/json-schema';
import type { CommandOutput } from './validate-command';

export interface SchemaOptions {
  readonly write: boolean;
  readonly check: boolean;
  readonly path?: string;
}

/** `lz schema`: print, write, or check that the committed JSON Schema matches the zod schema. */
export function runSchema(options: SchemaOptions): CommandOutput {
  const path = options.path ?? JSON_SCHEMA_PATH;
  const generated = landingZoneJsonSchema();
  if (options.check) {
    const committed = existsSync(path) ? readFileSync(path, 'utf8') : '';
    return committed === generated
      ? { exitCode: 0, stdout: `${path} is up to date\n`, stderr: '' }
      : {
          exitCode: 1,
          stdout: '',
          stderr: `${path} is out of date: run \`npm run schema\` and commit the result\n`,
        };
  }
  if (options.write) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, generated);
    return { exitCode: 0, stdout: `wrote ${path}\n`, stderr: '' };
  }
  return { exitCode: 0, stdout: generated, stderr: '' };
}
