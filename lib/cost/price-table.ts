import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigValidationError, sortDiagnostics, unreadable, type Diagnostic } from '../config/diagnostics';
import { parseYamlText } from '../config/load';
import { RDS_ENGINE_IDS } from '../data/engines';

/*
 * The committed price tables (pricing/<region>.yaml), one per region the landing zone deploys to.
 * Strict: an unknown key is an error, so a mistyped field never silently drops a price. Every price
 * carries its source and date, and a price that could not be confirmed says why.
 */

/**
 * What a price is charged on; the pricing rules (lib/cost/rules.ts) look prices up by these. Each
 * usage is either fixed by the templates (hours, months, GB provisioned) or charged per use, in
 * which case the quantity comes from a usage assumption (lib/cost/usage-assumptions.ts).
 */
export const USAGES = [
  // Networking
  'nat-gateway-hours',
  'nat-gateway-data-processed',
  'public-ipv4-hours',
  'transit-gateway-attachment-hours',
  'transit-gateway-data-processed',
  'vpn-connection-hours',
  'interface-endpoint-az-hours',
  'interface-endpoint-data-processed',
  'resolver-endpoint-eni-hours',
  'resolver-queries',
  'dns-firewall-queries',
  'network-firewall-endpoint-hours',
  'network-firewall-data-processed',
  // Keys and secrets
  'kms-key-months',
  'kms-requests',
  'secrets-manager-secret-months',
  'secrets-manager-api-calls',
  // Databases
  'rds-instance-hours',
  'rds-storage-gb-months',
  'rds-iops-months',
  'rds-throughput-months',
  'rds-backup-storage',
  'rds-performance-insights-vcpu-months',
  // Compute for migrated servers
  'ec2-instance-hours',
  'ebs-gp3-gb-months',
  'ebs-snapshot-storage',
  // Monitoring and logs
  'cloudwatch-alarm-months',
  'cloudwatch-alarm-high-resolution-months',
  'cloudwatch-composite-alarm-months',
  'cloudwatch-dashboard-months',
  'cloudwatch-custom-metric-months',
  'cloudwatch-logs-ingested',
  'cloudwatch-logs-stored',
  'cloudwatch-vended-logs-ingested',
  'firehose-ingested',
  'lambda-requests',
  'lambda-gb-seconds',
  'sns-requests',
  'events-delivered',
  // Backup
  'backup-warm-storage',
  'backup-cross-region-transfer',
  'backup-restore-test-jobs',
  'backup-audit-evaluations',
  // Migration
  'mgn-server-hours',
  'dms-instance-hours',
  'dms-storage-gb-months',
  'dms-serverless-dcu-hours',
  // The security baseline
  'cloudtrail-trail-months',
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
export type Usage = (typeof USAGES)[number];

export const UNITS = [
  'hour',
  'month',
  'GB',
  'GB-month',
  'IOPS-month',
  'MBps-month',
  'vCPU-month',
  '10k-requests',
  '1M-requests',
  '1M-queries',
  '1M-events',
  '100k-events',
  'GB-second',
  'item',
  'evaluation',
  'check',
  'job',
  'DCU-hour',
] as const;

const PriceDate = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'must be a date written YYYY-MM or YYYY-MM-DD')
  .meta({ description: 'When the price was read from its source.' });

const Source = z.string().min(5).meta({
  description:
    'Where the figure came from, e.g. "AWS price list file, eu-west-2, September 2026", or how a planning estimate was derived.',
});

/**
 * What an EC2 hour is priced as: the operating system, and for a database server whose SQL Server
 * moves with it licence included, the SQL Server edition whose licence the hourly rate carries.
 */
export const EC2_PLATFORMS = [
  'linux',
  'windows',
  'windows-sql-standard',
  'windows-sql-enterprise',
  'windows-sql-web',
] as const;
export type Ec2Platform = (typeof EC2_PLATFORMS)[number];

/** CloudFormation `LicenseModel` values the RDS price keys distinguish. */
export const RDS_LICENCE_KEYS = ['license-included', 'bring-your-own-license', 'open-source'] as const;

const Match = z
  .strictObject({
    engine: z.string().min(1).optional(),
    instanceClass: z.string().min(1).optional(),
    multiAz: z.boolean().optional(),
    storageType: z.string().min(1).optional(),
    licence: z.enum(RDS_LICENCE_KEYS).optional(),
    instanceType: z.string().min(1).optional(),
    platform: z.enum(EC2_PLATFORMS).optional(),
  })
  .meta({ description: 'Which resources of the type the price applies to (all given fields must match).' });
export type PriceMatch = z.infer<typeof Match>;

const Price = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case'),
    resource: z.string().regex(/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'must be a CloudFormation type'),
    usage: z.enum(USAGES),
    unit: z.enum(UNITS),
    usd: z.number().nonnegative(),
    /** Units a month that cost nothing (a free allowance), per resource. @default 0 */
    freePerMonth: z.number().nonnegative().optional(),
    match: Match.optional(),
    source: Source,
    date: PriceDate,
    confirmed: z.boolean().meta({
      description: 'true only when read from the AWS price list for the region; false for an estimate.',
    }),
    unconfirmedBecause: z.string().min(10).optional().meta({
      description: 'Required when confirmed is false: why no published figure could be confirmed.',
    }),
  })
  .superRefine((p, ctx) => {
    if (!p.confirmed && p.unconfirmedBecause === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['unconfirmedBecause'],
        message: 'an unconfirmed price must say why it could not be confirmed',
      });
    }
    if (p.confirmed && p.unconfirmedBecause !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['unconfirmedBecause'],
        message: 'a confirmed price has no reason to be unconfirmed',
      });
    }
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

/** A region's price table file name: pricing/eu-west-2.yaml. */
const REGION_FILE = /^[a-z]{2}-[a-z]+-\d\.yaml$/;

export interface PriceBookResult {
  /** One table per region, by region. */
  readonly tables?: ReadonlyMap<string, PriceTable>;
  readonly diagnostics: Diagnostic[];
}

/**
 * Every price table: a directory's `<region>.yaml` files, or one file. Two tables for one region,
 * or exchange rates that differ between tables, are errors (one rate converts every figure).
 */
export function loadPriceBook(path: string): PriceBookResult {
  let files: string[];
  try {
    files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => REGION_FILE.test(f))
          .sort()
          .map((f) => join(path, f))
      : [path];
  } catch (error) {
    return { diagnostics: [unreadable(path, error)] };
  }
  if (files.length === 0) {
    return {
      diagnostics: [
        {
          file: path,
          line: 1,
          column: 1,
          path: '',
          message: 'no <region>.yaml price table here',
          severity: 'error',
        },
      ],
    };
  }
  const tables = new Map<string, PriceTable>();
  const diagnostics: Diagnostic[] = [];
  let rate: { file: string; value: number } | undefined;
  for (const file of files) {
    const result = validatePriceTableFile(file);
    diagnostics.push(...result.diagnostics);
    const table = result.table;
    if (!table) {
      continue;
    }
    if (tables.has(table.region)) {
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        path: 'region',
        message: `a second table for ${table.region}`,
        severity: 'error',
      });
    }
    tables.set(table.region, table);
    if (rate === undefined) {
      rate = { file, value: table.exchangeRate.gbpPerUsd };
    } else if (rate.value !== table.exchangeRate.gbpPerUsd) {
      diagnostics.push({
        file,
        line: 1,
        column: 1,
        path: 'exchangeRate.gbpPerUsd',
        message: `${table.exchangeRate.gbpPerUsd} differs from ${rate.value} in ${rate.file}: one rate converts every figure`,
        severity: 'error',
      });
    }
  }
  return diagnostics.length > 0 ? { diagnostics: sortDiagnostics(diagnostics) } : { tables, diagnostics: [] };
}
