import { onPremisesSources } from '../on-premises-sources';
import type { ConfigRule } from './rule';

/**
 * Members of the public (guest or public Wi-Fi, public PCs: `audience: public`) never reach a
 * council service: no database admits a public range, or a range with a public network inside it.
 * Wave files are held to the same by the wave rule public-access (lib/waves/rules/public-access.ts).
 */
export const publicRanges: ConfigRule = (view, report) => {
  const sources = onPremisesSources(view.onPremisesRanges.map((r) => r.value));
  const admitsPublic = new Set(
    sources.filter((s) => s.admitsPublic && s.name === s.range).map((s) => s.name),
  );
  for (const { index, value: db } of view.databases) {
    db.allowedOnPremisesRanges.forEach((range, i) => {
      if (admitsPublic.has(range)) {
        report(
          ['dataProtection', 'databases', index, 'allowedOnPremisesRanges', i],
          `${range} includes a public network (audience: public); members of the public never reach a council database`,
        );
      }
    });
  }
};
