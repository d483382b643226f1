import { renderJsonSchema } from '../config/json-schema';
import { EndOfSupportSchema } from './schema';

export const END_OF_SUPPORT_JSON_SCHEMA_PATH = 'schema/end-of-support.schema.json';

/** JSON Schema of lib/lifecycle/end-of-support.yaml, for editors. */
export function endOfSupportJsonSchema(): string {
  return renderJsonSchema(EndOfSupportSchema);
}
