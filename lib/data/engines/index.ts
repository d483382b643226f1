import type * as rds from 'aws-cdk-lib/aws-rds';
import {
  supportsMultiAz,
  type EditionDefinition,
  type EngineAudit,
  type EngineDefinition,
  type EngineOptionGroup,
  type LicenceModel,
  type MigrationMethod,
  type WaveAlias,
} from './engine';
import { MYSQL } from './mysql';
import { ORACLE } from './oracle';
import { POSTGRES } from './postgres';
import { SQL_SERVER } from './sqlserver';

export {
  LICENCE_MODELS,
  MIGRATION_METHODS,
  compareVersions,
  multiAzProblem,
  type LicenceModel,
  type MigrationMethod,
} from './engine';
export { ORACLE_TLS_PORT } from './oracle';

/**
 * The engine registry: every database engine the council's database construct builds, by the name
 * the configuration uses. A new engine is a module beside these and one entry here; the schemas,
 * rules, construct and documentation tables derive from the records.
 */
export const ENGINES = {
  sqlserver: SQL_SERVER,
  postgres: POSTGRES,
  mysql: MYSQL,
  oracle: ORACLE,
} as const;

export type DatabaseEngineName = keyof typeof ENGINES;
type EditionOf<E extends DatabaseEngineName> = (typeof ENGINES)[E]['editions'][number]['name'];
type AliasOf<E extends DatabaseEngineName> = keyof (typeof ENGINES)[E]['waveAliases'] & string;

/** Editions as `dataProtection.databases[].edition` names them. */
export type DatabaseEdition = Exclude<
  { [E in DatabaseEngineName]: EditionOf<E> }[DatabaseEngineName],
  undefined
>;
/** Engine names as the wave files (and the CMDB) write them, e.g. sqlserver-se. */
export type WaveEngineName = { [E in DatabaseEngineName]: AliasOf<E> }[DatabaseEngineName];

function entries<K extends string, V>(record: Readonly<Record<K, V>>): [K, V][] {
  return Object.entries(record) as [K, V][];
}

/** Every engine name, in registry order. */
export const DATABASE_ENGINES = Object.keys(ENGINES) as [DatabaseEngineName, ...DatabaseEngineName[]];

/** Every edition name, in registry order. */
export const DATABASE_EDITIONS = [
  ...new Set(
    Object.values<EngineDefinition>(ENGINES).flatMap((e) =>
      e.editions.flatMap((edition) => (edition.name === undefined ? [] : [edition.name])),
    ),
  ),
] as [DatabaseEdition, ...DatabaseEdition[]];

/** Every wave-file engine name, in registry order. */
export const WAVE_ENGINE_NAMES = Object.values<EngineDefinition>(ENGINES).flatMap((e) =>
  Object.keys(e.waveAliases),
) as [WaveEngineName, ...WaveEngineName[]];

/** Every extension a wave database may ask for, across engines (e.g. postgis). */
export const WAVE_EXTENSION_NAMES = [
  ...new Set(Object.values<EngineDefinition>(ENGINES).flatMap((e) => Object.keys(e.extensions?.names ?? {}))),
] as [string, ...string[]];

/**
 * How a database of this engine and edition moves into RDS when its wave file names no method: the
 * engine's default, or its native method where DMS cannot capture the edition's changes.
 */
export function defaultMigrationMethod(
  engine: DatabaseEngineName,
  edition: DatabaseEdition | undefined,
): MigrationMethod {
  const definition = engineDefinition(engine);
  const chosen = editionOf(engine, edition);
  return chosen?.noDmsChangeCapture !== undefined && definition.migration.native !== undefined
    ? definition.migration.native
    : definition.migration.defaultMethod;
}

export function engineDefinition(engine: DatabaseEngineName): EngineDefinition {
  return ENGINES[engine];
}

/** The edition of an engine, or undefined when the engine has no such edition (or needs one). */
export function editionOf(
  engine: DatabaseEngineName,
  edition: DatabaseEdition | undefined,
): EditionDefinition | undefined {
  return engineDefinition(engine).editions.find((e) => e.name === edition);
}

/** "a, b or c" */
function orList(items: readonly string[]): string {
  return items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** For the schema: which engines take which editions, e.g. "sqlserver: express, web, standard or enterprise; ...". */
export function editionsDescription(): string {
  const withEditions: string[] = [];
  const without: string[] = [];
  for (const [name, definition] of entries<DatabaseEngineName, EngineDefinition>(ENGINES)) {
    const names = definition.editions.flatMap((e) => (e.name === undefined ? [] : [e.name]));
    if (names.length > 0) {
      withEditions.push(`${name}: ${orList(names)}`);
    } else {
      without.push(name);
    }
  }
  return `${withEditions.join('; ')}. Not used for ${orList(without).replace(/ or ([^ ]+)$/, ' and $1')}.`;
}

/** The engine and edition a wave-file engine name stands for, or why RDS cannot build it. */
export function waveEngine(
  name: WaveEngineName,
):
  | { readonly engine: DatabaseEngineName; readonly edition?: DatabaseEdition }
  | { readonly unsupported: string } {
  for (const [engine, definition] of entries<DatabaseEngineName, EngineDefinition>(ENGINES)) {
    const alias: WaveAlias | undefined = (definition.waveAliases as Record<string, WaveAlias>)[name];
    if (alias === undefined) {
      continue;
    }
    if ('unsupported' in alias) {
      return { unsupported: alias.unsupported };
    }
    return alias.edition === undefined ? { engine } : { engine, edition: alias.edition as DatabaseEdition };
  }
  throw new Error(`unknown wave engine ${name}`);
}

/** The engine a wave-file engine name belongs to, even one RDS cannot build (oracle-ee is Oracle). */
export function waveEngineDefinition(name: WaveEngineName): EngineDefinition {
  for (const definition of Object.values<EngineDefinition>(ENGINES)) {
    if (name in definition.waveAliases) {
      return definition;
    }
  }
  throw new Error(`unknown wave engine ${name}`);
}

/** The port a wave-file engine listens on when it moves with its server (target ec2). */
export function waveEnginePort(name: WaveEngineName): number {
  return waveEngineDefinition(name).port;
}

/** Every CloudFormation `Engine` value the construct can produce: the price table's engine keys. */
export const RDS_ENGINE_IDS: readonly string[] = Object.values<EngineDefinition>(ENGINES).flatMap((e) =>
  e.editions.map((edition) => edition.rdsEngine),
);

/**
 * The engine a CloudFormation `Engine` value belongs to, by its family (the part before the first
 * hyphen), so an edition the construct does not build (oracle-ee) is still recognised as Oracle.
 */
export function engineOfRdsEngine(rdsEngine: string): EngineDefinition | undefined {
  const family = (id: string): string => id.split('-')[0] ?? id;
  return Object.values<EngineDefinition>(ENGINES).find((e) =>
    e.editions.some((edition) => family(edition.rdsEngine) === family(rdsEngine)),
  );
}

/** The facts the database construct needs about one engine, edition and version. */
export interface EngineFacts {
  readonly engine: rds.IInstanceEngine;
  readonly port: number;
  /** The port clients must use; differs from `port` only for Oracle, whose TLS listener is separate. */
  readonly clientPort: number;
  readonly logExports: readonly string[];
  /** Log types the engine offers that are deliberately not exported, with the reason an auditor reads. */
  readonly logExportsNotUsed: Readonly<Record<string, string>>;
  readonly supportsIamAuthentication: boolean;
  readonly supportsMultiAz: boolean;
  /** Undefined where the engine implies it (PostgreSQL). */
  readonly licenceModel?: rds.LicenseModel;
  /** TLS, audit and further parameters for the instance's own parameter group. */
  readonly parameters: Readonly<Record<string, string>>;
  readonly optionGroup?: EngineOptionGroup;
  /** The audit option the construct adds with its bucket and role (SQL Server Audit), when audited. */
  readonly auditOption?: S3OptionAudit;
}

/** An audit that writes files to S3 through an option (SQL Server Audit). */
export type S3OptionAudit = Extract<EngineAudit, { readonly kind: 's3-option' }>;

/** Major version as RDS parameter-group families name it: 16.00.4236.2.v1 -> 16.00, 17.9 -> 17, 8.4.8 -> 8.4. */
export function majorVersion(engine: DatabaseEngineName, fullVersion: string): string {
  return engineDefinition(engine).majorVersion(fullVersion);
}

export function engineFacts(
  engine: DatabaseEngineName,
  edition: DatabaseEdition | undefined,
  fullVersion: string,
  licence: LicenceModel,
  /** Extensions the database may create (PostGIS); the engine must offer each. @default - none */
  extensions: readonly string[] = [],
  /** Whether the database is audited (OFFICIAL-SENSITIVE data): the engine's `audit` is added. */
  audited = false,
): EngineFacts {
  const definition = engineDefinition(engine);
  const chosen = editionOf(engine, edition);
  if (chosen === undefined) {
    const names = definition.editions.flatMap((e) => (e.name === undefined ? [] : [e.name]));
    throw new Error(
      names.length === 0
        ? `${definition.label} has no editions, got ${edition ?? 'none'}`
        : `${definition.label} needs an edition (${names.join(', ')}), got ${edition ?? 'none'}`,
    );
  }
  const unknown = extensions.filter((name) => definition.extensions?.names[name] === undefined);
  if (unknown.length > 0) {
    throw new Error(`${definition.label} offers no extension ${unknown.join(', ')}`);
  }
  const audit = audited ? definition.audit : undefined;
  const library = audit?.kind === 'preloaded-library' ? audit : undefined;
  const auditParameters = library
    ? {
        [library.preloadParameter]: [...library.defaultPreload, library.library].join(','),
        ...library.parameters,
      }
    : {};
  // An allow-list of extensions must also name the audit extension, or it could not be created.
  const allowedExtensions = [...extensions, ...(library ? [library.extension] : [])];
  const allowed =
    definition.extensions !== undefined && extensions.length > 0
      ? { [definition.extensions.parameter]: [...new Set(allowedExtensions)].sort().join(',') }
      : {};
  return {
    engine: chosen.instanceEngine(fullVersion, definition.majorVersion(fullVersion)),
    port: definition.port,
    clientPort: definition.clientPort,
    logExports: definition.logExports,
    logExportsNotUsed: definition.logExportsNotUsed,
    supportsIamAuthentication: definition.iamAuthentication,
    supportsMultiAz: supportsMultiAz(chosen, fullVersion),
    licenceModel: definition.rdsLicenceModel(licence),
    parameters: {
      ...definition.tlsParameters,
      ...definition.extraParameters,
      ...auditParameters,
      ...allowed,
    },
    optionGroup: definition.optionGroup,
    ...(audit?.kind === 's3-option' ? { auditOption: audit } : {}),
  };
}
