import { z } from 'zod';
import { DATA_RESIDENCY_RULES } from '../config/regions';
import { MIGRATION_METHODS, WAVE_ENGINE_NAMES, WAVE_EXTENSION_NAMES } from '../data/engines';
import { ResourceName } from '../config/schema';
import { CLASSIFICATIONS, type Classification } from '../names';

/*
 * The migration plan's single source of truth: `migration-waves/programme.yaml` (the calendar, the
 * support rota, capacity and the baseline) and one `migration-waves/wave-NN-<slug>.yaml` per wave.
 * Types, runtime validation and the committed JSON Schemas all come from here. Every object is
 * strict: a mistyped key is an error, never silently ignored.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export const IsoDate = z
  .string()
  .regex(DATE, 'must be a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'is not a real calendar date')
  .meta({ description: 'A calendar date, YYYY-MM-DD.' });

export const LocalDateTime = z
  .string()
  .regex(LOCAL_DATE_TIME, 'must be a local date and time written YYYY-MM-DDTHH:MM')
  .meta({ description: 'A wall-clock date and time, YYYY-MM-DDTHH:MM, in the time zone given alongside.' });

const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM')
  .meta({ description: 'A 24-hour wall-clock time, HH:MM. 00:00 as an end means midnight.' });

const Role = z.string().min(3).meta({
  description:
    'A role title, e.g. "Head of Revenues and Benefits". Record roles, not people: people change, the role stays accountable.',
});

export const WaveId = z
  .string()
  .regex(/^wave-\d{2}$/, 'must be wave-NN, e.g. wave-03')
  .meta({ description: 'wave-NN; matches the NN in the file name wave-NN-<slug>.yaml.' });

export const WorkloadId = ResourceName.meta({
  description:
    'Stable kebab-case id; construct IDs come from it, so renaming a workload replaces its resources.',
});

export const WORKLOAD_STATES = [
  'not-started',
  'not-ready',
  'ready-for-test',
  'testing',
  'ready-for-cutover',
  'cutting-over',
  'cutover',
  'disconnected',
  'complete',
  'blocked',
  'rolled-back',
] as const;
export type WorkloadState = (typeof WORKLOAD_STATES)[number];

export const WAVE_STATUSES = ['planned', 'approved', 'in-progress', 'complete', 'on-hold'] as const;
export type WaveStatus = (typeof WAVE_STATUSES)[number];

export const STRATEGIES = [
  'rehost',
  'replatform',
  'refactor',
  'repurchase',
  'retire',
  'retain',
  'relocate',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

// One list for the wave files, the tag policy and the database construct (lib/names.ts).
export { CLASSIFICATIONS, type Classification };

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ENVIRONMENTS = ['production', 'non-production'] as const;
export const DR_STRATEGIES = ['backup-restore', 'pilot-light', 'warm-standby', 'multi-site'] as const;
export const DPIA_STATUSES = ['not-started', 'draft', 'submitted', 'approved', 'rejected'] as const;
export const LICENCE_MODELS = [
  'byol',
  'licence-included',
  'saas-subscription',
  'open-source',
  'council-owned',
] as const;
export const SERVER_ROLES = [
  'web',
  'app',
  'db',
  'file',
  'print',
  'integration',
  'gis',
  'management',
] as const;
export const SERVER_TIERS = ['app', 'db'] as const;
export type ServerTier = (typeof SERVER_TIERS)[number];
export const DB_TARGETS = ['rds', 'ec2', 'saas', 'retire'] as const;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const CutoverWindow = z
  .strictObject({
    start: LocalDateTime,
    end: LocalDateTime,
    timeZone: z.string().min(3).meta({ description: 'IANA time zone of start and end, e.g. Europe/London.' }),
    extraCover: z
      .strictObject({
        arrangedBy: Role,
        reason: z.string().min(10),
      })
      .optional()
      .meta({
        description:
          'Declared extra support cover for any part of the window outside the rota hours (programme.yaml supportHours).',
      }),
  })
  .meta({ description: 'When the cutover happens: start and end in the given time zone.' });
export type CutoverWindowConfig = z.infer<typeof CutoverWindow>;

const Server = z.strictObject({
  hostname: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lower-case host name (letters, digits, hyphens)')
    .meta({ description: 'Short host name; unique across the whole plan (the MGN user-provided id).' }),
  fqdn: z.string().optional().meta({ description: 'Defaults to hostname + programme.domain.' }),
  os: z.string().min(3).meta({ description: 'Operating system and version, e.g. "Windows Server 2016".' }),
  targetOs: z.string().min(3).optional().meta({
    description:
      'The operating system it runs in AWS when the migration upgrades it in place, e.g. "Windows Server 2022". Default: os. Its support dates are checked at cutover.',
  }),
  osLicence: z.enum(['licence-included', 'byol']).optional().meta({
    description:
      'Operating-system licence in AWS (the MGN launch template): licence-included (default) or byol. Windows Server BYOL needs Dedicated Hosts, which the launch templates do not use.',
  }),
  platform: z.enum(['windows', 'linux']),
  role: z.enum(SERVER_ROLES),
  tier: z.enum(SERVER_TIERS).meta({ description: 'app or db: which security group the server lands in.' }),
  vcpus: z.int().min(1).max(448),
  memoryGiB: z.number().positive().max(24576),
  diskGiB: z.number().positive(),
  targetInstanceType: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type, e.g. m6i.large')
    .optional(),
  cmdbId: z.string().optional(),
});
export type ServerConfig = z.infer<typeof Server>;

const RdsSettings = z
  .strictObject({
    version: z
      .string()
      .regex(
        /^[0-9][0-9A-Za-z.-]*$/,
        'must be a full RDS engine version, e.g. 16.00.4236.2.v1, 17.9 or 8.4.8',
      )
      .optional()
      .meta({
        description:
          'Full RDS engine version to run. Default: the current version of the engine in lib/data/engines (the source version is usually one RDS no longer offers).',
      }),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class, e.g. db.r6i.large')
      .optional()
      .meta({ description: 'RDS instance class. Default: from the engine and sizeGiB.' }),
    allocatedStorageGiB: z.int().min(20).max(65536).optional().meta({
      description: 'Storage at launch. Default: sizeGiB plus a quarter, rounded up to 10 GiB, at least 20.',
    }),
    maxAllocatedStorageGiB: z.int().min(20).max(65536).optional().meta({
      description: 'Storage autoscaling ceiling. Default: twice the allocated storage.',
    }),
  })
  .meta({
    description: 'RDS settings for target rds; every field has a default derived from engine and size.',
  });
export type RdsSettingsConfig = z.infer<typeof RdsSettings>;

const Database = z.strictObject({
  name: ResourceName,
  engine: z.enum(WAVE_ENGINE_NAMES),
  version: z.string().min(1).meta({ description: 'Version on premises today, e.g. 2017 or 19c.' }),
  sizeGiB: z.number().positive(),
  target: z.enum(DB_TARGETS).meta({
    description:
      'rds: a CouncilDatabase (lib/data/council-database.ts) in the target account and VPC; ec2: moves with its server; saas: the supplier takes the data; retire: archived and switched off.',
  }),
  licence: z.enum(LICENCE_MODELS).optional().meta({
    description:
      'Licence model in AWS. For rds: byol, licence-included or open-source, as RDS allows for the engine (SQL Server on RDS is licence-included only). Default for rds: open-source for postgres and mysql, licence-included otherwise.',
  }),
  rds: RdsSettings.optional(),
  extensions: z.array(z.enum(WAVE_EXTENSION_NAMES)).optional().meta({
    description:
      'Extensions the database uses (postgis for PostgreSQL); the target parameter group allows exactly these.',
  }),
  migration: z
    .strictObject({
      method: z.enum(MIGRATION_METHODS).optional().meta({
        description:
          'dms: AWS DMS full load then change data capture, with validation (default where DMS can capture the edition); sqlserver-native-backup: native backup to S3 and restore on RDS; oracle-data-pump: Data Pump export and import through S3.',
      }),
      sourceHost: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a lower-case host name or FQDN')
        .optional()
        .meta({
          description:
            "The server the database runs on today: a db-tier server's hostname in this workload, or an FQDN. Default: the workload's only db-tier server.",
        }),
      sourceDatabase: z.string().min(1).max(128).optional().meta({
        description: 'The database name on the source server, e.g. NEC_REVS. Default: name.',
      }),
    })
    .optional()
    .meta({ description: 'How a database with target rds moves (see docs/migration-waves.md).' }),
  cmdbId: z.string().optional(),
});
export type DatabaseConfig = z.infer<typeof Database>;

const Dependency = z.strictObject({
  workload: WorkloadId.meta({ description: 'Id of the workload depended on (in any wave file).' }),
  type: z.enum(['hard', 'soft']).meta({
    description: 'hard: this workload fails without it; soft: degraded but usable (e.g. a nightly feed).',
  }),
  ports: z
    .array(z.int().min(1).max(65535))
    .min(1)
    .meta({ description: 'TCP ports this workload calls on the dependency (security-group rules).' }),
  reachableVia: ResourceName.optional().meta({
    description:
      'Declared VPN path (an on-premises range name in config/landing-zone.yaml) that keeps the dependency reachable while it is still on premises.',
  }),
  description: z.string().optional(),
});

/** An on-premises range, or one of its named networks as <range>/<network> (lib/config/on-premises-sources.ts). */
const OnPremisesSourceName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,38}[a-z0-9](\/[a-z][a-z0-9-]{0,38}[a-z0-9])?$/,
    'must be an on-premises range name, or <range>/<network> for one of its networks',
  );

const Access = z.strictObject({
  port: z.int().min(1).max(65535),
  from: z.array(OnPremisesSourceName).min(1).meta({
    description:
      'On-premises ranges (config/landing-zone.yaml) whose users reach this port, or <range>/<network> to admit only a named network of one, e.g. civic-centre/staff-desktops. A public range (audience: public) is refused.',
  }),
  description: z.string().optional(),
});

const Dpia = z.strictObject({
  reference: z.string().min(3),
  status: z.enum(DPIA_STATUSES),
  approvedOn: IsoDate.optional(),
  approvedBy: Role.optional(),
});

const DataProtection = z.strictObject({
  classification: z.enum(CLASSIFICATIONS),
  personalData: z.boolean(),
  specialCategoryData: z.boolean(),
  residency: z.enum(DATA_RESIDENCY_RULES).meta({
    description:
      "Where this workload's data may be stored. The stricter of this and the classification's rule in programme.yaml applies.",
  }),
  dpia: Dpia.optional().meta({
    description: 'Required (and approved before its wave is approved) for personal data.',
  }),
});

const Recovery = z.strictObject({
  rpoMinutes: z.int().min(0).meta({ description: 'Recovery point objective: data loss tolerated, minutes.' }),
  rtoMinutes: z.int().min(1).meta({ description: 'Recovery time objective: outage tolerated, minutes.' }),
  drStrategy: z.enum(DR_STRATEGIES),
  drRegionCopy: z.boolean().meta({
    description:
      "Whether backups are copied to the organisation's DR region. Must be false for data that may not leave the UK when the DR region is outside it.",
  }),
});

const Supplier = z.strictObject({
  vendor: z.string().min(2),
  product: z.string().min(2),
  contractEnd: IsoDate.optional(),
  awsSupported: z.enum(['yes', 'no', 'unknown']),
  licence: z.enum(LICENCE_MODELS),
});

const Rollback = z.strictObject({
  trigger: z.string().min(10).meta({ description: 'What observation starts a rollback.' }),
  decisionOwner: Role,
  pointOfNoReturn: z
    .string()
    .min(10)
    .meta({ description: 'After this step, rolling back is no longer possible.' }),
  rollbackMinutes: z
    .int()
    .min(1)
    .meta({ description: 'Time to restore service on premises; must fit the RTO.' }),
});

const Testing = z.strictObject({
  plan: z.string().min(3).meta({ description: 'Reference of the test plan, e.g. TP-REV-004.' }),
  signOff: z
    .strictObject({ by: Role, on: IsoDate })
    .optional()
    .meta({ description: 'Business sign-off of the test results.' }),
});

const StatusChange = z.strictObject({
  state: z.enum(WORKLOAD_STATES),
  on: IsoDate,
  note: z.string().optional(),
});

const Workload = z
  .strictObject({
    id: WorkloadId,
    name: z.string().min(3),
    cmdbId: z.string().regex(/^[A-Z]{2,5}-\d{3,8}$/, 'must look like CI-000123'),
    serviceArea: ResourceName.meta({ description: 'One of programme.yaml serviceAreas.' }),
    site: ResourceName.optional().meta({
      description:
        'The council site (connectivity.sites in config/landing-zone.yaml) whose VPN its servers replicate over and its databases are read through. Required when servers replicate or databases move by DMS.',
    }),
    owners: z.strictObject({
      business: Role.optional(),
      technical: Role.optional(),
    }),
    costCentre: z.string().min(1),
    criticality: z.enum(CRITICALITIES),
    environment: z.enum(ENVIRONMENTS),
    strategy: z.enum(STRATEGIES),
    target: z
      .strictObject({
        account: ResourceName.meta({ description: 'Account name in config/landing-zone.yaml.' }),
        vpc: ResourceName.meta({
          description: 'VPC name in config/landing-zone.yaml, shared with that account.',
        }),
      })
      .optional(),
    decommissionDate: IsoDate.optional().meta({ description: 'When the source is switched off (retire).' }),
    servers: z.array(Server).default([]),
    databases: z.array(Database).default([]),
    dependencies: z.array(Dependency).default([]),
    access: z.array(Access).default([]).meta({ description: 'Who reaches the app tier, from which site.' }),
    dataProtection: DataProtection,
    recovery: Recovery,
    supplier: Supplier.optional(),
    cutoverWindow: CutoverWindow.optional().meta({ description: "Overrides the wave's cutover window." }),
    rollback: Rollback.optional(),
    testing: Testing.optional(),
    cost: z.strictObject({
      currentMonthlyGbp: z.number().min(0).meta({ description: 'Monthly on-premises run cost today, GBP.' }),
      targetMonthlyGbp: z.number().min(0).optional().meta({
        description:
          "The business case's expected monthly cost after, GBP, kept for reference: the reports use the estimate from the templates and the price tables (docs/cost.md), never this.",
      }),
      saasMonthlyGbp: z.number().min(0).optional().meta({
        description:
          'repurchase only: the monthly fee of the replacement (SaaS), GBP. It is the run cost after the move, so it counts against the saving.',
      }),
    }),
    status: z.enum(WORKLOAD_STATES),
    statusHistory: z
      .array(StatusChange)
      .min(1)
      .meta({ description: 'Oldest first; the last entry is the status.' }),
    notes: z.string().optional(),
  })
  .meta({ description: 'One on-premises workload and how it moves.' });
export type WorkloadConfig = z.infer<typeof Workload>;

const WaveHeader = z.strictObject({
  id: WaveId,
  name: z.string().min(3),
  owner: Role,
  status: z.enum(WAVE_STATUSES),
  approval: z
    .strictObject({ by: Role, on: IsoDate })
    .optional()
    .meta({ description: 'Who approved the wave to proceed (required from status approved onwards).' }),
  planned: z.strictObject({ start: IsoDate, end: IsoDate }),
  actual: z.strictObject({ start: IsoDate.optional(), end: IsoDate.optional() }).optional(),
  cutoverWindow: CutoverWindow,
  description: z.string().optional(),
});
export type WaveHeaderConfig = z.infer<typeof WaveHeader>;

export const WaveFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    wave: WaveHeader,
    workloads: z.array(Workload),
  })
  .meta({ title: 'Council migration wave' });
export type WaveFileConfig = z.infer<typeof WaveFileSchema>;

const Blackout = z.strictObject({
  id: ResourceName,
  name: z.string().min(3),
  start: IsoDate,
  end: IsoDate.meta({ description: 'Last day of the blackout, inclusive.' }),
  serviceAreas: z
    .union([z.literal('all'), z.array(ResourceName).min(1)])
    .meta({ description: '"all", or the service areas whose cutovers it blocks.' }),
  reason: z.string().optional(),
});
export type BlackoutConfig = z.infer<typeof Blackout>;

export const ProgrammeFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    programme: z.strictObject({
      name: z.string().min(3),
      owner: Role,
      timeZone: z
        .string()
        .min(3)
        .meta({ description: 'IANA time zone of the calendar, e.g. Europe/London.' }),
      domain: z.string().min(3).meta({ description: 'DNS suffix of on-premises servers, for MGN FQDNs.' }),
    }),
    serviceAreas: z
      .array(z.strictObject({ id: ResourceName, name: z.string().min(3), head: Role }))
      .min(1)
      .meta({ description: 'Service areas; workloads name one.' }),
    classificationResidency: z
      .strictObject({
        OFFICIAL: z.enum(DATA_RESIDENCY_RULES),
        'OFFICIAL-SENSITIVE': z.enum(DATA_RESIDENCY_RULES),
      })
      .meta({ description: 'The widest residency each classification allows (policy from the DPO).' }),
    supportHours: z
      .strictObject({ start: ClockTime, end: ClockTime, days: z.array(z.enum(WEEKDAYS)).min(1) })
      .meta({ description: 'When the rota is staffed; cutovers outside need declared extra cover.' }),
    capacity: z
      .strictObject({
        maxWorkloadsPerWave: z.int().min(1),
        maxServersPerWave: z.int().min(1),
      })
      .meta({ description: 'What the team can cut over in one wave (retained workloads do not count).' }),
    baseline: z
      .strictObject({
        approvedOn: IsoDate,
        approvedBy: Role,
        waves: z.array(z.strictObject({ wave: WaveId, start: IsoDate, end: IsoDate })).min(1),
      })
      .meta({ description: 'The approved plan that burn-down and slippage are measured against.' }),
    blackouts: z.array(Blackout),
    replication: z
      .strictObject({
        bandwidthSharePercent: z.int().min(1).max(100).default(50).meta({
          description:
            "The share of a site's VPN bandwidth (connectivity.sites[].bandwidthMbps) that server replication may use; the rest stays for the people working there.",
        }),
      })
      .default({ bandwidthSharePercent: 50 })
      .meta({
        description: 'How server replication (AWS MGN) shares the VPN bandwidth of the council sites.',
      }),
    supportDates: z
      .strictObject({
        warnWithinMonths: z.int().min(0).max(120).default(12).meta({
          description:
            'Warn when a workload moves onto, or stays on, a version whose support ends within this many months of its cutover.',
        }),
      })
      .default({ warnWithinMonths: 12 })
      .meta({ description: 'End-of-support checks (lib/lifecycle/end-of-support.yaml).' }),
  })
  .meta({ title: 'Council migration programme' });
export type ProgrammeConfig = z.infer<typeof ProgrammeFileSchema>;

/** Element schemas, so cross-file rules can still check the valid parts of a file with schema errors. */
export const WaveElementSchemas = { WaveHeader, Workload } as const;
