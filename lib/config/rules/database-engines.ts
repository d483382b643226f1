import { editionOf, engineDefinition } from '../../data/engines';
import type { ConfigRule } from './rule';

/**
 * Engine, edition and licence combinations that Amazon RDS allows (lib/data/engines); production
 * also rules out SQL Server Express (no Multi-AZ, 10 GiB per database).
 */
export const databaseEngines: ConfigRule = (view, report) => {
  for (const { index, value: db } of view.databases) {
    const base = ['dataProtection', 'databases', index];
    const engine = engineDefinition(db.engine);
    const edition = editionOf(db.engine, db.edition);
    if (edition === undefined) {
      const allowed = engine.editions.flatMap((e) => (e.name === undefined ? [] : [e.name]));
      report(
        [...base, 'edition'],
        allowed.length === 0
          ? `${db.engine} has no editions; remove edition`
          : `${db.engine} needs edition ${allowed.join(', ')} (got ${db.edition ?? 'none'})`,
      );
      continue;
    }
    if (!edition.licences.includes(db.licence)) {
      report(
        [...base, 'licence'],
        `${db.licence} is not available for ${db.engine}${db.edition ? ` ${db.edition}` : ''}: ${engine.licenceWhy}`,
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
