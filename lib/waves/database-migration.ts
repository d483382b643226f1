import {
  defaultMigrationMethod,
  editionOf,
  waveEngine,
  waveEngineDefinition,
  type MigrationMethod,
} from '../data/engines';
import type { DatabaseConfig, ServerConfig, WorkloadConfig } from './schema';

/*
 * How one wave database with target rds moves into RDS, resolved once from the wave file and the
 * engine registry: the method (AWS DMS, or the engine's own native method where DMS does not fit),
 * the server and database it is read from, and every reason the choice cannot work. The wave rule
 * (rules/database-migration.ts) reports the problems; the DMS stacks and the runbooks read the rest.
 */

export interface DatabaseMigrationProblem {
  /** Field path inside the database entry, e.g. ['migration', 'method']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export interface DatabaseMigration {
  readonly method: MigrationMethod;
  /** Whether the file chose the method (otherwise the engine's default). */
  readonly chosen: boolean;
  /** The DMS endpoint EngineName, when the method is dms and DMS moves this engine. */
  readonly dmsEngineName?: string;
  /** The server in this workload the database runs on, when it is one of its servers. */
  readonly sourceServer?: ServerConfig;
  /** An FQDN given in migration.sourceHost that is not one of the workload's servers. */
  readonly sourceFqdn?: string;
  /** The database name on the source server. */
  readonly sourceDatabase: string;
  /** The port the source database listens on (the engine's default port). */
  readonly sourcePort: number;
  readonly problems: readonly DatabaseMigrationProblem[];
}

const METHOD_LABELS: Readonly<Record<MigrationMethod, string>> = {
  dms: 'AWS DMS (full load, change data capture, validation)',
  'sqlserver-native-backup': 'SQL Server native backup to S3 and restore on RDS',
  'oracle-data-pump': 'Oracle Data Pump export and import through S3',
};

export function migrationMethodLabel(method: MigrationMethod): string {
  return METHOD_LABELS[method];
}

export function databaseMigration(workload: WorkloadConfig, db: DatabaseConfig): DatabaseMigration {
  const problems: DatabaseMigrationProblem[] = [];
  const definition = waveEngineDefinition(db.engine);
  const mapping = waveEngine(db.engine);
  const edition = 'unsupported' in mapping ? undefined : editionOf(mapping.engine, mapping.edition);
  const chosen = db.migration?.method;
  const method =
    chosen ??
    ('unsupported' in mapping
      ? definition.migration.defaultMethod
      : defaultMigrationMethod(mapping.engine, mapping.edition));
  const dms = definition.migration.dms;
  if (method === 'dms') {
    if ('unsupported' in dms) {
      problems.push({
        path: ['migration', 'method'],
        message: `DMS for ${definition.label} ${dms.unsupported}`,
      });
    } else if (edition?.noDmsChangeCapture !== undefined) {
      problems.push({
        path: chosen === undefined ? ['engine'] : ['migration', 'method'],
        message: edition.noDmsChangeCapture,
      });
    }
  } else if (method !== definition.migration.native) {
    problems.push({
      path: ['migration', 'method'],
      message: `${method} is not a method for ${definition.label}${definition.migration.native === undefined ? '; use dms' : `; use dms or ${definition.migration.native}`}`,
    });
  }

  const dbServers = workload.servers.filter((s) => s.tier === 'db');
  const host = db.migration?.sourceHost;
  let sourceServer: ServerConfig | undefined;
  let sourceFqdn: string | undefined;
  if (host !== undefined) {
    sourceServer = workload.servers.find((s) => s.hostname === host || s.fqdn === host);
    if (sourceServer === undefined) {
      if (host.includes('.')) {
        sourceFqdn = host;
      } else {
        problems.push({
          path: ['migration', 'sourceHost'],
          message: `${workload.id} has no server ${host}; name one of its servers (${workload.servers.map((s) => s.hostname).join(', ') || 'none'}) or give a fully qualified name`,
        });
      }
    }
  } else if (dbServers.length === 1) {
    sourceServer = dbServers[0];
  } else {
    problems.push({
      path: ['migration', 'sourceHost'],
      message:
        dbServers.length === 0
          ? `${workload.id} has no db-tier server, so say where ${db.name} runs today (migration.sourceHost: a host name or FQDN)`
          : `${workload.id} has ${dbServers.length} db-tier servers (${dbServers.map((s) => s.hostname).join(', ')}); say which runs ${db.name} (migration.sourceHost)`,
    });
  }
  return {
    method,
    chosen: chosen !== undefined,
    ...(method === 'dms' && 'engineName' in dms ? { dmsEngineName: dms.engineName } : {}),
    ...(sourceServer === undefined ? {} : { sourceServer }),
    ...(sourceFqdn === undefined ? {} : { sourceFqdn }),
    sourceDatabase: db.migration?.sourceDatabase ?? db.name,
    sourcePort: definition.port,
    problems,
  };
}
