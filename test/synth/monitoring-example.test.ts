import type { AssemblyStack } from '../../lib/assembly/read';
import { monitoredEstate } from '../../lib/monitoring/monitored-estate';
import { RUNBOOKS, runbookAnchor } from '../../lib/monitoring/runbooks';
import { serviceAlarmName } from '../../lib/names';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';
import { examplePlan } from '../helpers/waves';

/*
 * The example council's monitoring, read from the run's shared assembly: every database, migrated
 * server, NAT gateway, Transit Gateway attachment and backup plan has alarms, and every alarm names
 * its workload and links to its runbook.
 */

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

interface FoundAlarm {
  readonly stack: AssemblyStack;
  readonly name: string;
  readonly description: string;
  readonly properties: Record<string, unknown>;
  readonly composite: boolean;
}

function alarms(): FoundAlarm[] {
  return exampleAssembly().stacks.flatMap((stack) =>
    Object.values(stack.template.Resources as Record<string, Resource>).flatMap((r): FoundAlarm[] => {
      if (r.Type !== 'AWS::CloudWatch::Alarm' && r.Type !== 'AWS::CloudWatch::CompositeAlarm') return [];
      const p = r.Properties ?? {};
      return [
        {
          stack,
          name: String(p['AlarmName']),
          description: typeof p['AlarmDescription'] === 'string' ? p['AlarmDescription'] : '',
          properties: p,
          composite: r.Type === 'AWS::CloudWatch::CompositeAlarm',
        },
      ];
    }),
  );
}

const estate = monitoredEstate(exampleConfig(), examplePlan());
const all = alarms();
const named = new Map(all.map((a) => [a.name, a]));
const text = (a: FoundAlarm): string => JSON.stringify(a.properties);

describe('alarms of the example estate', () => {
  it('every database has CPU, memory, storage, connection and latency alarms in its own account', () => {
    const databases = estate.services.flatMap((s) => s.databases.map((d) => ({ s, d })));
    expect(databases.length).toBe(16);
    for (const { s, d } of databases) {
      for (const signal of ['cpu', 'memory', 'storage', 'connections', 'read-latency', 'write-latency']) {
        const alarm = named.get(`kvdc-${s.id}-db-${d.name}-${signal}`);
        expect(alarm?.stack.account).toBe(s.accountId);
        expect(text(alarm as FoundAlarm)).toContain(`"DBInstanceIdentifier","Value":"${d.identifier}"`);
      }
    }
  });

  it('every server MGN launches has status, memory and disk alarms, found by its tag and agent dimension', () => {
    const servers = estate.services.flatMap((s) => s.servers.map((x) => ({ s, x })));
    expect(servers.length).toBeGreaterThan(30);
    for (const { s, x } of servers) {
      const status = named.get(`kvdc-${s.id}-server-${x.hostname}-status`);
      expect(text(status as FoundAlarm)).toContain(`WHERE tag.server = '${x.hostname}'`);
      expect(named.get(`kvdc-${s.id}-server-${x.hostname}-memory`)?.stack.account).toBe(s.accountId);
      expect(named.get(`kvdc-${s.id}-server-${x.hostname}-disk`)).toBeDefined();
      // A silent agent is an outage only once the service runs in AWS.
      expect(named.has(`kvdc-${s.id}-server-${x.hostname}-agent-silent`)).toBe(x.live);
    }
    expect(servers.some(({ x }) => x.live)).toBe(true);
    expect(servers.some(({ x }) => !x.live)).toBe(true);
  });

  it('every NAT gateway, Transit Gateway attachment and VPN connection has its network alarms', () => {
    const config = exampleConfig();
    for (const zone of config.network.availabilityZones) {
      expect(named.get(`kvdc-nat-${zone}-port-allocation`)?.stack.stackName).toBe('kvdc-network-hub');
      expect(named.get(`kvdc-nat-${zone}-packet-drops`)).toBeDefined();
    }
    for (const vpc of config.network.vpcs) {
      const alarm = named.get(`kvdc-tgw-${vpc.name}-drops`);
      expect(alarm?.stack.account).toBe('111111111111');
      expect(text(alarm as FoundAlarm)).toContain('TransitGatewayAttachment');
    }
    for (const site of config.connectivity?.sites ?? []) {
      for (const device of site.customerGateways) {
        const base = `kvdc-vpn-${site.name}-${device.name}`;
        expect(named.get(`${base}-load`)?.properties['Threshold']).toBe(0.8 * 1.25e9);
        expect(named.get(`${base}-attachment-drops`)).toBeDefined();
      }
    }
  });

  it('every backup plan is watched: its vault alarms name it, in its account', () => {
    const plans = exampleAssembly().stacks.flatMap((stack) =>
      Object.values(stack.template.Resources as Record<string, Resource>)
        .filter((r) => r.Type === 'AWS::Backup::BackupPlan')
        .map((r) => ({
          stack,
          name: String((r.Properties?.['BackupPlan'] as Record<string, unknown>)['BackupPlanName']),
        })),
    );
    expect(plans.length).toBeGreaterThanOrEqual(8);
    for (const plan of plans) {
      const account = exampleConfig().accounts.find((a) => a.id === plan.stack.account);
      for (const signal of ['jobs-failed', 'jobs-expired', 'copies-failed']) {
        const alarm = named.get(`kvdc-backup-kvdc-${account?.name}-${signal}`);
        expect(alarm?.stack.account).toBe(plan.stack.account);
        expect(alarm?.description).toContain(plan.name);
      }
    }
  });

  it('every alarm names its workload and owner and links to a runbook section', () => {
    const anchors = Object.keys(RUNBOOKS).map((k) => runbookAnchor(k as keyof typeof RUNBOOKS));
    const ours = all.filter((a) => !/-(tunnel-down|connection-down|unreachable)$/.test(a.name));
    expect(ours.length).toBeGreaterThan(250);
    for (const alarm of ours) {
      expect(alarm.description).toMatch(/(Workload \S+ \(|Runbook: )/);
      const anchor = /#(runbook-[a-z-]+)/.exec(alarm.description)?.[1];
      expect(anchors).toContain(anchor);
      expect(alarm.description.length).toBeLessThanOrEqual(1024);
    }
    for (const s of estate.services) {
      const service = named.get(serviceAlarmName('kvdc', s.id));
      expect(service?.description).toContain(`owner ${s.owner}`);
    }
  });

  it('one page per outage: signals have no actions, each service composite pages its account rota', () => {
    for (const s of estate.services) {
      const service = named.get(serviceAlarmName('kvdc', s.id));
      expect(service?.composite).toBe(true);
      const account = exampleConfig().accounts.find((a) => a.id === s.accountId);
      expect(service?.properties['AlarmActions']).toEqual([
        `arn:aws:sns:eu-west-2:${s.accountId}:kvdc-alerts-${account?.name}`,
      ]);
      const escalation = named.get(`kvdc-${s.id}-out-of-hours`);
      expect(escalation !== undefined).toBe(s.criticality === 'critical');
    }
    const signals = all.filter((a) => /-(cpu|status|memory|storage|disk)$/.test(a.name));
    for (const signal of signals) {
      expect(signal.properties['AlarmActions']).toBeUndefined();
    }
  });

  it('alarm names are unique per account and region', () => {
    const keys = all.map((a) => `${a.stack.account}/${a.stack.region}/${a.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
