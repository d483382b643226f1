import type { WaveRule } from './rule';
import { onPremisesSources } from '../../config/on-premises-sources';
import { unknownName } from '../../config/unknown-name';

/**
 * Names resolve: dependencies to workloads, service areas to programme.yaml, targets to an account
 * and a VPC of config/landing-zone.yaml shared with that account, and VPN paths to the declared
 * on-premises ranges. Until the hybrid-connectivity work lands, each on-premises range of
 * config/landing-zone.yaml stands for the VPN path that reaches it.
 */
export const references: WaveRule = (plan, report) => {
  const lz = plan.landingZone;
  const accounts = new Map(lz.accounts.map((a) => [a.name, a]));
  const vpcs = new Map(lz.network.vpcs.map((v) => [v.name, v]));
  const vpnPaths = new Set(lz.network.onPremisesRanges.map((r) => r.name));
  const vpnList = [...vpnPaths].join(', ');
  // Users come from a range or from one of its named networks.
  const sources = new Set(onPremisesSources(lz.network.onPremisesRanges).map((s) => s.name));
  const areas = plan.programme ? new Set(plan.programme.serviceAreas.map((a) => a.id)) : undefined;

  for (const w of plan.workloads) {
    const v = w.value;
    if (areas && !areas.has(v.serviceArea)) {
      report(
        w.at('serviceArea'),
        unknownName(
          'service area',
          v.serviceArea,
          areas,
          `programme.yaml serviceAreas: ${[...areas].join(', ')}`,
        ),
      );
    }
    v.dependencies.forEach((d, i) => {
      if (d.workload === v.id) {
        report(w.at('dependencies', i, 'workload'), 'a workload cannot depend on itself');
      } else if (!plan.allIds.has(d.workload)) {
        report(
          w.at('dependencies', i, 'workload'),
          unknownName('workload', d.workload, plan.allIds, 'no wave file defines it'),
        );
      }
      if (d.reachableVia !== undefined && !vpnPaths.has(d.reachableVia)) {
        report(
          w.at('dependencies', i, 'reachableVia'),
          unknownName(
            'VPN path',
            d.reachableVia,
            vpnPaths,
            `declared: ${vpnList}; the on-premises ranges in config/landing-zone.yaml`,
          ),
        );
      }
    });
    v.access.forEach((a, i) => {
      a.from.forEach((site, j) => {
        if (!sources.has(site)) {
          report(
            w.at('access', i, 'from', j),
            unknownName(
              'on-premises range or network',
              site,
              sources,
              `declared: ${[...sources].join(', ')}`,
            ),
          );
        }
      });
    });
    if (v.target) {
      const account = accounts.get(v.target.account);
      if (!account) {
        report(
          w.at('target', 'account'),
          unknownName(
            'account',
            v.target.account,
            accounts.keys(),
            `config/landing-zone.yaml accounts: ${[...accounts.keys()].join(', ')}`,
          ),
        );
      } else if (account.role !== 'production' && account.role !== 'non-production') {
        report(
          w.at('target', 'account'),
          `account ${account.name} has role ${account.role}; workloads land in production or non-production accounts`,
        );
      }
      const vpc = vpcs.get(v.target.vpc);
      if (!vpc) {
        report(
          w.at('target', 'vpc'),
          unknownName(
            'VPC',
            v.target.vpc,
            vpcs.keys(),
            `config/landing-zone.yaml VPCs: ${[...vpcs.keys()].join(', ')}`,
          ),
        );
      } else if (account && vpc.account !== account.name) {
        report(
          w.at('target', 'vpc'),
          `VPC ${vpc.name} is shared with account ${vpc.account}, not ${account.name}`,
        );
      } else if (vpc.purpose !== 'workload') {
        report(
          w.at('target', 'vpc'),
          `VPC ${vpc.name} has purpose ${vpc.purpose}; workloads land in workload VPCs`,
        );
      }
      if (account && v.environment === 'production' && account.role !== 'production') {
        report(
          w.at('target', 'account'),
          `a production workload must land in a production account, not ${account.name} (${account.role})`,
        );
      }
    }
  }

  const programme = plan.programme;
  if (programme && areas) {
    programme.blackouts.forEach((b, i) => {
      if (b.serviceAreas !== 'all') {
        b.serviceAreas.forEach((area, j) => {
          if (!areas.has(area)) {
            report(
              { file: plan.programmeFile, path: ['blackouts', i, 'serviceAreas', j] },
              `unknown service area "${area}"`,
            );
          }
        });
      }
    });
    const waveIds = new Set(plan.waves.flatMap((w) => (w.header ? [w.header.id] : [])));
    programme.baseline.waves.forEach((b, i) => {
      if (!waveIds.has(b.wave)) {
        report(
          { file: plan.programmeFile, path: ['baseline', 'waves', i, 'wave'] },
          `unknown wave "${b.wave}" (no wave file has this id)`,
        );
      }
    });
  }
};
