import { cidr } from '../../../lib/ipv4';
import { planSubnets } from '../../../lib/network/address-plan';

const ZONES = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'];

describe('planSubnets', () => {
  it('allocates tiers in order, one block per zone, aligned to each block size', () => {
    const plan = planSubnets(
      cidr('10.64.0.0/24'),
      [
        { name: 'public', type: 'public', cidrMask: 27 },
        { name: 'transit', type: 'transit', cidrMask: 28 },
      ],
      ZONES,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.subnets.map((s) => `${s.tier} ${s.availabilityZone} ${s.cidr.text}`)).toEqual([
      'public eu-west-2a 10.64.0.0/27',
      'public eu-west-2b 10.64.0.32/27',
      'public eu-west-2c 10.64.0.64/27',
      'transit eu-west-2a 10.64.0.96/28',
      'transit eu-west-2b 10.64.0.112/28',
      'transit eu-west-2c 10.64.0.128/28',
    ]);
  });

  it('realigns a larger tier after a smaller one', () => {
    const plan = planSubnets(
      cidr('10.0.0.0/22'),
      [
        { name: 'transit', type: 'transit', cidrMask: 28 },
        { name: 'app', type: 'private', cidrMask: 25 },
      ],
      ZONES,
    );
    expect(plan.subnets.filter((s) => s.tier === 'app').map((s) => s.cidr.text)).toEqual([
      '10.0.0.128/25',
      '10.0.1.0/25',
      '10.0.1.128/25',
    ]);
  });

  it('keeps explicit blocks and allocates around them', () => {
    const plan = planSubnets(
      cidr('10.0.0.0/22'),
      [
        { name: 'app', type: 'private', cidrMask: 24 },
        {
          name: 'data',
          type: 'isolated',
          cidrMask: 24,
          cidrs: ['10.0.0.0/24', '10.0.2.0/24', '10.0.3.0/24'],
        },
      ],
      ZONES.slice(0, 3),
    );
    expect(plan.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/tier "app" does not fit: the tiers need 768 addresses/),
    ]);
    const two = planSubnets(
      cidr('10.0.0.0/22'),
      [
        { name: 'app', type: 'private', cidrMask: 24 },
        { name: 'data', type: 'isolated', cidrMask: 24, cidrs: ['10.0.0.0/24', '10.0.2.0/24'] },
      ],
      ZONES.slice(0, 2),
    );
    expect(two.problems).toEqual([]);
    expect(two.subnets.filter((s) => s.tier === 'app').map((s) => s.cidr.text)).toEqual([
      '10.0.1.0/24',
      '10.0.3.0/24',
    ]);
  });

  it('reports an explicit list of the wrong length and a mask mismatch', () => {
    const plan = planSubnets(
      cidr('10.0.0.0/22'),
      [{ name: 'data', type: 'isolated', cidrMask: 24, cidrs: ['10.0.0.0/25'] }],
      ZONES,
    );
    expect(plan.problems.map((p) => p.message)).toEqual([
      'lists 1 block(s) but the VPC spans 3 availability zone(s); give one per zone',
      "10.0.0.0/25 is a /25 but the tier's cidrMask is 24",
    ]);
  });
});
