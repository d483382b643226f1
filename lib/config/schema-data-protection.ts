import { z } from 'zod';
import { DATABASE_EDITIONS, DATABASE_ENGINES, editionsDescription, LICENCE_MODELS } from '../data/engines';
import { CLASSIFICATIONS } from '../names';

/*
 * The data-protection part of the configuration: backup tiers, the vaults they land in, and (until
 * the migration-waves issue lands) the example databases. Every object is strict, like the rest of
 * the schema, so a mistyped key is an error rather than a silent no-op.
 */

const NAME_PATTERN = /^[a-z][a-z0-9-]{0,38}[a-z0-9]$/;
const Name = z
  .string()
  .regex(NAME_PATTERN, 'must be lower-case kebab-case: letters, digits and hyphens, 2 to 40 characters')
  .meta({
    description: 'A stable name, used to derive construct IDs. Renaming a stateful resource replaces it.',
  });

const Days = z.int().min(1).max(36500);

const AWS_CRON = /^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$/;

export const BackupSchedule = z
  .string()
  .regex(AWS_CRON, 'must be an AWS cron expression with six fields, e.g. cron(0 1 * * ? *)')
  .meta({
    description:
      'When backups start, as an AWS cron expression evaluated in Europe/London (so 01:00 stays 01:00 across BST), e.g. cron(0 1 * * ? *).',
  });

const Copy = z.strictObject({
  retentionDays: Days.meta({ description: 'How long the copy is kept in the destination vault.' }),
  moveToColdStorageAfterDays: Days.optional().meta({
    description:
      'Optional move of the copy to cold storage (resource types that support it); retention must then be at least 90 days longer.',
  }),
});

const RESTORE_TEST_FREQUENCIES = ['weekly', 'monthly'] as const;
export type RestoreTestFrequency = (typeof RESTORE_TEST_FREQUENCIES)[number];

const BackupTier = z
  .strictObject({
    name: Name.meta({
      description: 'Tier name, e.g. gold. Databases carry it as the backup-tier tag that selects them.',
    }),
    description: z.string().optional(),
    schedule: BackupSchedule,
    startWindowMinutes: z.int().min(60).max(1440).meta({
      description: 'How long after the scheduled time a job may start before it is cancelled (at least 60).',
    }),
    completionWindowMinutes: z.int().min(120).max(10080).meta({
      description: 'How long after the scheduled time a job must finish; counts towards the worst-case RPO.',
    }),
    retentionDays: Days.meta({
      description: 'How long snapshot recovery points are kept in the workload account.',
    }),
    moveToColdStorageAfterDays: Days.optional().meta({
      description:
        'Optional move to cold storage (resource types that support it); retention must be at least 90 days longer.',
    }),
    pointInTimeRecoveryDays: z.int().min(1).max(35).meta({
      description:
        'RDS automated-backup (PITR) window in days, 1 to 35. With continuousBackup, AWS Backup manages it.',
    }),
    continuousBackup: z.boolean().meta({
      description:
        'AWS Backup continuous backup (PITR held in the locked vault, restorable to any second in the window).',
    }),
    copyToBackupAccount: Copy.meta({
      description:
        'Copy of every snapshot to the backup account vault, out of reach of the workload account.',
    }),
    copyToDrRegion: Copy.optional().meta({
      description:
        'Optional copy to the backup account vault in organisation.drRegion; only allowed where dataResidency permits.',
    }),
    restoreTest: z
      .strictObject({
        frequency: z
          .enum(RESTORE_TEST_FREQUENCIES)
          .meta({ description: 'How often AWS Backup restores a recent recovery point and checks it.' }),
        validationWindowHours: z.int().min(1).max(168).default(4).meta({
          description: 'How long the restored copy is kept for validation before AWS Backup deletes it.',
        }),
      })
      .meta({ description: 'Restore testing for resources of this tier.' }),
  })
  .meta({ description: 'A backup tier: schedule, windows, retention, copies and restore tests.' });

const LOCK_MODES = ['compliance', 'governance'] as const;
export type VaultLockMode = (typeof LOCK_MODES)[number];

const VaultLock = z
  .strictObject({
    mode: z.enum(LOCK_MODES).meta({
      description:
        'compliance: after changeableForDays nobody, not even the root user or AWS, can shorten retention or delete recovery points early. governance: privileged IAM principals can still remove the lock.',
    }),
    minRetentionDays: Days.meta({
      description: 'Shortest retention any recovery point in the vault may have.',
    }),
    maxRetentionDays: Days.meta({
      description: 'Longest retention any recovery point in the vault may have.',
    }),
    changeableForDays: z.int().min(3).max(36500).optional().meta({
      description:
        'compliance mode only: cooling-off period (at least 3 days) before the lock becomes immutable.',
    }),
  })
  .meta({ description: 'AWS Backup Vault Lock for a vault.' });

const Vaults = z
  .strictObject({
    production: VaultLock.meta({ description: 'Lock of the vault in the production account.' }),
    nonProduction: VaultLock.meta({ description: 'Lock of the vault in the non-production account.' }),
    central: z
      .strictObject({
        minRetentionDays: Days,
        maxRetentionDays: Days,
      })
      .meta({
        description:
          'Retention range of the logically air-gapped vault in the backup account (always compliance mode).',
      }),
    drRegion: VaultLock.optional().meta({
      description:
        'Lock of the backup account vault in organisation.drRegion; needed when any tier copies to the DR region.',
    }),
  })
  .meta({
    description:
      'The vaults recovery points land in. A vault holds every tier, so each lock range must cover every lifecycle in it.',
  });

const Database = z
  .strictObject({
    name: Name.meta({
      description:
        'Database name within the workload, e.g. main. With the workload it forms the construct ID.',
    }),
    workload: Name.meta({
      description: 'The workload (service) the database belongs to, e.g. revenues-benefits.',
    }),
    description: z.string().optional(),
    engine: z.enum(DATABASE_ENGINES),
    edition: z.enum(DATABASE_EDITIONS).optional().meta({ description: editionsDescription() }),
    version: z
      .string()
      .regex(/^[0-9][0-9A-Za-z.-]*$/, 'must be a full engine version, e.g. 16.00.4236.2.v1, 17.9 or 8.4.8')
      .meta({ description: 'Full engine version as RDS names it.' }),
    licence: z
      .enum(LICENCE_MODELS)
      .meta({ description: 'Licence model; validated against what RDS allows for the engine and edition.' }),
    instanceClass: z
      .string()
      .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'must be an RDS instance class, e.g. db.r6i.large')
      .meta({ description: 'RDS instance class, e.g. db.m6i.large.' }),
    allocatedStorageGiB: z.int().min(20).max(65536),
    maxAllocatedStorageGiB: z
      .int()
      .min(20)
      .max(65536)
      .optional()
      .meta({ description: 'Storage autoscaling ceiling.' }),
    tier: Name.meta({ description: 'Backup tier name from dataProtection.tiers.' }),
    account: Name.meta({
      description: 'Workload account the database lives in (role production or non-production).',
    }),
    vpc: Name.meta({
      description:
        'Workload VPC (shared into the account through RAM) whose isolated tier holds the database.',
    }),
    subnetTier: Name.default('data').meta({
      description: 'Isolated subnet tier of the VPC for the database.',
    }),
    recovery: z
      .strictObject({
        rpoMinutes: z.int().min(0).meta({
          description:
            'Most data loss the service accepts after an AZ loss or a logical corruption / ransomware event.',
        }),
        rtoMinutes: z
          .int()
          .min(1)
          .meta({ description: 'Longest outage the service accepts for the same disruptions.' }),
        regionLoss: z
          .strictObject({ rpoMinutes: z.int().min(0), rtoMinutes: z.int().min(1) })
          .optional()
          .meta({
            description:
              'Targets for the loss of the home region; leave out only if the service accepts no region-loss recovery.',
          }),
      })
      .meta({
        description:
          'Agreed recovery targets. They are written into the templates as tags so the DR check can read them.',
      }),
    allowedSecurityGroups: z.array(Name).default([]).meta({
      description:
        'Names of application security groups (created in the workload stack) that may connect to the database.',
    }),
    allowedOnPremisesRanges: z.array(Name).default([]).meta({
      description: 'Names from network.onPremisesRanges admitted over the VPN during migration.',
    }),
    classification: z.enum(CLASSIFICATIONS).default('OFFICIAL').meta({
      description:
        'Government Security Classification of the data, written as the classification tag. OFFICIAL-SENSITIVE databases are audited (pgaudit, SQL Server Audit) into the log archive.',
    }),
  })
  .meta({ description: 'An RDS database instance of a workload.' });

export const DataProtectionSchema = z
  .strictObject({
    tiers: z.array(BackupTier).min(1),
    vaults: Vaults,
    notifications: z
      .strictObject({
        email: z.email().optional().meta({
          description: 'Team mailbox subscribed to failed-job notifications (no personal addresses).',
        }),
      })
      .default({})
      .meta({ description: 'Where AWS Backup failures are sent.' }),
    databases: z.array(Database).default([]).meta({
      description: 'Example databases until the migration waves describe them.',
    }),
  })
  .meta({ description: 'Backup tiers, vaults and databases.' });

export type DataProtectionConfig = z.infer<typeof DataProtectionSchema>;
export type BackupTierConfig = DataProtectionConfig['tiers'][number];
export type VaultLockConfig = z.infer<typeof VaultLock>;
export type DatabaseConfig = DataProtectionConfig['databases'][number];
export type WorkloadAccountRole = 'production' | 'non-production';

export const DataProtectionElementSchemas = { BackupTier, Vaults, Database } as const;
