import * as rds from 'aws-cdk-lib/aws-rds';
import type { DatabaseEdition, DatabaseEngineName, LicenceModel } from '../config/schema-data-protection';

/** The facts the database construct needs about each engine, in one place. */
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
}

const LICENCES: Record<LicenceModel, rds.LicenseModel | undefined> = {
  'licence-included': rds.LicenseModel.LICENSE_INCLUDED,
  'bring-your-own-licence': rds.LicenseModel.BRING_YOUR_OWN_LICENSE,
  // PostgreSQL's licence model is implied by the engine; MySQL's is general-public-license.
  'open-source': undefined,
};

/** Oracle's TLS listener (the SSL option) listens here; the plain listener on 1521 is never opened. */
export const ORACLE_TLS_PORT = 2484;

function sqlServerEngine(
  edition: DatabaseEdition | undefined,
  version: rds.SqlServerEngineVersion,
): rds.IInstanceEngine {
  switch (edition) {
    case 'express':
      return rds.DatabaseInstanceEngine.sqlServerEx({ version });
    case 'web':
      return rds.DatabaseInstanceEngine.sqlServerWeb({ version });
    case 'standard':
      return rds.DatabaseInstanceEngine.sqlServerSe({ version });
    case 'enterprise':
      return rds.DatabaseInstanceEngine.sqlServerEe({ version });
    default:
      throw new Error(
        `SQL Server needs an edition (express, web, standard or enterprise), got ${edition ?? 'none'}`,
      );
  }
}

/** Major version as RDS parameter-group families name it: 16.00.4236.2.v1 -> 16.00, 17.9 -> 17, 8.4.8 -> 8.4. */
export function majorVersion(engine: DatabaseEngineName, fullVersion: string): string {
  const parts = fullVersion.split('.');
  switch (engine) {
    case 'sqlserver':
    case 'mysql':
      return parts.slice(0, 2).join('.');
    case 'postgres':
    case 'oracle':
      return parts[0] ?? fullVersion;
  }
}

export function engineFacts(
  engine: DatabaseEngineName,
  edition: DatabaseEdition | undefined,
  fullVersion: string,
  licence: LicenceModel,
): EngineFacts {
  const major = majorVersion(engine, fullVersion);
  switch (engine) {
    case 'sqlserver':
      return {
        engine: sqlServerEngine(edition, rds.SqlServerEngineVersion.of(fullVersion, major)),
        port: 1433,
        clientPort: 1433,
        logExports: ['agent', 'error'],
        logExportsNotUsed: {},
        supportsIamAuthentication: false,
        supportsMultiAz: edition !== 'express',
        licenceModel: rds.LicenseModel.LICENSE_INCLUDED,
      };
    case 'postgres':
      return {
        engine: rds.DatabaseInstanceEngine.postgres({
          version: rds.PostgresEngineVersion.of(fullVersion, major),
        }),
        port: 5432,
        clientPort: 5432,
        logExports: ['postgresql', 'upgrade'],
        logExportsNotUsed: {},
        supportsIamAuthentication: true,
        supportsMultiAz: true,
        licenceModel: undefined,
      };
    case 'mysql':
      return {
        engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.of(fullVersion, major) }),
        port: 3306,
        clientPort: 3306,
        // audit comes from the MariaDB audit plugin in the option group (see engine-groups.ts).
        logExports: ['audit', 'error', 'slowquery'],
        logExportsNotUsed: {
          general:
            'The MySQL general log records every statement with its parameters, which would copy personal data into logs; ' +
            'the audit plugin log records connections and DDL/DCL instead.',
        },
        supportsIamAuthentication: true,
        supportsMultiAz: true,
        licenceModel: rds.LicenseModel.GENERAL_PUBLIC_LICENSE,
      };
    case 'oracle':
      return {
        engine: rds.DatabaseInstanceEngine.oracleSe2({
          version: rds.OracleEngineVersion.of(fullVersion, major),
        }),
        port: 1521,
        clientPort: ORACLE_TLS_PORT,
        logExports: ['alert', 'audit', 'listener', 'trace'],
        logExportsNotUsed: {
          oemagent:
            'Oracle Enterprise Manager is not used, so the OEM agent option (and its log) is not installed.',
        },
        supportsIamAuthentication: false,
        supportsMultiAz: true,
        licenceModel: LICENCES[licence] ?? rds.LicenseModel.LICENSE_INCLUDED,
      };
  }
}
