import {
  editionOf,
  engineDefinition,
  multiAzProblem,
  waveEngine,
  type DatabaseEdition,
  type DatabaseEngineName,
  type LicenceModel,
} from '../data/engines';
import type { RdsInstanceSpec } from '../data/planned-databases';
import type { DatabaseConfig as WaveDatabaseConfig } from './schema';

/*
 * The one place where a wave file's database (engine names as the CMDB knows them, the source
 * version, the size) becomes what CouncilDatabase needs (RDS engine, edition, licence, full engine
 * version, instance class, storage). Each value can be set in the wave file under `rds:`; the
 * defaults come from the engine registry (lib/data/engines) and are a starting point for sizing, to
 * be replaced by measured figures.
 */

/** Wave licence names to RDS licence models; subscription and council-owned are not RDS licences. */
const RDS_LICENCES: Readonly<Record<string, LicenceModel | undefined>> = {
  byol: 'bring-your-own-licence',
  'licence-included': 'licence-included',
  'open-source': 'open-source',
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

export function defaultInstanceClass(
  engine: DatabaseEngineName,
  edition: DatabaseEdition | undefined,
  sizeGiB: number,
): string {
  const fixed = editionOf(engine, edition)?.defaultInstanceClass;
  if (fixed !== undefined) {
    return fixed;
  }
  const band = CLASS_BANDS.find((b) => sizeGiB <= b.upToGiB) ?? CLASS_BANDS[CLASS_BANDS.length - 1];
  return (
    (engineDefinition(engine).instanceClassFamily === 'graviton' ? band?.graviton : band?.intel) ??
    'db.m6i.large'
  );
}

/** sizeGiB plus a quarter for growth, rounded up to 10 GiB, at least RDS's 20 GiB minimum. */
export function defaultAllocatedStorage(engine: DatabaseEngineName, sizeGiB: number): number {
  return Math.min(
    engineDefinition(engine).maxStorageGiB,
    Math.max(20, Math.ceil((sizeGiB * 1.25) / 10) * 10),
  );
}

/** A wave database's RDS instance: every value set, the storage ceiling included. */
export interface RdsSpec extends RdsInstanceSpec {
  readonly maxAllocatedStorageGiB: number;
}

export interface RdsSpecProblem {
  /** Field path inside the database entry, e.g. ['licence']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * What CouncilDatabase gets for a wave database with target rds, or every reason it cannot be built.
 * Production databases are Multi-AZ, so their edition and version must run Multi-AZ.
 */
export function rdsSpec(
  db: WaveDatabaseConfig,
  placement: { readonly production: boolean },
): { spec?: RdsSpec; problems: RdsSpecProblem[] } {
  const problems: RdsSpecProblem[] = [];
  const mapping = waveEngine(db.engine);
  if ('unsupported' in mapping) {
    problems.push({ path: ['engine'], message: `${db.engine} ${mapping.unsupported}` });
    return { problems };
  }
  const definition = engineDefinition(mapping.engine);
  const edition = editionOf(mapping.engine, mapping.edition);
  if (edition === undefined) {
    throw new Error(`wave engine ${db.engine} maps to no edition of ${mapping.engine}`);
  }
  const licence = db.licence === undefined ? edition.licences[0] : RDS_LICENCES[db.licence];
  if (licence === undefined) {
    problems.push({
      path: ['licence'],
      message: `${db.licence ?? ''} is not an RDS licence model (byol, licence-included or open-source)`,
    });
  } else if (!edition.licences.includes(licence)) {
    problems.push({
      path: ['licence'],
      message: `${db.licence ?? licence} is not available for ${db.engine} on RDS: ${definition.licenceWhy}`,
    });
  }
  if (edition.maxDatabaseGiB !== undefined && db.sizeGiB > edition.maxDatabaseGiB) {
    problems.push({
      path: ['sizeGiB'],
      message: `${edition.label} holds at most ${edition.maxDatabaseGiB} GiB per database; ${db.sizeGiB} GiB needs another edition`,
    });
  }
  const version = db.rds?.version ?? definition.defaultVersion;
  const multiAz = placement.production ? multiAzProblem(edition, version) : undefined;
  if (multiAz !== undefined) {
    problems.push({
      path: db.rds?.version === undefined ? ['engine'] : ['rds', 'version'],
      message: `${multiAz}; production databases are Multi-AZ`,
    });
  }
  const maxStorage = definition.maxStorageGiB;
  const allocated = db.rds?.allocatedStorageGiB ?? defaultAllocatedStorage(mapping.engine, db.sizeGiB);
  const max = db.rds?.maxAllocatedStorageGiB ?? Math.min(maxStorage, allocated * 2);
  if (allocated < db.sizeGiB) {
    problems.push({
      path: ['rds', 'allocatedStorageGiB'],
      message: `${allocated} GiB cannot hold the ${db.sizeGiB} GiB of data`,
    });
  }
  if (allocated > maxStorage || max > maxStorage) {
    problems.push({
      path: ['rds', allocated > maxStorage ? 'allocatedStorageGiB' : 'maxAllocatedStorageGiB'],
      message: `RDS for ${mapping.engine} allows at most ${maxStorage} GiB`,
    });
  }
  if (max < allocated) {
    problems.push({
      path: ['rds', 'maxAllocatedStorageGiB'],
      message: `must be at least the allocated storage (${allocated} GiB)`,
    });
  }
  const offered = definition.extensions?.names ?? {};
  (db.extensions ?? []).forEach((name, i) => {
    if (offered[name] === undefined) {
      problems.push({
        path: ['extensions', i],
        message: `${definition.label} on RDS offers no extension ${name}${Object.keys(offered).length > 0 ? ` (offered: ${Object.keys(offered).join(', ')})` : ''}`,
      });
    }
  });
  if (problems.length > 0 || licence === undefined) {
    return { problems };
  }
  return {
    spec: {
      engine: mapping.engine,
      ...(mapping.edition === undefined ? {} : { edition: mapping.edition }),
      version,
      licence,
      instanceClass:
        db.rds?.instanceClass ?? defaultInstanceClass(mapping.engine, mapping.edition, db.sizeGiB),
      allocatedStorageGiB: allocated,
      maxAllocatedStorageGiB: max,
      ...(db.extensions === undefined || db.extensions.length === 0
        ? {}
        : { extensions: [...new Set(db.extensions)].sort() }),
    },
    problems,
  };
}
