import { estimateCost, SHARED, type CostEstimate } from '../../../lib/cost/estimate';
import { defaultAssumptions } from '../../../lib/cost/usage-assumptions';
import { buildFigures, sourceOffAsOf } from '../../../lib/figures/model';
import { sensitivity } from '../../../lib/figures/sensitivity';
import { examplePlan } from '../../helpers/waves';
import { committedBook, tagged } from '../cost/fixtures';

/*
 * The rules of the figures model, on the example plan with a small estimate whose AWS lines are
 * known: one EIP ($3.65 a month) per workload named below and a NAT gateway for the landing zone.
 */

const AS_OF = '2026-11-23';
const plan = examplePlan();
const eip = (workload: string) => ({ Type: 'AWS::EC2::EIP', Properties: tagged({ workload }) });
const estimate: CostEstimate = estimateCost(
  [
    {
      stackName: 'Work',
      account: '555555555555',
      region: 'eu-west-2',
      resources: {
        A: eip('intranet'),
        B: eip('payments-civica-pay'),
        C: eip('housing-nec'),
        D: eip('active-directory'),
        E: eip('telephony-mitel'),
      },
    },
    {
      stackName: 'Hub',
      account: '111111111111',
      region: 'eu-west-2',
      resources: { Nat: { Type: 'AWS::EC2::NatGateway', Properties: tagged({ wave: 'landing-zone' }) } },
    },
  ],
  committedBook(),
  defaultAssumptions(),
  { workloadWaves: new Map(plan.workloads.map(({ workload, wave }) => [workload.id, wave.id])) },
);
const figures = buildFigures(estimate, plan, AS_OF);
const of = (id: string) => {
  const w = figures.workloads.find((x) => x.id === id);
  if (w === undefined) {
    throw new Error(id);
  }
  return w;
};
const EIP_GBP = 3.65 * 0.75;

describe('the figures model', () => {
  it('a moved workload whose source is off: after is its AWS cost, and the saving is realised', () => {
    expect(of('intranet')).toMatchObject({
      onPremMonthlyGbp: 820,
      afterMonthlyGbp: EIP_GBP,
      plannedSavingGbp: 820 - EIP_GBP,
      realisedSavingGbp: 820 - EIP_GBP,
      sourceOff: true,
      runCostNowGbp: EIP_GBP,
    });
  });

  it('retained never saves, whatever the templates tag with it', () => {
    expect(of('active-directory')).toMatchObject({
      awsMonthlyGbp: 0,
      afterMonthlyGbp: 450,
      plannedSavingGbp: 0,
      realisedSavingGbp: 0,
      runCostNowGbp: 450,
    });
  });

  it('repurchase: the SaaS fee is its run cost after, so it counts against the saving', () => {
    // Cut over, source not yet off: the fee and the on-premises cost are both paid now.
    expect(of('payments-civica-pay')).toMatchObject({
      saasMonthlyGbp: 1150,
      afterMonthlyGbp: 1150 + EIP_GBP,
      realisedSavingGbp: 0,
      landed: true,
      runCostNowGbp: 1300 + 1150 + EIP_GBP,
    });
    expect(of('payments-civica-pay').plannedSavingGbp).toBeCloseTo(1300 - 1150 - EIP_GBP, 9);
    // Libraries: the SaaS fee (£610) is more than on premises (£520): a negative saving, shown as such.
    expect(of('libraries-spydus')).toMatchObject({ plannedSavingGbp: -90, realisedSavingGbp: -90 });
  });

  it('a saving is realised only once the source is off, not at cutover', () => {
    expect(of('housing-nec')).toMatchObject({ status: 'testing', realisedSavingGbp: 0, landed: false });
    expect(of('housing-nec').plannedSavingGbp).toBeCloseTo(1850 - EIP_GBP, 9);
    const w = { strategy: 'rehost', status: 'cutover', decommissionDate: '2026-12-01' } as const;
    expect(sourceOffAsOf(w, '2026-11-30').sourceOff).toBe(false);
    expect(sourceOffAsOf(w, '2026-12-01')).toEqual({
      sourceOff: true,
      why: 'source switched off 2026-12-01',
    });
    expect(sourceOffAsOf({ strategy: 'retain', status: 'complete' }, AS_OF).sourceOff).toBe(false);
  });

  it('retired: nothing after; anything still tagged with it is not counted against it', () => {
    expect(of('telephony-mitel')).toMatchObject({
      afterMonthlyGbp: 0,
      plannedSavingGbp: 1100,
      realisedSavingGbp: 1100,
    });
  });

  it('the shared landing zone is one figure, in the programme total and not in any wave', () => {
    // The NAT gateway's hours and its data processed at the assumed 200 GB a month ($0.05 each).
    expect(figures.shared.awsMonthlyGbp).toBeCloseTo((36.5 + 200 * 0.05) * 0.75, 9);
    expect(estimate.lines.filter((l) => l.wave === SHARED).map((l) => l.usage)).toEqual([
      'nat-gateway-hours',
      'nat-gateway-data-processed',
    ]);
    const waves = figures.waves.reduce((n, w) => n + w.afterMonthlyGbp, 0);
    expect(figures.programme.afterMonthlyGbp).toBeCloseTo(waves + figures.shared.awsMonthlyGbp, 9);
    expect(figures.programme.netPlannedSavingGbp).toBeCloseTo(
      figures.programme.plannedSavingGbp - figures.shared.awsMonthlyGbp,
      9,
    );
  });

  it('waves add up to the programme, and the chart starts at the whole estate on premises', () => {
    const sum = (k: 'onPremMonthlyGbp' | 'plannedSavingGbp' | 'realisedSavingGbp') =>
      figures.waves.reduce((n, w) => n + w[k], 0);
    expect(sum('onPremMonthlyGbp')).toBe(figures.programme.onPremMonthlyGbp);
    expect(sum('plannedSavingGbp')).toBeCloseTo(figures.programme.plannedSavingGbp, 9);
    expect(sum('realisedSavingGbp')).toBeCloseTo(figures.programme.realisedSavingGbp, 9);
    expect(figures.series.programme.forecast[0]).toMatchObject({
      onPremGbp: figures.programme.onPremMonthlyGbp,
      awsGbp: 0,
    });
  });

  it('sensitivity: the assumption behind the most per-use cost comes first', () => {
    const s = sensitivity(estimate);
    expect(s.items[0]?.what).toBe('network.natGatewayGbPerMonth');
    // Doubling a linear assumption adds exactly the lines that depend on it.
    const nat = estimate.lines.filter((l) => l.assumption?.key === 'network.natGatewayGbPerMonth');
    expect(s.items[0]?.changeUsd).toBeCloseTo(
      nat.reduce((n, l) => n + l.monthlyUsd, 0),
      9,
    );
  });
});
