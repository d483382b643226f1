import { editionOf, engineDefinition, multiAzProblem } from '../../data/engines';
import type { ConfigRule } from './rule';

/**
 * Engine, edition and licence combinations that Amazon RDS allows (lib/data/engines); production
 * databases are Multi-AZ, which rules out SQL Server Express and SQL Server Web before 2022.
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
    const account = view.accounts.find((a) => a.value.name === db.account)?.value;
    const multiAz = account?.role === 'production' ? multiAzProblem(edition, db.version) : undefined;
    if (multiAz !== undefined) {
      const alternatives = engine.editions.filter((e) => multiAzProblem(e, db.version) === undefined);
      report(
        [...base, 'edition'],
        `${multiAz}; production databases are Multi-AZ, so use ${alternatives.map((e) => e.name).join(', ') || 'another engine'}`,
      );
    }
  }
};
