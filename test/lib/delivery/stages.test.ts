import {
  orderStages,
  StagePlanError,
  stageOrderProblems,
  type PlacedStack,
} from '../../../lib/delivery/stages';
import { exampleConfig } from '../../helpers/landing-zone';

const accounts = exampleConfig().accounts;
const idOf = (name: string): string => {
  const account = accounts.find((a) => a.name === name);
  if (!account) throw new Error(`no account ${name}`);
  return account.id;
};
const placed = (
  id: string,
  account: string,
  phase: PlacedStack['phase'],
  region = 'eu-west-2',
): PlacedStack => ({
  id,
  accountId: idOf(account),
  region,
  phase,
});

describe('orderStages', () => {
  it('orders by phase, then shared accounts, then non-production before production', () => {
    const stages = orderStages(
      [
        placed('Waves', 'production', 'waves'),
        placed('DataProd', 'production', 'data'),
        placed('DataNonProd', 'non-production', 'data'),
        placed('Vault', 'backup', 'data'),
        placed('Hub', 'network', 'network'),
      ],
      accounts,
    );
    expect(stages.map((s) => s.id)).toEqual([
      'network-network',
      'data-backup',
      'data-non-production',
      'data-production',
      'waves-production',
    ]);
    expect(stages.filter((s) => s.production).map((s) => s.id)).toEqual([
      'data-production',
      'waves-production',
    ]);
  });

  it('groups the stacks of one phase and account, with every region they use', () => {
    const [stage] = orderStages(
      [placed('B', 'backup', 'data', 'eu-west-1'), placed('A', 'backup', 'data')],
      accounts,
    );
    expect(stage).toMatchObject({
      id: 'data-backup',
      stacks: ['A', 'B'],
      regions: ['eu-west-1', 'eu-west-2'],
    });
  });

  it('reports every stack whose account is not in configuration, at once', () => {
    const stray = (id: string): PlacedStack => ({
      id,
      accountId: '121212121212',
      region: 'eu-west-2',
      phase: 'data',
    });
    expect(() => orderStages([stray('One'), stray('Two')], accounts)).toThrow(StagePlanError);
    try {
      orderStages([stray('One'), stray('Two')], accounts);
    } catch (error) {
      expect((error as StagePlanError).problems).toEqual([
        'One deploys to account 121212121212, which is not in accounts',
        'Two deploys to account 121212121212, which is not in accounts',
      ]);
    }
  });
});

describe('stageOrderProblems', () => {
  const stages = orderStages(
    [placed('Hub', 'network', 'network'), placed('Data', 'production', 'data')],
    accounts,
  );

  it('accepts a dependency on an earlier stage or the same stage', () => {
    expect(stageOrderProblems(stages, new Map([['Data', ['Hub']]]))).toEqual([]);
  });

  it('reports a stack that would deploy before a stack it depends on', () => {
    expect(stageOrderProblems(stages, new Map([['Hub', ['Data']]]))).toEqual([
      'Hub (stage network-network) depends on Data, which deploys later in stage data-production',
    ]);
  });

  it('reports a dependency on a stack no stage deploys', () => {
    expect(stageOrderProblems(stages, new Map([['Data', ['Elsewhere']]]))).toEqual([
      'Data (stage data-production) depends on Elsewhere, which no stage deploys',
    ]);
  });
});
