import { Command } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { JSON_SCHEMA_PATH, landingZoneJsonSchema } from '../config/json-schema';
import { USAGE_ASSUMPTIONS_JSON_SCHEMA_PATH, usageAssumptionsJsonSchema } from '../cost/usage-assumptions';
import { END_OF_SUPPORT_JSON_SCHEMA_PATH, endOfSupportJsonSchema } from '../lifecycle/json-schema';
import {
  PROGRAMME_JSON_SCHEMA_PATH,
  programmeJsonSchema,
  WAVE_JSON_SCHEMA_PATH,
  waveJsonSchema,
} from '../waves/json-schema';
import { action } from './action';
import type { CliContext } from './context';
import type { CommandOutput } from './output';

export interface SchemaOptions {
  readonly write: boolean;
  readonly check: boolean;
  /** Only the landing-zone schema, at this path (tests). Without it, every committed schema. */
  readonly path?: string;
}

/** Every JSON Schema the repository commits, with the generator that must reproduce it. */
const SCHEMAS: readonly { path: string; generate: () => string }[] = [
  { path: JSON_SCHEMA_PATH, generate: landingZoneJsonSchema },
  { path: WAVE_JSON_SCHEMA_PATH, generate: waveJsonSchema },
  { path: PROGRAMME_JSON_SCHEMA_PATH, generate: programmeJsonSchema },
  { path: USAGE_ASSUMPTIONS_JSON_SCHEMA_PATH, generate: usageAssumptionsJsonSchema },
  { path: END_OF_SUPPORT_JSON_SCHEMA_PATH, generate: endOfSupportJsonSchema },
];

/** `lz schema`: print, write, or check that the committed JSON Schemas match the zod schemas. */
export function runSchema(options: SchemaOptions): CommandOutput {
  const targets =
    options.path === undefined ? SCHEMAS : [{ path: options.path, generate: landingZoneJsonSchema }];
  if (options.check) {
    const stale = targets.filter(
      (t) => (existsSync(t.path) ? readFileSync(t.path, 'utf8') : '') !== t.generate(),
    );
    return stale.length === 0
      ? { exitCode: 0, stdout: targets.map((t) => `${t.path} is up to date\n`).join(''), stderr: '' }
      : {
          exitCode: 1,
          stdout: '',
          stderr: stale
            .map((t) => `${t.path} is out of date: run \`npm run schema\` and commit the result\n`)
            .join(''),
        };
  }
  if (options.write) {
    for (const t of targets) {
      mkdirSync(dirname(t.path), { recursive: true });
      writeFileSync(t.path, t.generate());
    }
    return { exitCode: 0, stdout: targets.map((t) => `wrote ${t.path}\n`).join(''), stderr: '' };
  }
  return { exitCode: 0, stdout: landingZoneJsonSchema(), stderr: '' };
}

export function schemaCommand(ctx: CliContext): Command {
  return new Command('schema')
    .description(
      'Print the JSON Schema of the configuration, write it for editors, or check the committed copy',
    )
    .option(
      '--write',
      'write schema/landing-zone.schema.json and the migration-wave, programme and end-of-support schemas',
      false,
    )
    .option('--check', 'fail if the committed schema is out of date', false)
    .action(action(ctx, (opts: SchemaOptions) => runSchema(opts)));
}
