import { z } from 'zod';
import { ProgrammeFileSchema, WaveFileSchema } from './schema';

export const WAVE_JSON_SCHEMA_PATH = 'schema/migration-wave.schema.json';
export const PROGRAMME_JSON_SCHEMA_PATH = 'schema/migration-programme.schema.json';

function render(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

/** JSON Schema of a wave file, for editors, generated from the zod schema the validator uses. */
export function waveJsonSchema(): string {
  return render(WaveFileSchema);
}

/** JSON Schema of migration-waves/programme.yaml. */
export function programmeJsonSchema(): string {
  return render(ProgrammeFileSchema);
}
