import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as rds from 'aws-cdk-lib/aws-rds';

/*
 * What the project knows about a database engine, as one typed record per engine
 * (lib/data/engines/<engine>.ts). The configuration and wave-file schemas, the validation rules, the
 * database construct, the TLS rule, the price-table check and the documentation tables all read
 * these records; adding an engine is one new module plus its line in index.ts, and the compiler
 * lists every fact the new module still lacks.
 */

/** Licence models as the configuration names them. */
export const LICENCE_MODELS = ['licence-included', 'bring-your-own-licence', 'open-source'] as const;
export type LicenceModel = (typeof LICENCE_MODELS)[number];

/** Whether RDS runs an edition Multi-AZ (a standby in a second zone). */
export type MultiAzSupport =
  | { readonly supported: true }
  | { readonly supported: false; readonly why: string }
  /** From this engine version on (compared numerically, part by part); earlier versions are single-AZ only. */
  | { readonly supported: 'from-version'; readonly version: string; readonly why: string };

/** One edition of an engine; an engine without editions (PostgreSQL, MySQL) has one, named undefined. */
export interface EditionDefinition<Name extends string | undefined = string | undefined> {
  /** As written in `dataProtection.databases[].edition`; undefined for an engine without editions. */
  readonly name: Name;
  /** For messages and documentation, e.g. "SQL Server Express". */
  readonly label: string;
  /** The CloudFormation `Engine` value, which is also the price table's `match.engine` key. */
  readonly rdsEngine: string;
  /** The RDS engine the construct builds, for a full version and its major version. */
  instanceEngine(fullVersion: string, majorVersion: string): rds.IInstanceEngine;
  /** Licence models RDS offers for the edition; the first is the default for wave databases. */
  readonly licences: readonly [LicenceModel, ...LicenceModel[]];
  readonly multiAz: MultiAzSupport;
  /** Largest database the edition accepts, GiB (SQL Server Express: 10). @default - the storage limit only */
  readonly maxDatabaseGiB?: number;
  /** Instance class for wave databases without `rds.instanceClass`. @default - from the engine's size bands */
  readonly defaultInstanceClass?: string;
  /**
   * Why AWS DMS cannot capture changes from this edition as a source (so a full load plus change
   * data capture cannot run). @default - it can
   */
  readonly noDmsChangeCapture?: string;
}

/** How a database moves into RDS: AWS DMS (full load, then change data capture while the source runs) or the engine's own tools. */
export const MIGRATION_METHODS = ['dms', 'sqlserver-native-backup', 'oracle-data-pump'] as const;
export type MigrationMethod = (typeof MIGRATION_METHODS)[number];

export interface EngineMigration {
  /** The DMS endpoint `EngineName`, or why the council's DMS tasks do not move this engine. */
  readonly dms: { readonly engineName: string } | { readonly unsupported: string };
  /** The engine's own homogeneous method into RDS, if it has one. @default - none */
  readonly native?: Exclude<MigrationMethod, 'dms'>;
  /** The method a wave database gets when its file names none. */
  readonly defaultMethod: MigrationMethod;
}

/** Extensions a database may ask for, and the parameter whose list allows them (nothing else can be created). */
export interface EngineExtensions {
  readonly parameter: string;
  /** Extension name -> label, e.g. postgis -> PostGIS. */
  readonly names: Readonly<Record<string, string>>;
}

/** How the TLS rule (lib/compliance/rules/rds-tls-enforced.ts) recognises a database that refuses plain text. */
export type TlsEnforcement =
  | {
      readonly kind: 'parameter';
      /** The parameter and the values the rule accepts as "TLS forced". */
      readonly parameter: string;
      readonly acceptedValues: readonly string[];
      /**
       * Parameters that hold the protocol at TLS 1.2 or later, and the values the rule accepts for
       * each: forcing TLS alone still lets a client negotiate TLS 1.0 or 1.1.
       */
      readonly minimumVersion: Readonly<Record<string, readonly string[]>>;
    }
  /** TLS comes from an option in the option group (Oracle's SSL listener). */
  | { readonly kind: 'option'; readonly option: string };

/** Where an option group's options attach (Oracle's SSL option opens a port in a security group). */
export interface OptionGroupNetwork {
  readonly vpc: ec2.IVpc;
  readonly securityGroups: readonly ec2.ISecurityGroup[];
}

export interface EngineOptionGroup {
  /** Appended to the option group description, e.g. "audit plugin". */
  readonly purpose: string;
  configurations(network: OptionGroupNetwork): rds.OptionConfiguration[];
}

/**
 * How an engine records who did what in an OFFICIAL-SENSITIVE database. The database construct
 * builds it and the rule DataProtection-RDSAuditForOfficialSensitive checks the template for it,
 * both from this one record.
 */
export type EngineAudit =
  /** Recorded for every database, whatever its classification, and exported: nothing more to add. */
  | { readonly kind: 'always'; readonly how: string }
  /**
   * A library the parameter group preloads (PostgreSQL's pgaudit), writing to a log the instance
   * exports to CloudWatch Logs, from where it reaches the log archive like every other log.
   */
  | {
      readonly kind: 'preloaded-library';
      readonly preloadParameter: string;
      readonly library: string;
      /** What the engine's default group preloads, kept so auditing does not switch it off. */
      readonly defaultPreload: readonly string[];
      /** Further parameters: what is audited, and what is kept out of the log. */
      readonly parameters: Readonly<Record<string, string>>;
      /** The parameter that says which statement classes are audited; `none` or empty audits nothing. */
      readonly classesParameter: string;
      /** The exported log the records are written to. */
      readonly log: string;
      /** The extension the database creates for it; an allow-list of extensions must name it. */
      readonly extension: string;
    }
  /**
   * An option that uploads audit files to an S3 bucket of the database's own account and region
   * (SQL Server Audit): RDS cannot send them to CloudWatch Logs, so the bucket replicates them into
   * the log archive.
   */
  | {
      readonly kind: 's3-option';
      readonly option: string;
      /** The setting naming the role RDS writes with, and the one naming the bucket (and key prefix). */
      readonly roleSetting: string;
      readonly bucketSetting: string;
      /** Further settings of the option. */
      readonly settings: Readonly<Record<string, string>>;
      /** Why the files go to S3, for the documentation. */
      readonly why: string;
    };

/**
 * A wave file's engine name (as the CMDB knows it) and what RDS builds for it, or why RDS cannot
 * build it (the workload then targets EC2 or another edition).
 */
export type WaveAlias<Edition extends string | undefined = string | undefined> =
  { readonly edition: Edition } | { readonly unsupported: string };

/** Instance families for the default instance classes: Graviton where no licence counts cores, Intel where one does. */
export type InstanceClassFamily = 'graviton' | 'intel';

export interface EngineDefinition<
  Edition extends string | undefined = string | undefined,
  Alias extends string = string,
> {
  /** For messages and documentation, e.g. "PostgreSQL". */
  readonly label: string;
  readonly editions: readonly EditionDefinition<Edition>[];
  /** Why only the listed licences are allowed, for the validation message. */
  readonly licenceWhy: string;
  /** The licence model RDS is told, from the configured one (undefined where the engine implies it). */
  rdsLicenceModel(licence: LicenceModel): rds.LicenseModel | undefined;
  /** The port the instance listens on. */
  readonly port: number;
  /** The port clients use; differs from `port` only where TLS has its own listener (Oracle). */
  readonly clientPort: number;
  /** Major version as RDS parameter-group families name it, e.g. 16.00.4236.2.v1 -> 16.00. */
  majorVersion(fullVersion: string): string;
  /** The version built when a wave file names none: the engine's current RDS version. */
  readonly defaultVersion: string;
  readonly logExports: readonly string[];
  /** Log types the engine offers that are deliberately not exported, with the reason an auditor reads. */
  readonly logExportsNotUsed: Readonly<Record<string, string>>;
  readonly iamAuthentication: boolean;
  /** Parameters that force TLS (empty where an option does it). */
  readonly tlsParameters: Readonly<Record<string, string>>;
  readonly tls: TlsEnforcement;
  /** Further parameters, e.g. slow-query logging so an exported log has content. */
  readonly extraParameters: Readonly<Record<string, string>>;
  /** An option group, where TLS or auditing needs one. @default - none */
  readonly optionGroup?: EngineOptionGroup;
  /** How an OFFICIAL-SENSITIVE database of this engine is audited. */
  readonly audit: EngineAudit;
  /** Largest storage RDS allows, GiB. */
  readonly maxStorageGiB: number;
  /**
   * The default limit on client connections of an instance with this much memory (bytes), as the
   * engine's default parameter group sets it; the connections alarm and the service report's
   * headroom compare against it. `formula` is the parameter group's own expression, for the docs.
   */
  readonly maxConnections: { readonly formula: string; of(classMemoryBytes: number): number };
  readonly instanceClassFamily: InstanceClassFamily;
  /**
   * The product in the end-of-support table (lib/lifecycle/end-of-support.yaml; the support-dates
   * rule's lookup only compiles with one of the table's products).
   */
  readonly lifecycleProduct: 'sql-server' | 'oracle' | 'postgresql' | 'mysql';
  /** How a wave database of this engine moves into RDS. */
  readonly migration: EngineMigration;
  /** Extensions wave databases may ask for. @default - none */
  readonly extensions?: EngineExtensions;
  /** Wave-file engine names that map to this engine. */
  readonly waveAliases: Readonly<Record<Alias, WaveAlias<Edition>>>;
}

/** Keeps the literal edition and alias names of a definition, so the unions derive from the records. */
export function defineEngine<const Edition extends string | undefined, const Alias extends string>(
  definition: EngineDefinition<Edition, Alias>,
): EngineDefinition<Edition, Alias> {
  return definition;
}

/** The numeric parts of an engine version: 16.00.4236.2.v1 -> [16, 0, 4236, 2]. */
export function versionParts(version: string): number[] {
  const parts: number[] = [];
  for (const part of version.split('.')) {
    if (!/^\d+$/.test(part)) {
      break;
    }
    parts.push(Number(part));
  }
  return parts;
}

/** Negative, zero or positive as version a is older than, equal to or newer than b (numeric parts only). */
export function compareVersions(a: string, b: string): number {
  const x = versionParts(a);
  const y = versionParts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
}

/** Whether RDS runs this edition at this version Multi-AZ. */
export function supportsMultiAz(edition: EditionDefinition, fullVersion: string): boolean {
  const m = edition.multiAz;
  return m.supported === 'from-version' ? compareVersions(fullVersion, m.version) >= 0 : m.supported;
}

/** Why this edition at this version cannot run Multi-AZ, or undefined when it can. */
export function multiAzProblem(edition: EditionDefinition, fullVersion: string): string | undefined {
  const m = edition.multiAz;
  if (m.supported === true || supportsMultiAz(edition, fullVersion)) {
    return undefined;
  }
  return m.supported === false ? m.why : `${m.why}; ${fullVersion} is older`;
}

/** The first `count` dot-separated parts of a version. */
export function leadingParts(fullVersion: string, count: number): string {
  const parts = fullVersion.split('.');
  return parts.length >= count ? parts.slice(0, count).join('.') : fullVersion;
}
