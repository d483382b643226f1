import * as rds from 'aws-cdk-lib/aws-rds';
import { defineEngine, leadingParts, type EditionDefinition } from './engine';

/** SQL Server 2022, the current RDS version (November 2026). */
const SQL_SERVER_2022 = '16.00.4236.2.v1';

/** The first SQL Server Web build RDS runs Multi-AZ (block-level replication, SQL Server 2022). */
const WEB_MULTI_AZ_FROM = '16.00.4215.2';

/** DMS reads SQL Server changes through transactional replication or MS-CDC; neither runs on these editions. */
const NO_CHANGE_CAPTURE = (edition: string): string =>
  `SQL Server ${edition} can neither publish transactional replication nor run change data capture, which DMS reads changes from; use sqlserver-native-backup`;

/** An edition of RDS for SQL Server: licence-included, like every edition RDS offers. */
function edition<const Name extends string>(
  name: Name,
  label: string,
  rdsEngine: string,
  engine: (version: rds.SqlServerEngineVersion) => rds.IInstanceEngine,
  facts: Pick<
    EditionDefinition,
    'multiAz' | 'maxDatabaseGiB' | 'defaultInstanceClass' | 'noDmsChangeCapture'
  >,
): EditionDefinition<Name> {
  return {
    name,
    label: `SQL Server ${label}`,
    rdsEngine,
    instanceEngine: (full, major) => engine(rds.SqlServerEngineVersion.of(full, major)),
    licences: ['licence-included'],
    ...facts,
  };
}

/**
 * Amazon RDS for SQL Server (not RDS Custom, not EC2): licence-included for every edition, since
 * bring-your-own-licence needs RDS Custom or EC2 with licence mobility. TLS is forced by
 * `rds.force_ssl`; no edition offers IAM database authentication.
 */
export const SQL_SERVER = defineEngine({
  label: 'SQL Server',
  editions: [
    edition(
      'express',
      'Express',
      'sqlserver-ex',
      (v) => rds.DatabaseInstanceEngine.sqlServerEx({ version: v }),
      {
        multiAz: { supported: false, why: 'SQL Server Express cannot run Multi-AZ on RDS' },
        // Microsoft's limit for Express: 10 GB of data per database, whatever the storage allocated.
        maxDatabaseGiB: 10,
        // Express uses at most four cores and about 1.4 GB of buffer pool, so a larger class buys nothing.
        defaultInstanceClass: 'db.t3.medium',
        noDmsChangeCapture: NO_CHANGE_CAPTURE('Express'),
      },
    ),
    edition('web', 'Web', 'sqlserver-web', (v) => rds.DatabaseInstanceEngine.sqlServerWeb({ version: v }), {
      // Web has no Always On or mirroring; RDS adds Multi-AZ by block-level replication from this build.
      multiAz: {
        supported: 'from-version',
        version: WEB_MULTI_AZ_FROM,
        why: `RDS runs SQL Server Web Multi-AZ (block-level replication) only from SQL Server 2022 ${WEB_MULTI_AZ_FROM}`,
      },
      noDmsChangeCapture: NO_CHANGE_CAPTURE('Web'),
    }),
    edition(
      'standard',
      'Standard',
      'sqlserver-se',
      (v) => rds.DatabaseInstanceEngine.sqlServerSe({ version: v }),
      {
        multiAz: { supported: true },
      },
    ),
    edition(
      'enterprise',
      'Enterprise',
      'sqlserver-ee',
      (v) => rds.DatabaseInstanceEngine.sqlServerEe({ version: v }),
      {
        multiAz: { supported: true },
      },
    ),
  ],
  licenceWhy: 'RDS for SQL Server is licence-included only; BYOL needs RDS Custom for SQL Server or EC2',
  rdsLicenceModel: () => rds.LicenseModel.LICENSE_INCLUDED,
  port: 1433,
  clientPort: 1433,
  majorVersion: (full) => leadingParts(full, 2),
  defaultVersion: SQL_SERVER_2022,
  logExports: ['agent', 'error'],
  logExportsNotUsed: {},
  iamAuthentication: false,
  // RDS for SQL Server turns protocols off by parameter: TLS 1.0 and 1.1 disabled leaves 1.2.
  tlsParameters: { 'rds.force_ssl': '1', 'rds.tls10': 'disabled', 'rds.tls11': 'disabled' },
  tls: {
    kind: 'parameter',
    parameter: 'rds.force_ssl',
    acceptedValues: ['1'],
    minimumVersion: { 'rds.tls10': ['disabled'], 'rds.tls11': ['disabled'] },
  },
  extraParameters: {},
  audit: {
    kind: 's3-option',
    // Every edition: server-level audits from SQL Server 2014, database-level from 2016 SP1.
    option: 'SQLSERVER_AUDIT',
    roleSetting: 'IAM_ROLE_ARN',
    bucketSetting: 'S3_BUCKET_ARN',
    settings: {
      ENABLE_COMPRESSION: 'true',
      // A day of records stays on the instance, readable with msdb.dbo.rds_fn_get_audit_file during an incident.
      RETENTION_TIME: '24',
    },
    why: 'RDS for SQL Server exports only the agent and error logs to CloudWatch Logs; SQL Server Audit uploads its files to an S3 bucket of the same account and region',
  },
  // user connections defaults to 0 (no limit of its own): SQL Server's ceiling of 32,767 applies.
  maxConnections: { formula: '32767 (user connections 0: the engine maximum)', of: () => 32767 },
  maxStorageGiB: 16384,
  instanceClassFamily: 'intel',
  lifecycleProduct: 'sql-server',
  migration: { dms: { engineName: 'sqlserver' }, native: 'sqlserver-native-backup', defaultMethod: 'dms' },
  waveAliases: {
    'sqlserver-se': { edition: 'standard' },
    'sqlserver-ee': { edition: 'enterprise' },
    'sqlserver-web': { edition: 'web' },
    'sqlserver-ex': { edition: 'express' },
  },
});
