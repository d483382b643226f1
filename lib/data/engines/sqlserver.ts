import * as rds from 'aws-cdk-lib/aws-rds';
import { defineEngine, leadingParts } from './engine';

/** SQL Server 2022, the current RDS version (November 2026). */
const SQL_SERVER_2022 = '16.00.4236.2.v1';

const version = (full: string, major: string): rds.SqlServerEngineVersion =>
  rds.SqlServerEngineVersion.of(full, major);

/**
 * Amazon RDS for SQL Server (not RDS Custom, not EC2): licence-included for every edition, since
 * bring-your-own-licence needs RDS Custom or EC2 with licence mobility. TLS is forced by
 * `rds.force_ssl`; no edition offers IAM database authentication.
 */
export const SQL_SERVER = defineEngine({
  label: 'SQL Server',
  editions: [
    {
      name: 'express',
      label: 'SQL Server Express',
      rdsEngine: 'sqlserver-ex',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.sqlServerEx({ version: version(full, major) }),
      licences: ['licence-included'],
      multiAz: { supported: false, why: 'SQL Server Express cannot run Multi-AZ on RDS' },
    },
    {
      name: 'web',
      label: 'SQL Server Web',
      rdsEngine: 'sqlserver-web',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.sqlServerWeb({ version: version(full, major) }),
      licences: ['licence-included'],
      multiAz: { supported: true },
    },
    {
      name: 'standard',
      label: 'SQL Server Standard',
      rdsEngine: 'sqlserver-se',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.sqlServerSe({ version: version(full, major) }),
      licences: ['licence-included'],
      multiAz: { supported: true },
    },
    {
      name: 'enterprise',
      label: 'SQL Server Enterprise',
      rdsEngine: 'sqlserver-ee',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.sqlServerEe({ version: version(full, major) }),
      licences: ['licence-included'],
      multiAz: { supported: true },
    },
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
  tlsParameters: { 'rds.force_ssl': '1' },
  tls: { kind: 'parameter', parameter: 'rds.force_ssl', acceptedValues: ['1'] },
  extraParameters: {},
  maxStorageGiB: 16384,
  instanceClassFamily: 'intel',
  waveAliases: {
    'sqlserver-se': { edition: 'standard' },
    'sqlserver-ee': { edition: 'enterprise' },
    'sqlserver-web': { edition: 'web' },
  },
});
