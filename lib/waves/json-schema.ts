import { renderJsonSchema } from '../config/json-schema';
import { ProgrammeFileSchema, WaveFileSchema } from './schema';

export const WAVE_JSON_SCHEMA_PATH = 'schema/migration-wave.schema.json';
export const PROGRAMME_JSON_SCHEMA_PATH = 'schema/migration-programme.schema.json';

/** JSON Schema of a wave file, for editors, generated from the zod schema the validator uses. */
export function waveJsonSchema(): string {
  return renderJsonSchema(WaveFileSchema);
}

/** JSON Schema of migration-waves/programme.yaml. */
export function programmeJsonSchema(): string {
  return renderJsonSchema(ProgrammeFileSchema);
}
