import { z } from 'zod';

/*
 * Building blocks shared by the root schema and its sections. They live apart from schema.ts so a
 * section file (such as schema-connectivity.ts) can use them without a circular import.
 */

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;

export const ResourceName = z
  .string()
  .regex(NAME_PATTERN, 'must be lower-case kebab-case: letters, digits and hyphens, 2 to 40 characters')
  .meta({
    description: 'A stable name, used to derive construct IDs. Renaming a stateful resource replaces it.',
  });

export const CidrText = z
  .string()
  .meta({ description: 'An IPv4 CIDR block, canonical (no host bits set), e.g. 10.64.0.0/16.' });

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const LogRetentionDays = z
  .union(
    LOG_RETENTION_DAYS.map((days) => z.literal(days)),
    {
      error: `must be one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
    },
  )
  .meta({ description: 'CloudWatch Logs retention in days (one of the values CloudWatch accepts).' });
