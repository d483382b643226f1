/*
 * The starting point of a new council: a landing-zone configuration and a migration-plan folder
 * written from a few answers, with no example data (no sites, no databases, no workloads, no
 * baselines). Each file says, in comments, what the council fills in next. The result is checked
 * by the same validation as every other configuration before anything is written (lib/cli/init-command.ts).
 */
import { DateTime } from 'luxon';
import type { AccountRole } from '../config/schema';
import { cidr, makeCidr } from '../ipv4';

export interface StarterAnswers {
  /** The council's name, e.g. "Borsetshire County Council". */
  readonly name: string;
  /** Prefix of every stack and resource name: 2-8 lower-case letters or digits. */
  readonly shortName: string;
  readonly homeRegion: string;
  readonly drRegion?: string;
  readonly dataResidency: 'uk-only' | 'uk-and-eea' | 'uk-adequacy';
  /** The AWS address space, /8 to /16; the starter's VPCs use its first /16. */
  readonly awsSpace: string;
  /** The council's own networks, which AWS must never overlap. */
  readonly onPremises: readonly { name: string; cidr: string }[];
  /** Account ids by role; a role without one gets a placeholder the file marks as such. */
  readonly accountIds: Readonly<Partial<Record<StarterRole, string>>>;
  /** The GitHub repository (owner/name) that deploys it: OIDC trust and runbook links. */
  readonly repository: string;
  /** Where backup failures and security alarms go. */
  readonly email: string;
  /** The first wave's planned start (a Monday is sensible), YYYY-MM-DD. */
  readonly firstWave: string;
}

export const STARTER_ROLES = [
  'network',
  'shared-services',
  'log-archive',
  'backup',
  'security',
  'management',
  'production',
  'non-production',
  'delivery',
] as const satisfies readonly AccountRole[];
export type StarterRole = (typeof STARTER_ROLES)[number];

const ROLE_DESCRIPTIONS: Record<StarterRole, string> = {
  network: 'Transit Gateway, VPCs, VPNs and central egress',
  'shared-services': 'Hybrid DNS, patching, management tooling and the operations checks',
  'log-archive': 'Immutable audit and flow-log archive',
  backup: 'Air-gapped copies of every recovery point',
  security: 'Delegated administrator for GuardDuty, Security Hub, Config and Access Analyzer',
  management: 'AWS Organizations management account: organisation trail and guardrails only',
  production: 'Live council services',
  'non-production': 'Test, training and migration rehearsal',
  delivery: 'CI/CD and operations tooling: pipelines, the diff role, the principals lz ops runs as',
};

/** A placeholder id per role (1…1, 2…2, …), recognisable at a glance and never a real account. */
function placeholderId(index: number): string {
  return String(index + 1).repeat(12);
}

/** The account id of each role, the given one or its placeholder. */
export function starterAccountIds(answers: StarterAnswers): Record<StarterRole, string> {
  return Object.fromEntries(
    STARTER_ROLES.map((role, i) => [role, answers.accountIds[role] ?? placeholderId(i)]),
  ) as Record<StarterRole, string>;
}

/**
 * The starter VPCs inside the first /16 of the AWS space, at the offsets the example uses (egress
 * /24, shared services /21, production /19, non-production /20), so a council that grows adds VPCs
 * after them without moving any.
 */
function vpcBlocks(awsSpace: string): Record<'egress' | 'shared' | 'production' | 'nonProduction', string> {
  const base = cidr(awsSpace).network;
  return {
    egress: makeCidr(base, 24).text,
    shared: makeCidr(base + 16 * 256, 21).text,
    production: makeCidr(base + 64 * 256, 19).text,
    nonProduction: makeCidr(base + 128 * 256, 20).text,
  };
}

const yamlString = (value: string): string => JSON.stringify(value);

/** The landing-zone configuration of a new council, as the YAML it commits. */
export function starterConfig(answers: StarterAnswers, schemaDir = '../schema'): string {
  const ids = starterAccountIds(answers);
  const blocks = vpcBlocks(answers.awsSpace);
  const placeholders = STARTER_ROLES.filter((r) => answers.accountIds[r] === undefined);
  const zones = ['a', 'b', 'c'].map((z) => `${answers.homeRegion}${z}`);
  const onPremises =
    answers.onPremises.length === 0
      ? '  onPremisesRanges: [] # add every network the council runs: AWS must never overlap them\n'
      : `  onPremisesRanges:\n${answers.onPremises
          .map((r) => `    - { name: ${r.name}, cidr: ${r.cidr} }\n`)
          .join('')}`;
  const s = answers.shortName;
  return `# yaml-language-server: $schema=${schemaDir}/landing-zone.schema.json
#
# ${answers.name}: landing-zone configuration, written by \`lz init\`.
# Validate with \`npx lz validate --config <this file>\`; the CDK app runs the same checks.
# Names are stable keys: renaming a VPC or subnet tier replaces it. Field by field: docs/configuration.md.

organisation:
  name: ${yamlString(answers.name)}
  shortName: ${s}
  homeRegion: ${answers.homeRegion}
${answers.drRegion === undefined ? '' : `  drRegion: ${answers.drRegion}\n`}  dataResidency: ${answers.dataResidency}
  costCentre: ICT # the cost-centre tag on shared infrastructure
  owner: cloud-platform

# AWS accounts by role.${placeholders.length > 0 ? ` Placeholder ids (${placeholders.join(', ')}) until the organisation creates them.` : ''}
accounts:
${STARTER_ROLES.map(
  (role) =>
    `  - name: ${role}\n    id: '${ids[role]}'\n    role: ${role}\n    description: ${yamlString(ROLE_DESCRIPTIONS[role])}\n`,
).join('')}
network:
  availabilityZones: [${zones.join(', ')}]
  awsAddressSpace:
    - ${answers.awsSpace}
${onPremises}
  transitGateway:
    name: hub
    amazonSideAsn: 64512

  egress:
    vpc: egress
    natGateways: per-az # survives the loss of a zone; 'single' is cheaper and is not

  flowLogs:
    trafficType: ALL
    retentionDays: 400 # thirteen months, covering a full audit year
    maxAggregationIntervalSeconds: 600

  # Add VPCs at the end of the list; the plan of every subnet: npx lz plan --config <this file>
  vpcs:
    - name: egress
      purpose: egress
      account: network
      cidr: ${blocks.egress}
      description: Central internet egress through NAT gateways
      subnets:
        - { name: public, type: public, cidrMask: 27 }
        - { name: transit, type: transit, cidrMask: 28 }

    - name: shared-services
      purpose: shared-services
      account: shared-services
      cidr: ${blocks.shared}
      description: Resolver endpoints, management and patching
      subnets:
        - { name: private, type: private, cidrMask: 24 }
        - { name: isolated, type: isolated, cidrMask: 26 }
        - { name: transit, type: transit, cidrMask: 28 }
      endpoints: [s3, ssm, ssmmessages, ec2messages, logs, kms, secretsmanager]

    - name: production
      purpose: workload
      account: production
      cidr: ${blocks.production}
      description: Live line-of-business systems
      subnets:
        - { name: app, type: private, cidrMask: 22 }
        - { name: data, type: isolated, cidrMask: 24 }
        - { name: transit, type: transit, cidrMask: 28 }
      endpoints: [s3, ssm, ssmmessages, ec2messages, logs, kms, secretsmanager, monitoring]

    - name: non-production
      purpose: workload
      account: non-production
      cidr: ${blocks.nonProduction}
      description: Test, training and migration rehearsal
      subnets:
        - { name: app, type: private, cidrMask: 23 }
        - { name: data, type: isolated, cidrMask: 25 }
        - { name: transit, type: transit, cidrMask: 28 }
      endpoints: [s3, ssm, ssmmessages, ec2messages, logs, secretsmanager]

# Site VPNs and hybrid DNS come next, site by site: docs/hybrid-connectivity.md.

# Backup tiers: each database gets the cheapest tier that meets its RPO (docs/data-protection.md).
dataProtection:
  tiers:
    - name: gold
      description: Systems the council cannot run without for a day
      schedule: cron(0 0/6 * * ? *) # every six hours
      startWindowMinutes: 60
      completionWindowMinutes: 180
      retentionDays: 35
      pointInTimeRecoveryDays: 35
      continuousBackup: true
      copyToBackupAccount: { retentionDays: 90 }
      restoreTest: { frequency: weekly, validationWindowHours: 4 }
    - name: silver
      description: Important systems that can wait a working day
      schedule: cron(0 1 * * ? *) # 01:00, after the overnight batch
      startWindowMinutes: 60
      completionWindowMinutes: 240
      retentionDays: 35
      pointInTimeRecoveryDays: 14
      continuousBackup: true
      copyToBackupAccount: { retentionDays: 35 }
      restoreTest: { frequency: monthly, validationWindowHours: 4 }
  vaults:
    production: { mode: compliance, minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 }
    nonProduction: { mode: governance, minRetentionDays: 1, maxRetentionDays: 400 }
    central: { minRetentionDays: 7, maxRetentionDays: 400 }
  notifications:
    email: ${answers.email}
  databases: [] # databases no migrating workload owns; a workload declares its own in its wave file

# How changes reach AWS (docs/delivery.md): GitHub Actions through OIDC roles in each account.
delivery:
  account: delivery
  repository: ${answers.repository}
  branch: main

# The IAM roles \`lz ops\` reads each account through (docs/operations.md), trusted by the named
# principals of the delivery account only: the rota's Identity Center permission set.
operations:
  trustedAccount: '${ids.delivery}'
  trustedPrincipalArns:
    - arn:aws:iam::${ids.delivery}:role/aws-reserved/sso.amazonaws.com/${answers.homeRegion}/AWSReservedSSO_LandingZoneOperations_*
  roleName: lz-operations-read-only
  drillRoleName: lz-operations-restore-drill

# The security baseline, deployed before anything else (docs/security-baseline.md). Organisation,
# root and OU ids are placeholders until the organisation exists.
securityBaseline:
  organisation:
    id: o-${s.padEnd(10, '0').slice(0, 10)}
    rootId: r-${s.padEnd(4, '0').slice(0, 4)}
    organisationalUnits:
      - { name: security, id: ou-${s.padEnd(4, '0').slice(0, 4)}-11111111, accounts: [log-archive, security] }
      - { name: infrastructure, id: ou-${s.padEnd(4, '0').slice(0, 4)}-22222222, accounts: [network, shared-services, backup, delivery] }
      - { name: workloads, id: ou-${s.padEnd(4, '0').slice(0, 4)}-33333333, accounts: [production, non-production] }
  breakGlass:
    roleName: lz-break-glass
    trustedAccount: security
    # The Identity Center permission set only the named break-glass custodians are assigned.
    trustedPrincipalArns:
      - arn:aws:iam::${ids.security}:role/aws-reserved/sso.amazonaws.com/${answers.homeRegion}/AWSReservedSSO_BreakGlass_*
    maxSessionHours: 1
  logArchive:
    onlineMonths: 13
    retentionYears: 7
    archiveStorageClass: DEEP_ARCHIVE
  alarms:
    emails: [${answers.email}]
`;
}

/** The Monday on or after `date` plus `weeks` weeks. */
function mondayAfter(date: string, weeks: number): DateTime {
  const d = DateTime.fromISO(date, { zone: 'utc' }).plus({ weeks });
  return d.plus({ days: (8 - d.weekday) % 7 });
}

/** The first wave's sensible default: a Monday at least eight weeks away, time to plan and approve it. */
export function defaultFirstWave(today: string): string {
  return mondayAfter(today, 8).toISODate() ?? today;
}

/** The programme file: calendar, rota, capacity and the baseline of one pilot wave. */
export function starterProgramme(answers: StarterAnswers, schemaDir = '../schema'): string {
  const start = DateTime.fromISO(answers.firstWave, { zone: 'utc' });
  const end = start.plus({ weeks: 4 }).minus({ days: 3 });
  return `# yaml-language-server: $schema=../${schemaDir}/migration-programme.schema.json
#
# ${answers.name}: cloud migration programme, written by \`lz init\`.
# Every wave file in this folder is checked against it: \`npx lz waves validate\`. Field by field:
# docs/migration-waves.md.

programme:
  name: ${yamlString(`${answers.name} cloud migration`)}
  owner: Migration Programme Manager
  timeZone: Europe/London
  domain: ${answers.shortName}.local # on-premises DNS suffix: server names in the MGN import file

# Service areas; every workload names one. Add the council's own.
serviceAreas:
  - { id: corporate-it, name: Corporate IT, head: Head of IT }

# The widest data residency each classification allows, set by the Data Protection Officer.
classificationResidency:
  OFFICIAL: ${answers.dataResidency}
  OFFICIAL-SENSITIVE: uk-only

# The support rota. A cutover outside it must declare extraCover.
supportHours:
  start: '07:00'
  end: '00:00'
  days: [mon, tue, wed, thu, fri, sat, sun]

# What the migration team can cut over in one wave.
capacity:
  maxWorkloadsPerWave: 6
  maxServersPerWave: 16

# The plan as approved; burn-down and slippage are measured against it.
baseline:
  approvedOn: ${answers.firstWave}
  approvedBy: Digital Board
  waves:
    - { wave: wave-01, start: ${answers.firstWave}, end: ${end.toISODate() ?? answers.firstWave} }

# The council calendar (billing, year-end, elections, offer days): no cutover may touch a blackout
# of its service area. Example: { id: year-end, name: Financial year-end close, start: ..., end: ..., serviceAreas: [finance] }
blackouts: []
`;
}

/** The first wave, with no workloads yet: the pilot the council fills in. */
export function starterWave(answers: StarterAnswers, schemaDir = '../schema'): string {
  const start = DateTime.fromISO(answers.firstWave, { zone: 'utc' });
  const end = start.plus({ weeks: 4 }).minus({ days: 3 });
  const cutover = start.plus({ days: 19 });
  return `# yaml-language-server: $schema=../${schemaDir}/migration-wave.schema.json
#
# Wave 1: the pilot. Start with test and training copies: they prove the landing zone, replication
# and the runbooks without live data. A workload field by field: docs/migration-waves.md.

wave:
  id: wave-01
  name: 'Pilot: non-production systems'
  owner: Migration Programme Manager
  status: planned
  planned: { start: ${answers.firstWave}, end: ${end.toISODate() ?? answers.firstWave} }
  cutoverWindow:
    start: ${cutover.toISODate() ?? answers.firstWave}T09:00
    end: ${cutover.toISODate() ?? answers.firstWave}T17:00
    timeZone: Europe/London
  description: Low-risk test and training copies first.

workloads: []
`;
}

export interface StarterFile {
  /** Relative to the council's folder. */
  readonly path: string;
  readonly text: string;
}

export const STARTER_CONFIG = 'landing-zone.yaml';
export const STARTER_WAVES = 'migration-waves';
export const STARTER_BASELINES = 'baselines';

/**
 * Every file of a new council's folder. `schemaDir` is the repository's schema/ folder relative to
 * that folder, so editors find the JSON Schemas wherever the council's files live.
 */
export function starterFiles(answers: StarterAnswers, schemaDir: string): StarterFile[] {
  return [
    { path: STARTER_CONFIG, text: starterConfig(answers, schemaDir) },
    { path: `${STARTER_WAVES}/programme.yaml`, text: starterProgramme(answers, schemaDir) },
    { path: `${STARTER_WAVES}/wave-01-pilot.yaml`, text: starterWave(answers, schemaDir) },
    {
      path: `${STARTER_BASELINES}/allow-list.yaml`,
      text:
        '# Approved change-guard exceptions, each with a reason an auditor can read (docs/gate.md).\n' +
        'allow: []\n',
    },
  ];
}
