import { z } from 'zod';

/*
 * The committed end-of-support table (lib/lifecycle/end-of-support.yaml): for the operating systems
 * and database engines the migration plan moves, when their vendor stops supporting each version
 * and, for engines RDS runs, when RDS ends standard support. Strict like every other file: an
 * unknown key is an error. Every date names its source and whether it was confirmed there.
 */

export const LIFECYCLE_PRODUCTS = [
  'windows-server',
  'rhel',
  'sql-server',
  'oracle',
  'postgresql',
  'mysql',
] as const;
export type LifecycleProduct = (typeof LIFECYCLE_PRODUCTS)[number];

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real calendar date');

const Source = z
  .string()
  .regex(/^https:\/\/\S+$/, 'must be an https URL')
  .meta({
    description: "The vendor's lifecycle page the date was read from.",
  });

const Version = z.strictObject({
  version: z.string().min(1).meta({ description: 'The version as people name it, e.g. 2016, 8, 19c, 17.' }),
  matches: z.array(z.string().min(1)).min(1).meta({
    description:
      'Version strings that name this version: a string matches when it equals one of these or starts with one followed by a dot (16.00 matches 16.00.4236.2.v1).',
  }),
  endOfSupport: IsoDate.meta({
    description:
      "The vendor's last day of security fixes without a paid extension: extended support (Microsoft), maintenance support (Red Hat), premier support (Oracle), the final community release (PostgreSQL, MySQL).",
  }),
  rdsEndOfStandardSupport: IsoDate.optional().meta({
    description:
      'Amazon RDS end of standard support for the major version (after it, RDS Extended Support charges apply). Only for engines whose RDS date differs from the vendor date.',
  }),
  source: Source,
  rdsSource: Source.optional(),
  confirmed: z.boolean().meta({
    description:
      'true: read from the source on checkedOn; false: widely published but not read from the vendor page. Verify before relying.',
  }),
  note: z.string().optional(),
});
export type LifecycleVersion = z.infer<typeof Version>;

const Product = z.strictObject({
  product: z.enum(LIFECYCLE_PRODUCTS),
  label: z.string().min(2),
  osPattern: z.string().min(3).optional().meta({
    description:
      'For operating systems: a regular expression over a server `os` string whose first group is the version, e.g. ^Windows Server (\\d{4}(?: R2)?).',
  }),
  versions: z.array(Version).min(1),
});
export type LifecycleProductEntry = z.infer<typeof Product>;

export const EndOfSupportSchema = z
  .strictObject({
    $schema: z.string().optional(),
    checkedOn: IsoDate.meta({ description: 'When the dates were last compared with their sources.' }),
    products: z.array(Product).min(1),
  })
  .meta({ title: 'End-of-support dates of operating systems and database engines' });
export type EndOfSupportTable = z.infer<typeof EndOfSupportSchema>;
