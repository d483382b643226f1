import * as rds from 'aws-cdk-lib/aws-rds';
import { defineEngine, leadingParts } from './engine';

/**
 * Amazon RDS for MySQL Community Edition: open source, IAM authentication, TLS 1.2+ forced by
 * `require_secure_transport`. The audit log comes from the MariaDB audit plugin in the option group.
 */
export const MYSQL = defineEngine({
  label: 'MySQL',
  editions: [
    {
      name: undefined,
      label: 'MySQL',
      rdsEngine: 'mysql',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.of(full, major) }),
      licences: ['open-source'],
      multiAz: { supported: true },
    },
  ],
  licenceWhy: 'MySQL Community Edition is open source',
  rdsLicenceModel: () => rds.LicenseModel.GENERAL_PUBLIC_LICENSE,
  port: 3306,
  clientPort: 3306,
  majorVersion: (full) => leadingParts(full, 2),
  defaultVersion: '8.4.8',
  // audit comes from the MariaDB audit plugin in the option group.
  logExports: ['audit', 'error', 'slowquery'],
  logExportsNotUsed: {
    general:
      'The MySQL general log records every statement with its parameters, which would copy personal data into logs; ' +
      'the audit plugin log records connections and DDL/DCL instead.',
  },
  iamAuthentication: true,
  tlsParameters: { require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' },
  tls: {
    kind: 'parameter',
    parameter: 'require_secure_transport',
    acceptedValues: ['ON', '1'],
    minimumVersion: { tls_version: ['TLSv1.2,TLSv1.3', 'TLSv1.3,TLSv1.2', 'TLSv1.2', 'TLSv1.3'] },
  },
  // Slow-query logging so the exported slowquery log has content.
  extraParameters: { slow_query_log: '1', long_query_time: '2', log_output: 'FILE' },
  optionGroup: {
    // Not TLS, but the option group is the only place MySQL's audit log can come from.
    purpose: 'audit plugin',
    configurations: () => [
      { name: 'MARIADB_AUDIT_PLUGIN', settings: { SERVER_AUDIT_EVENTS: 'CONNECT,QUERY_DDL,QUERY_DCL' } },
    ],
  },
  audit: {
    kind: 'always',
    how: 'MariaDB audit plugin (connections, DDL, DCL), exported as the audit log',
  },
  // RDS default parameter group: max_connections = {DBInstanceClassMemory/12582880}.
  maxConnections: {
    formula: '{DBInstanceClassMemory/12582880}',
    of: (memory) => Math.floor(memory / 12582880),
  },
  maxStorageGiB: 65536,
  instanceClassFamily: 'graviton',
  lifecycleProduct: 'mysql',
  migration: { dms: { engineName: 'mysql' }, defaultMethod: 'dms' },
  waveAliases: { mysql: { edition: undefined } },
});
