import * as rds from 'aws-cdk-lib/aws-rds';
import { defineEngine, leadingParts } from './engine';

/** Amazon RDS for PostgreSQL: open source, IAM authentication, TLS forced by `rds.force_ssl`. */
export const POSTGRES = defineEngine({
  label: 'PostgreSQL',
  editions: [
    {
      name: undefined,
      label: 'PostgreSQL',
      rdsEngine: 'postgres',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of(full, major) }),
      licences: ['open-source'],
      multiAz: { supported: true },
    },
  ],
  licenceWhy: 'PostgreSQL is open source',
  // RDS implies PostgreSQL's licence model from the engine.
  rdsLicenceModel: () => undefined,
  port: 5432,
  clientPort: 5432,
  majorVersion: (full) => leadingParts(full, 1),
  defaultVersion: '17.9',
  logExports: ['postgresql', 'upgrade'],
  logExportsNotUsed: {},
  iamAuthentication: true,
  // ssl_min_protocol_version pins TLS 1.2 or later (PostgreSQL 12+), whatever the client asks for.
  tlsParameters: { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' },
  tls: {
    kind: 'parameter',
    parameter: 'rds.force_ssl',
    acceptedValues: ['1'],
    minimumVersion: { ssl_min_protocol_version: ['TLSv1.2', 'TLSv1.3'] },
  },
  // Statements slower than two seconds, so the exported postgresql log has content.
  extraParameters: { log_min_duration_statement: '2000' },
  audit: {
    kind: 'preloaded-library',
    preloadParameter: 'shared_preload_libraries',
    library: 'pgaudit',
    // RDS's default group preloads pg_stat_statements, which Performance Insights reads SQL statistics from.
    defaultPreload: ['pg_stat_statements'],
    classesParameter: 'pgaudit.log',
    parameters: {
      // Schema changes, grants and roles, and every change to data: who altered a record and how.
      // Not read: every SELECT the application makes would multiply the log; reads of the tables
      // that need it are audited per object, by granting SELECT on them to the audit role below.
      'pgaudit.log': 'ddl,role,write',
      'pgaudit.role': 'rds_pgaudit',
      // Bind values (names, addresses) stay out of the log; the statement text says what was done.
      'pgaudit.log_parameter': '0',
      // Who connected, from where, and for how long: pgaudit records statements, not sessions.
      log_connections: '1',
      log_disconnections: '1',
    },
    log: 'postgresql',
    extension: 'pgaudit',
  },
  // RDS default parameter group: max_connections = LEAST({DBInstanceClassMemory/9531392}, 5000).
  maxConnections: {
    formula: 'LEAST({DBInstanceClassMemory/9531392}, 5000)',
    of: (memory) => Math.min(Math.floor(memory / 9531392), 5000),
  },
  maxStorageGiB: 65536,
  instanceClassFamily: 'graviton',
  lifecycleProduct: 'postgresql',
  migration: { dms: { engineName: 'postgres' }, defaultMethod: 'dms' },
  // rds.allowed_extensions limits CREATE EXTENSION to the listed ones (RDS for PostgreSQL 13.10, 14.7, 15.2 and later).
  extensions: { parameter: 'rds.allowed_extensions', names: { postgis: 'PostGIS' } },
  waveAliases: { postgres: { edition: undefined } },
});
