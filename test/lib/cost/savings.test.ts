import { estimateCost } from '../../../lib/cost/estimate';
import { compareWaves, isDecommissioned, type WaveCostInput } from '../../../lib/cost/savings';
import { committedPrices, stack, tagged } from './fixtures';

const prices = committedPrices();
const rate = prices.exchangeRate.gbpPerUsd;

// Each workload runs one NAT gateway on AWS: $36.50 a month.
const estimate = estimateCost(
  [
    stack('Work', {
      Done: { Type: 'AWS::EC2::NatGateway', Properties: tagged({ wave: 'wave-01', workload: 'done' }) },
      Live: { Type: 'AWS::EC2::NatGateway', Properties: tagged({ wave: 'wave-01', workload: 'live' }) },
      Dated: { Type: 'AWS::EC2::NatGateway', Properties: tagged({ wave: 'wave-02', workload: 'dated' }) },
    }),
  ],
  prices,
);

const waves: WaveCostInput[] = [
  {
    id: 'wave-01',
    name: 'One',
    workloads: [
      { id: 'done', name: 'Done', currentMonthlyGbp: 1000, status: 'complete' },
      { id: 'live', name: 'Live', currentMonthlyGbp: 500, status: 'cutover' },
    ],
  },
  {
    id: 'wave-02',
    name: 'Two',
    workloads: [
      {
        id: 'dated',
        name: 'Dated',
        currentMonthlyGbp: 200,
        status: 'cutover',
        decommissionDate: '2026-10-01',
      },
    ],
  },
];

describe('before and after per wave', () => {
  it('counts the saving only for workloads whose source is decommissioned', () => {
    const [one] = compareWaves(estimate, waves, '2026-09-30');
    expect(one?.onPremMonthlyGbp).toBe(1500);
    expect(one?.awsMonthlyGbp).toBeCloseTo(2 * 36.5 * rate, 9);
    expect(one?.realisedSavingGbp).toBeCloseTo(1000 - 36.5 * rate, 9);
    expect(one?.plannedSavingGbp).toBeCloseTo(500 - 36.5 * rate, 9);
    expect(one?.savingsAreUpperBounds).toBe(false);
  });

  it('a decommission date counts from that day, not before', () => {
    const before = compareWaves(estimate, waves, '2026-09-30')[1];
    expect(before?.realisedSavingGbp).toBe(0);
    expect(before?.plannedSavingGbp).toBeCloseTo(200 - 36.5 * rate, 9);
    const after = compareWaves(estimate, waves, '2026-10-01')[1];
    expect(after?.realisedSavingGbp).toBeCloseTo(200 - 36.5 * rate, 9);
    expect(after?.plannedSavingGbp).toBe(0);
  });

  it('cutover alone is not decommissioning; disconnected and complete are; retained never is', () => {
    const w = { id: 'x', name: 'X', currentMonthlyGbp: 1 };
    expect(isDecommissioned({ ...w, status: 'cutover' }, '2026-01-01').decommissioned).toBe(false);
    expect(isDecommissioned({ ...w, status: 'disconnected' }, '2026-01-01').decommissioned).toBe(true);
    expect(isDecommissioned({ ...w, status: 'complete' }, '2026-01-01').decommissioned).toBe(true);
    expect(
      isDecommissioned({ ...w, status: 'complete', strategy: 'retain' }, '2026-01-01').decommissioned,
    ).toBe(false);
  });

  it('marks savings as upper bounds when some of the wave is not priced', () => {
    const partial = estimateCost(
      [stack('W', { App: { Type: 'AWS::MGN::Application', Properties: tagged({ wave: 'wave-01' }) } })],
      prices,
    );
    const [one] = compareWaves(partial, waves, '2026-09-30');
    expect(one?.awsNotPriced).toBe(1);
    expect(one?.savingsAreUpperBounds).toBe(true);
    expect(one?.realisedSavingGbp).toBe(1000);
  });
});
