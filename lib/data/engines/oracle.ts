import * as rds from 'aws-cdk-lib/aws-rds';
import { defineEngine, leadingParts } from './engine';

/** Oracle's TLS listener (the SSL option) listens here; the plain listener on 1521 is never opened. */
export const ORACLE_TLS_PORT = 2484;

/**
 * Amazon RDS for Oracle Standard Edition 2: licence-included or bring-your-own-licence. Oracle has no
 * parameter that refuses plain text: TLS comes from the SSL option on its own listener, and clients
 * are admitted only to that port.
 */
export const ORACLE = defineEngine({
  label: 'Oracle',
  editions: [
    {
      name: 'se2',
      label: 'Oracle SE2',
      rdsEngine: 'oracle-se2',
      instanceEngine: (full, major) =>
        rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.of(full, major) }),
      licences: ['licence-included', 'bring-your-own-licence'],
      multiAz: { supported: true },
    },
  ],
  licenceWhy: 'RDS for Oracle SE2 is licence-included or BYOL',
  rdsLicenceModel: (licence) =>
    licence === 'bring-your-own-licence'
      ? rds.LicenseModel.BRING_YOUR_OWN_LICENSE
      : rds.LicenseModel.LICENSE_INCLUDED,
  port: 1521,
  clientPort: ORACLE_TLS_PORT,
  majorVersion: (full) => leadingParts(full, 1),
  defaultVersion: '19.0.0.0.ru-2025-10.rur-2025-10.r1',
  logExports: ['alert', 'audit', 'listener', 'trace'],
  logExportsNotUsed: {
    oemagent:
      'Oracle Enterprise Manager is not used, so the OEM agent option (and its log) is not installed.',
  },
  iamAuthentication: false,
  tlsParameters: {},
  tls: { kind: 'option', option: 'SSL' },
  extraParameters: {},
  optionGroup: {
    purpose: `TLS listener on ${ORACLE_TLS_PORT}`,
    configurations: ({ vpc, securityGroups }) => [
      {
        name: 'SSL',
        port: ORACLE_TLS_PORT,
        vpc,
        securityGroups: [...securityGroups],
        settings: {
          'SQLNET.SSL_VERSION': '1.2',
          'SQLNET.CIPHER_SUITE': 'SSL_RSA_WITH_AES_256_GCM_SHA384',
        },
      },
    ],
  },
  audit: {
    kind: 'always',
    how: 'audit files (mandatory and SYS-operation auditing), exported as the audit log',
  },
  // RDS default parameter group: processes = LEAST({DBInstanceClassMemory/9868951}, 20000).
  maxConnections: {
    formula: 'LEAST({DBInstanceClassMemory/9868951}, 20000) processes',
    of: (memory) => Math.min(Math.floor(memory / 9868951), 20000),
  },
  maxStorageGiB: 65536,
  instanceClassFamily: 'intel',
  lifecycleProduct: 'oracle',
  migration: {
    // DMS reaches Oracle over TLS only with verify-ca and a CA certificate imported into DMS, which
    // the landing zone does not manage; Data Pump through the RDS S3 integration needs neither.
    dms: {
      unsupported:
        'needs a CA certificate imported into DMS for TLS (verify-ca), which the landing zone does not manage; use oracle-data-pump',
    },
    native: 'oracle-data-pump',
    defaultMethod: 'oracle-data-pump',
  },
  waveAliases: {
    'oracle-se2': { edition: 'se2' },
    // RDS for Oracle EE is BYOL-only and CouncilDatabase builds SE2 only: move it to EC2 or to SE2.
    'oracle-ee': {
      unsupported:
        "cannot be built on RDS by the council's database construct (Oracle SE2 only); target ec2, or move to oracle-se2",
    },
  },
});
