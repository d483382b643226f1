import { Stack } from 'aws-cdk-lib';
import { StagePlanError } from '../../lib/delivery/stages';
import { buildLandingZone } from '../../stacks/landing-zone';
import { placeStacks } from '../../stacks/deployment-stages';
import { readDeploymentRecord } from '../../lib/delivery/record';
import { testApp } from '../helpers/cdk-app';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';

/** The stages the synth recorded in the example's shared assembly (lz-deployment.json). */
describe('the deployment stages of the example council', () => {
  const assembly = exampleAssembly();
  const record = readDeploymentRecord(assembly.dir);
  const stages = record.stages;
  const order = stages.flatMap((s) => s.stacks);

  it('were planned without a problem', () => {
    expect(record.problems).toEqual([]);
  });

  it('places every stack of the assembly in exactly one stage', () => {
    const synthesised = assembly.stacks.map((s) => s.stackId).sort();
    expect(synthesised.length).toBeGreaterThan(20);
    expect([...order].sort()).toEqual(synthesised);
    expect(new Set(order).size).toBe(order.length);
  });

  it('deploys no stack before a stack it depends on, by the assembly manifest', () => {
    const dependencies = new Map(assembly.stacks.map((s) => [s.stackId, s.dependencies]));
    const checked = [...dependencies.values()].flat().length;
    expect(checked).toBeGreaterThan(10);
    const stageOf = new Map(stages.flatMap((s, i) => s.stacks.map((id) => [id, i] as const)));
    for (const [stack, deps] of dependencies) {
      for (const dep of deps) {
        expect({ stack, dep, before: (stageOf.get(dep) ?? Infinity) <= (stageOf.get(stack) ?? -1) }).toEqual({
          stack,
          dep,
          before: true,
        });
      }
    }
  });

  it('puts the security baseline first, then network and connectivity, data and backup, the waves last', () => {
    expect(stages.map((s) => s.phase)).toEqual([
      ...Array<string>(9).fill('baseline'),
      'detection',
      'network',
      'data',
      'data',
      'data',
      'data',
      'waves',
      'waves',
    ]);
    expect(stages.find((s) => s.id === 'network-network')?.stacks).toEqual(
      expect.arrayContaining(['KvdcNetworkHub', 'KvdcConnectivity', 'KvdcHybridDns', 'KvdcVpcProduction']),
    );
    expect(stages.find((s) => s.id === 'data-backup')?.stacks).toEqual([
      'KvdcBackupCentral',
      'KvdcBackupDrRegion',
      'KvdcOperationsBackup',
    ]);
    // The operations roles ship with data and backup, in every account the commands read.
    expect(stages.find((s) => s.id === 'data-network')?.stacks).toEqual(['KvdcOperationsNetwork']);
    expect(stages.find((s) => s.id === 'waves-production')?.stacks).toContain('KvdcMigrationWavesProduction');
  });

  it('gates only the production account', () => {
    expect(stages.filter((s) => s.production).map((s) => s.account)).toEqual([
      'production',
      'production',
      'production',
    ]);
  });
});

describe('a stack type no phase claims', () => {
  it('is an error naming the stack, not silently left out', () => {
    const app = testApp();
    buildLandingZone(app, exampleConfig());
    new Stack(app, 'KvdcSomethingNew', { env: { account: '555555555555', region: 'eu-west-2' } });
    expect(() => placeStacks(app)).toThrow(StagePlanError);
    expect(() => placeStacks(app)).toThrow(
      /KvdcSomethingNew is of a stack class that has no deployment phase/,
    );
  });
});
