import type { DatabaseEdition, DatabaseEngineName, LicenceModel } from '../schema-data-protection';
import type { ConfigRule } from './rule';

interface EngineRule {
  readonly editions: readonly (DatabaseEdition | undefined)[];
  readonly licences: (edition: DatabaseEdition | undefined) => readonly LicenceModel[];
  readonly why: string;
}

/**
 * What Amazon RDS (not RDS Custom, not EC2) accepts. SQL Server on RDS is licence-included for every
 * edition: bring-your-own-licence needs RDS Custom or EC2 with licence mobility. Oracle SE2 may be
 * licence-included or BYOL. PostgreSQL and MySQL are open source.
 */
export const ENGINE_RULES: Readonly<Record<DatabaseEngineName, EngineRule>> = {
  sqlserver: {
    editions: ['express', 'web', 'standard', 'enterprise'],
    licences: () => ['licence-included'],
    why: 'RDS for SQL Server is licence-included only; BYOL needs RDS Custom for SQL Server or EC2',
  },
  oracle: {
    editions: ['se2'],
    licences: () => ['licence-included', 'bring-your-own-licence'],
    why: 'RDS for Oracle SE2 is licence-included or BYOL',
  },
  postgres: {
    editions: [undefined],
    licences: () => ['open-source'],
    why: 'PostgreSQL is open source',
  },
  mysql: {
    editions: [undefined],
    licences: () => ['open-source'],
    why: 'MySQL Community Edition is open source',
  },
};

/** Engine, edition and licence combinations that RDS allows; production also rules out Express (no Multi-AZ). */
export const databaseEngines: ConfigRule = (view, report) => {
  for (const { index, value: db } of view.databases) {
    const base = ['dataProtection', 'databases', index];
    const rule = ENGINE_RULES[db.engine];
    if (!rule.editions.includes(db.edition)) {
      const allowed = rule.editions.filter((e) => e !== undefined);
      report(
        [...base, 'edition'],
        allowed.length === 0
          ? `${db.engine} has no editions; remove edition`
          : `${db.engine} needs edition ${allowed.join(', ')} (got ${db.edition ?? 'none'})`,
      );
      continue;
    }
    const licences = rule.licences(db.edition);
    if (!licences.includes(db.licence)) {
      report(
        [...base, 'licence'],
        `${db.licence} is not available for ${db.engine}${db.edition ? ` ${db.edition}` : ''}: ${rule.why}`,
      );
    }
    if (db.engine === 'sqlserver' && db.edition === 'express') {
      const account = view.accounts.find((a) => a.value.name === db.account)?.value;
      if (account?.role === 'production') {
        report(
          [...base, 'edition'],
          'SQL Server Express cannot run Multi-AZ and caps each database at 10 GiB; production databases need web, standard or enterprise',
        );
      }
    }
  }
};
