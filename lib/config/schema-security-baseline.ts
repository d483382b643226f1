import { z } from 'zod';
import { PrincipalArnPattern as ArnPattern, RoleName } from './schema-operations';
import { ResourceName } from './schema-primitives';

/*
 * The optional `securityBaseline` section (docs/security-baseline.md): the organisation the
 * service control policies attach to, the break-glass role they exempt, how long the log archive
 * keeps what it receives, and who the security alarms page. Accounts are referenced by name from
 * `accounts`; the log-archive, security and management accounts are found by their role.
 * Cross-field checks (every member account in exactly one OU, known account names, a runbook
 * address) are in lib/config/rules/security-baseline.ts.
 */

const OrganisationalUnit = z
  .strictObject({
    name: ResourceName.meta({ description: 'The OU as the council calls it, e.g. workloads.' }),
    id: z
      .string()
      .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'must be an organisational unit id, e.g. ou-ab12-cd34ef56')
      .meta({ description: 'The AWS Organizations OU id the service control policies are attached to.' }),
    accounts: z.array(ResourceName).min(1).meta({
      description:
        'Names (from accounts) of the accounts in this OU. Every account but the management account sits in exactly one.',
    }),
  })
  .meta({ description: 'An organisational unit that holds landing-zone accounts.' });

/** The break-glass role's name when the configuration names none (or has no security baseline). */
export const DEFAULT_BREAK_GLASS_ROLE_NAME = 'lz-break-glass';

const BreakGlass = z
  .strictObject({
    roleName: RoleName.default(DEFAULT_BREAK_GLASS_ROLE_NAME).meta({
      description:
        'The role created in every member account that the service control policies exempt. Its use raises an alarm.',
    }),
    trustedAccount: ResourceName.meta({
      description:
        'The account (by name) whose principals may assume the break-glass role, normally the security or management account.',
    }),
    trustedPrincipalArns: z.array(ArnPattern).min(1).meta({
      description:
        "Principals of the trusted account allowed to assume the role (aws:PrincipalArn), e.g. an Identity Center permission set's role.",
    }),
    maxSessionHours: z.int().min(1).max(12).default(1).meta({
      description: 'How long one break-glass session lasts, in hours.',
    }),
  })
  .meta({
    description: 'The emergency role that may do what the guardrails deny (docs/security-baseline.md).',
  });

export const ARCHIVE_STORAGE_CLASSES = ['GLACIER', 'DEEP_ARCHIVE'] as const;

const LogArchive = z
  .strictObject({
    onlineMonths: z.int().min(1).max(120).default(13).meta({
      description:
        'Months the archive keeps log files in S3 Standard before moving them to the archive tier. Default 13 (a full audit year and a month).',
    }),
    retentionYears: z.int().min(1).max(100).default(7).meta({
      description:
        'Years every log file is kept under S3 Object Lock in compliance mode (nobody, not even the root user, can delete it sooner). Default 7.',
    }),
    archiveStorageClass: z.enum(ARCHIVE_STORAGE_CLASSES).default('DEEP_ARCHIVE').meta({
      description:
        'Where log files go after onlineMonths: GLACIER (Flexible Retrieval, hours to restore) or DEEP_ARCHIVE (cheapest, up to 48 hours).',
    }),
  })
  .meta({ description: 'How long the central log archive keeps what it receives.' });

const EmailAddress = z.email().meta({ description: 'A role mailbox (never a person).' });

const Alarms = z
  .strictObject({
    emails: z.array(EmailAddress).min(1).meta({
      description: 'The on-call rota mailboxes that receive security alarms and high-severity findings.',
    }),
    runbookUrl: z
      .url({ protocol: /^https$/ })
      .optional()
      .meta({
        description:
          'Address of docs/security-baseline.md as the rota reads it; each alarm links to its own section. Defaults to the file on GitHub from delivery.repository and delivery.branch.',
      }),
  })
  .meta({ description: 'Who the security alarms page, and where their runbooks are.' });

export const SecurityBaselineSchema = z
  .strictObject({
    organisation: z
      .strictObject({
        id: z
          .string()
          .regex(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations id, e.g. o-ab12cd34ef')
          .meta({
            description:
              'The organisation id, used in aws:SourceOrgID and aws:PrincipalOrgID conditions on the archive.',
          }),
        rootId: z
          .string()
          .regex(/^r-[0-9a-z]{4,32}$/, 'must be an AWS Organizations root id, e.g. r-ab12')
          .meta({
            description: 'The root of the organisation, where the SCP and tag policy types are enabled.',
          }),
        organisationalUnits: z.array(OrganisationalUnit).min(1).meta({
          description: 'The OUs the service control and tag policies are attached to, with their accounts.',
        }),
      })
      .meta({ description: 'The AWS organisation the landing-zone accounts belong to.' }),
    breakGlass: BreakGlass,
    logArchive: LogArchive.default({
      onlineMonths: 13,
      retentionYears: 7,
      archiveStorageClass: 'DEEP_ARCHIVE',
    }),
    alarms: Alarms,
  })
  .meta({
    description:
      'The security baseline deployed before anything else: log archive, organisation trail, detection, guardrails and alarms (docs/security-baseline.md).',
  });

export type SecurityBaselineConfig = z.infer<typeof SecurityBaselineSchema>;
export type OrganisationalUnitConfig = SecurityBaselineConfig['organisation']['organisationalUnits'][number];
export type BreakGlassConfig = SecurityBaselineConfig['breakGlass'];
export type LogArchiveConfig = SecurityBaselineConfig['logArchive'];

/** Element schemas, so the cross-field rules can check the valid parts of a file with schema errors. */
export const SecurityBaselineElementSchemas = { OrganisationalUnit, BreakGlass, LogArchive, Alarms } as const;

/** A month counts as 31 days, so the online period is never shorter than the months configured. */
export function onlineDays(retention: Pick<LogArchiveConfig, 'onlineMonths'>): number {
  return retention.onlineMonths * 31;
}

/** A year counts as 366 days, so the Object Lock and the expiry never come before the years configured. */
export function expiryDays(retention: Pick<LogArchiveConfig, 'retentionYears'>): number {
  return retention.retentionYears * 366;
}

/**
 * The role that alone may destroy keys (and do what else the guardrails deny): the configured
 * break-glass role, or its default name when there is no security baseline to create it.
 */
export function breakGlassRoleName(securityBaseline: SecurityBaselineConfig | undefined): string {
  return securityBaseline?.breakGlass.roleName ?? DEFAULT_BREAK_GLASS_ROLE_NAME;
}
