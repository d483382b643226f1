import type { WaveRule } from './rule';

/**
 * The 7R strategy and the rest of the record agree: retire has a decommission date and no target;
 * retain has no target; repurchase names its supplier; rehost has servers and a target; replatform,
 * refactor and relocate have a target; repurchase (and only repurchase) states its SaaS fee.
 */
export const strategyConsistency: WaveRule = (plan, report) => {
  for (const w of plan.workloads) {
    const v = w.value;
    switch (v.strategy) {
      case 'retire':
        if (!v.decommissionDate) {
          report(w.at('strategy'), 'a retired workload needs decommissionDate');
        }
        if (v.target) {
          report(w.at('target'), 'a retired workload has no target: it is switched off, not moved');
        }
        break;
      case 'retain':
        if (v.target) {
          report(w.at('target'), 'a retained workload stays on premises and has no target');
        }
        break;
      case 'repurchase':
        if (!v.supplier) {
          report(w.at('strategy'), 'repurchase needs supplier (vendor, product, licence) of the replacement');
        }
        if (v.cost.saasMonthlyGbp === undefined) {
          report(
            w.at('cost'),
            'repurchase needs cost.saasMonthlyGbp: the replacement’s fee is its run cost after the move, and counts against the saving',
          );
        }
        break;
      case 'rehost':
        if (v.servers.length === 0) {
          report(w.at('servers'), 'rehost moves servers: list at least one');
        }
        if (!v.target) {
          report(w.at('strategy'), 'rehost needs target (account and VPC)');
        }
        break;
      default:
        if (!v.target) {
          report(w.at('strategy'), `${v.strategy} needs target (account and VPC)`);
        }
    }
    if (v.strategy !== 'repurchase' && v.cost.saasMonthlyGbp !== undefined) {
      report(w.at('cost', 'saasMonthlyGbp'), `saasMonthlyGbp applies to repurchase only, not ${v.strategy}`);
    }
    if (v.strategy === 'retain' && v.decommissionDate) {
      report(w.at('decommissionDate'), `decommissionDate does not apply to ${v.strategy}`);
    }
    v.dependencies.forEach((d, i) => {
      const dep = plan.byId.get(d.workload);
      if (dep?.value.strategy === 'retire' && d.type === 'hard') {
        report(
          w.at('dependencies', i),
          `hard dependency on ${dep.value.id}, which is being retired (${dep.value.decommissionDate ?? 'no date'}): plan its replacement`,
          'warning',
        );
      }
    });
  }
};
