#!/usr/bin/env node
/*
 * DR posture check over synthesised templates (not the configuration):
 *   npx ts-node --swc scripts/dr-check.ts [--json] [--assembly cdk.out]
 * Exit 0: every target met; 1: at least one breach; 2: the assembly could not be read.
 */
import { checkAssembly } from '../lib/dr/check';
import { formatReport } from '../lib/dr/report';

function main(argv: readonly string[]): number {
  let assembly = 'cdk.out';
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') {
      json = true;
    } else if (arg === '--assembly') {
      const next = argv[i + 1];
      if (next === undefined) {
        process.stderr.write('--assembly needs a directory\n');
        return 2;
      }
      assembly = next;
      i++;
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: dr-check [--json] [--assembly cdk.out]\n');
      return 0;
    } else {
      process.stderr.write(`unknown argument ${arg ?? ''}\n`);
      return 2;
    }
  }
  let report;
  try {
    report = checkAssembly(assembly);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `cannot read the cloud assembly ${assembly}: ${reason}\nRun \`npx cdk synth --quiet\` first.\n`,
    );
    return 2;
  }
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, assembly));
  return report.breaches > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
