import { z } from 'zod';
import { LandingZoneSchema } from './schema';

/** The JSON Schema editors use for completion, generated from the same zod schema the loader uses. */
export function landingZoneJsonSchema(): string {
  const schema = z.toJSONSchema(LandingZoneSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export const JSON_SCHEMA_PATH = 'schema/landing-zone.schema.json';
