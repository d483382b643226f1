import type { DatabaseEdition, DatabaseEngineName, LicenceModel } from '../config/schema-data-protection';
import { ENGINE_RULES } from '../config/rules/database-engines';
import type { DbEngine } from '../waves/schema';
import type { DatabaseConfig as WaveDatabaseConfig } from '../waves/schema';

/*
 * The one place where a wave file's database (engine names as the CMDB knows them, the source
 * version, the size) becomes what CouncilDatabase needs (RDS engine, edition, licence, full engine
 * version, instance class, storage). Each value can be set in the wave file under `rds:`; the
 * defaults here are a starting point for sizing, to be replaced by measured figures.
 */

export interface RdsEngineMapping {
  readonly engine: DatabaseEngineName;
  readonly edition?: DatabaseEdition;
  /** The RDS version built when the wave file names none: the current version of the engine, November 2026. */
  readonly defaultVersion: string;
}

const SQL_SERVER_2022 = '16.00.4236.2.v1';

/** Wave engine names to CouncilDatabase engines; undefined where the construct cannot build the engine. */
export const RDS_ENGINES: Readonly<Record<DbEngine, RdsEngineMapping | undefined>> = {
  'sqlserver-se': { engine: 'sqlserver', edition: 'standard', defaultVersion: SQL_SERVER_2022 },
  'sqlserver-ee': { engine: 'sqlserver', edition: 'enterprise', defaultVersion: SQL_SERVER_2022 },
  'sqlserver-web': { engine: 'sqlserver', edition: 'web', defaultVersion: SQL_SERVER_2022 },
  postgres: { engine: 'postgres', defaultVersion: '17.9' },
  mysql: { engine: 'mysql', defaultVersion: '8.4.8' },
  'oracle-se2': { engine: 'oracle', edition: 'se2', defaultVersion: '19.0.0.0.ru-2025-10.rur-2025-10.r1' },
  // RDS for Oracle EE is BYOL-only and CouncilDatabase builds SE2 only: move it to EC2 or to SE2.
  'oracle-ee': undefined,
};

/** Wave licence names to RDS licence models; subscription and council-owned are not RDS licences. */
const RDS_LICENCES: Readonly<Record<string, LicenceModel | undefined>> = {
  byol: 'bring-your-own-licence',
  'licence-included': 'licence-included',
  'open-source': 'open-source',
};

/** Largest storage RDS allows per engine, GiB. */
const MAX_STORAGE_GIB: Readonly<Record<DatabaseEngineName, number>> = {
  sqlserver: 16384,
  postgres: 65536,
  mysql: 65536,
  oracle: 65536,
};

/** Size bands (GiB of data) to instance classes: Graviton for the open-source engines, Intel where licences count cores. */
const CLASS_BANDS: readonly {
  readonly upToGiB: number;
  readonly graviton: string;
  readonly intel: string;
}[] = [
  { upToGiB: 100, graviton: 'db.m6g.large', intel: 'db.m6i.large' },
  { upToGiB: 500, graviton: 'db.r6g.large', intel: 'db.r6i.large' },
  { upToGiB: 1000, graviton: 'db.r6g.xlarge', intel: 'db.r6i.xlarge' },
  { upToGiB: Number.POSITIVE_INFINITY, graviton: 'db.r6g.2xlarge', intel: 'db.r6i.2xlarge' },
];

export function defaultInstanceClass(engine: DatabaseEngineName, sizeGiB: number): string {
  const band = CLASS_BANDS.find((b) => sizeGiB <= b.upToGiB) ?? CLASS_BANDS[CLASS_BANDS.length - 1];
  const graviton = engine === 'postgres' || engine === 'mysql';
  return (graviton ? band?.graviton : band?.intel) ?? 'db.m6i.large';
}

/** sizeGiB plus a quarter for growth, rounded up to 10 GiB, at least RDS's 20 GiB minimum. */
export function defaultAllocatedStorage(engine: DatabaseEngineName, sizeGiB: number): number {
  return Math.min(MAX_STORAGE_GIB[engine], Math.max(20, Math.ceil((sizeGiB * 1.25) / 10) * 10));
}

export interface RdsSpec {
  readonly engine: DatabaseEngineName;
  readonly edition?: DatabaseEdition;
  readonly version: string;
  readonly licence: LicenceModel;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
}

export interface RdsSpecProblem {
  /** Field path inside the database entry, e.g. ['licence']. */
  readonly path: readonly string[];
  readonly message: string;
}

/** What CouncilDatabase gets for a wave database with target rds, or every reason it cannot be built. */
export function rdsSpec(db: WaveDatabaseConfig): { spec?: RdsSpec; problems: RdsSpecProblem[] } {
  const problems: RdsSpecProblem[] = [];
  const mapping = RDS_ENGINES[db.engine];
  if (mapping === undefined) {
    problems.push({
      path: ['engine'],
      message: `${db.engine} cannot be built on RDS by the council's database construct (Oracle SE2 only); target ec2, or move to oracle-se2`,
    });
    return { problems };
  }
  const rule = ENGINE_RULES[mapping.engine];
  const licence =
    db.licence === undefined
      ? mapping.engine === 'postgres' || mapping.engine === 'mysql'
        ? 'open-source'
        : 'licence-included'
      : RDS_LICENCES[db.licence];
  if (licence === undefined) {
    problems.push({
      path: ['licence'],
      message: `${db.licence ?? ''} is not an RDS licence model (byol, licence-included or open-source)`,
    });
  } else if (!rule.licences(mapping.edition).includes(licence)) {
    problems.push({
      path: ['licence'],
      message: `${db.licence ?? licence} is not available for ${db.engine} on RDS: ${rule.why}`,
    });
  }
  const allocated = db.rds?.allocatedStorageGiB ?? defaultAllocatedStorage(mapping.engine, db.sizeGiB);
  const max = db.rds?.maxAllocatedStorageGiB ?? Math.min(MAX_STORAGE_GIB[mapping.engine], allocated * 2);
  if (allocated < db.sizeGiB) {
    problems.push({
      path: ['rds', 'allocatedStorageGiB'],
      message: `${allocated} GiB cannot hold the ${db.sizeGiB} GiB of data`,
    });
  }
  if (allocated > MAX_STORAGE_GIB[mapping.engine] || max > MAX_STORAGE_GIB[mapping.engine]) {
    problems.push({
      path: [
        'rds',
        allocated > MAX_STORAGE_GIB[mapping.engine] ? 'allocatedStorageGiB' : 'maxAllocatedStorageGiB',
      ],
      message: `RDS for ${mapping.engine} allows at most ${MAX_STORAGE_GIB[mapping.engine]} GiB`,
    });
  }
  if (max < allocated) {
    problems.push({
      path: ['rds', 'maxAllocatedStorageGiB'],
      message: `must be at least the allocated storage (${allocated} GiB)`,
    });
  }
  if (problems.length > 0 || licence === undefined) {
    return { problems };
  }
  return {
    spec: {
      engine: mapping.engine,
      ...(mapping.edition === undefined ? {} : { edition: mapping.edition }),
      version: db.rds?.version ?? mapping.defaultVersion,
      licence,
      instanceClass: db.rds?.instanceClass ?? defaultInstanceClass(mapping.engine, db.sizeGiB),
      allocatedStorageGiB: allocated,
      maxAllocatedStorageGiB: max,
    },
    problems,
  };
}
