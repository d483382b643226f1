import { z } from 'zod';
import { LandingZoneSchema } from './schema';

/** A zod schema as the JSON Schema (draft 2020-12, input shape) that editors use, with a final newline. */
export function renderJsonSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

/** The JSON Schema editors use for completion, generated from the same zod schema the loader uses. */
export function landingZoneJsonSchema(): string {
  return renderJsonSchema(LandingZoneSchema);
}

export const JSON_SCHEMA_PATH = 'schema/landing-zone.schema.json';
