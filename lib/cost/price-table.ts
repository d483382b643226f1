import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigValidationError, sortDiagnostics, unreadable, type Diagnostic } from '../config/diagnostics';
import { parseYamlText } from '../config/load';
import { RDS_ENGINE_IDS } from '../data/engines';

/*
 * The committed price table (pricing/<region>.yaml). Strict: an unknown key is an error, so a
 * mistyped field never silently drops a price. Every price carries its source and date.
 */

/** The security baseline's charges per use (docs/security-baseline.md), never in a monthly total. */
export const SECURITY_BASELINE_PER_USE = [
  'cloudtrail-data-events',
  'config-items',
  'config-rule-evaluations',
  'config-conformance-pack-evaluations',
  'guardduty-cloudtrail-events',
  'guardduty-flow-and-dns-logs',
  'guardduty-s3-data-events',
  'securityhub-checks',
  's3-standard-storage',
  's3-deep-archive-storage',
] as const;

/** What a price is charged on; the pricing rules in estimate.ts look prices up by these. */
export const USAGES = [
  'nat-gateway-hours',
  'nat-gateway-data-processed',
  'public-ipv4-hours',
  'ebs-snapshot-storage',
  'rds-instance-hours',
  'rds-storage-gb-months',
  'transit-gateway-attachment-hours',
  'transit-gateway-data-processed',
  'vpn-connection-hours',
  'interface-endpoint-az-hours',
  'kms-key-months',
  'ec2-instance-hours',
  'ebs-gp3-gb-months',
  // The security baseline: its one fixed charge (the trail), then its charges per use.
  'cloudtrail-trail-months',
  ...SECURITY_BASELINE_PER_USE,
] as const;
export type Usage = (typeof USAGES)[number];

export const UNITS = [
  'hour',
  'month',
  'GB',
  'GB-month',
  '100k-events',
  '1M-events',
  'item',
  'evaluation',
  'check',
] as const;

const PriceDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date written YYYY-MM or YYYY-MM-DD')
  .meta({ description: 'When the price was read from its source.' });

const Source = z.string().min(5).meta({
  description:
    'Where the figure came from, e.g. "AWS price list file, eu-west-2, September 2026" or "Commonly quoted, not confirmed for London".',
});

const Match = z
  .strictObject({
    engine: z.string().min(1).optional(),
    instanceClass: z.string().min(1).optional(),
    multiAz: z.boolean().optional(),
    storageType: z.string().min(1).optional(),
    instanceType: z.string().min(1).optional(),
    platform: z.enum(['linux', 'windows']).optional(),
  })
  .meta({ description: 'Which resources of the type the price applies to (all given fields must match).' });
export type PriceMatch = z.infer<typeof Match>;

const Price = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case'),
  resource: z.string().regex(/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'must be a CloudFormation type'),
  usage: z.enum(USAGES),
  unit: z.enum(UNITS),
  usd: z.number().nonnegative(),
  match: Match.optional(),
  source: Source,
  date: PriceDate,
  confirmed: z.boolean().meta({ description: 'false: commonly quoted but not confirmed for the region.' }),
});
export type PriceEntry = z.infer<typeof Price>;

export const PriceTableSchema = z
  .strictObject({
    $schema: z.string().optional(),
    region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, 'must be an AWS region, e.g. eu-west-2'),
    currency: z.literal('USD'),
    hoursPerMonth: z.literal(730),
    exchangeRate: z.strictObject({
      gbpPerUsd: z.number().positive(),
      source: Source,
      date: PriceDate,
      confirmed: z.boolean(),
    }),
    prices: z.array(Price).min(1),
  })
  .meta({ title: 'Cost estimate price table' });
export type PriceTable = z.infer<typeof PriceTableSchema>;

export interface PriceTableResult {
  readonly table?: PriceTable;
  readonly diagnostics: Diagnostic[];
}

/** Validates price-table text: schema, then unique ids, known RDS engines and no two prices for the same thing. */
export function validatePriceTableText(file: string, text: string): PriceTableResult {
  const { source, value, diagnostics: invalid } = parseYamlText(file, text, PriceTableSchema);
  if (!value) {
    return { diagnostics: invalid };
  }
  const diagnostics: Diagnostic[] = [];
  const ids = new Map<string, number>();
  const keys = new Map<string, number>();
  value.prices.forEach((price, index) => {
    const seen = ids.get(price.id);
    if (seen !== undefined) {
      diagnostics.push(
        source.diagnostic(
          ['prices', index, 'id'],
          `duplicate price id "${price.id}" (first at prices[${seen}])`,
        ),
      );
    } else {
      ids.set(price.id, index);
    }
    const engine = price.match?.engine;
    if (engine !== undefined && !RDS_ENGINE_IDS.includes(engine)) {
      diagnostics.push(
        source.diagnostic(
          ['prices', index, 'match', 'engine'],
          `unknown RDS engine "${engine}"; the landing zone builds ${RDS_ENGINE_IDS.join(', ')} (lib/data/engines)`,
        ),
      );
    }
    const key = JSON.stringify([price.resource, price.usage, price.match ?? {}]);
    const other = keys.get(key);
    if (other !== undefined) {
      diagnostics.push(
        source.diagnostic(['prices', index], `prices the same usage as prices[${other}]; keep one`),
      );
    } else {
      keys.set(key, index);
    }
  });
  return diagnostics.length > 0
    ? { diagnostics: sortDiagnostics(diagnostics) }
    : { table: value, diagnostics: [] };
}

export function validatePriceTableFile(file: string): PriceTableResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { diagnostics: [unreadable(file, error)] };
  }
  return validatePriceTableText(file, text);
}

export function loadPriceTable(file: string): PriceTable {
  const result = validatePriceTableFile(file);
  if (!result.table) {
    throw new ConfigValidationError(result.diagnostics);
  }
  return result.table;
}
