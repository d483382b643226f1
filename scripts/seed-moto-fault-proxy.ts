// Puts the fault proxy of the integration tests in front of a running moto_server, completing what
// moto lacks (recovery points, jobs, pending maintenance, tunnel telemetry, restores) and injecting
// one fault, for the runs shown in docs/operations.md ("What each fault looks like").
// Usage: ts-node --swc scripts/seed-moto-fault-proxy.ts <moto endpoint> <fault|none> [service:Operation]
//   e.g. ... http://127.0.0.1:45390 stall          every call stalls
//        ... http://127.0.0.1:45390 deny ec2:DescribeCustomerGateways
// The configuration is LZ_CONFIG or config/landing-zone.yaml; LZ_WAVES adds the plan's databases.
import { loadConfig } from '../lib/config/load';
import { loadWavePlan } from '../lib/waves/load';
import { FAULTS, startFaultProxy, type Fault, type Rule } from '../test/helpers/fault-proxy';
import { MotoComplement } from '../test/helpers/moto-complement';

async function main(endpoint: string, fault: string, target: string | undefined): Promise<void> {
  const config = loadConfig(process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml');
  const waves = process.env['LZ_WAVES'];
  const plan = waves === undefined ? undefined : loadWavePlan(waves, config);
  const [service, operation] = target?.split(':') ?? [];
  const rules: Rule[] =
    fault === 'none'
      ? []
      : [
          {
            fault: fault as Fault,
            ...(service === undefined ? {} : { service }),
            ...(operation === undefined ? {} : { operation }),
            delayMs: 15_000,
          },
        ];
  const proxy = await startFaultProxy(endpoint, new MotoComplement(config, endpoint, undefined, plan), rules);
  process.stdout.write(`${proxy.url}\n`);
}

const [endpoint, fault, target] = process.argv.slice(2);
if (endpoint === undefined || fault === undefined || (fault !== 'none' && !FAULTS.includes(fault as Fault))) {
  process.stderr.write(
    `usage: seed-moto-fault-proxy.ts <moto endpoint> <${['none', ...FAULTS].join('|')}> [service:Operation]\n`,
  );
  process.exitCode = 2;
} else {
  void main(endpoint, fault, target);
}
