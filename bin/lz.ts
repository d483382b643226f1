#!/usr/bin/env node
import { Command } from 'commander';
import { runFindings } from '../lib/cli/findings-command';
import { runAcceptBaseline, runGuard } from '../lib/cli/guard-command';
import { runPlan } from '../lib/cli/plan-command';
import { runSchema } from '../lib/cli/schema-command';
import { runValidate, type CommandOutput } from '../lib/cli/validate-command';

// bin/ reads the environment; the commands in lib/cli get plain options and return their output.
const DEFAULT_CONFIG = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';

function finish(output: CommandOutput): void {
  process.stdout.write(output.stdout);
  process.stderr.write(output.stderr);
  process.exitCode = output.exitCode;
}

const program = new Command('lz')
  .description("The council landing zone's command-line tool")
  .showHelpAfterError();

program
  .command('validate')
  .description('Check the landing-zone configuration without synthesising; every problem is reported at once')
  .option('-c, --config <file>', 'configuration file', DEFAULT_CONFIG)
  .option('--json', 'machine-readable output', false)
  .action((opts: { config: string; json: boolean }) => {
    finish(runValidate(opts));
  });

program
  .command('plan')
  .description('Show the address plan: every subnet of every VPC, with its zone and usable addresses')
  .option('-c, --config <file>', 'configuration file', DEFAULT_CONFIG)
  .option('--json', 'machine-readable output', false)
  .action((opts: { config: string; json: boolean }) => {
    finish(runPlan(opts));
  });

program
  .command('schema')
  .description(
    'Print the JSON Schema of the configuration, write it for editors, or check the committed copy',
  )
  .option('--write', 'write schema/landing-zone.schema.json', false)
  .option('--check', 'fail if the committed schema is out of date', false)
  .action((opts: { write: boolean; check: boolean }) => {
    finish(runSchema(opts));
  });

program
  .command('findings')
  .description('Fail if the last synth left any rule violation unacknowledged, in any validation plugin')
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .action((opts: { assembly: string }) => {
    finish(runFindings(opts.assembly));
  });

program
  .command('guard')
  .description(
    'Fail if deploying cdk.out would replace, delete or orphan a stateful resource of the accepted baseline',
  )
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .option('--baselines <dir>', 'accepted baseline templates', 'baselines')
  .option('--allow-list <file>', 'approved exceptions, each with a reason', 'baselines/allow-list.yaml')
  .option('--json', 'machine-readable output', false)
  .action((opts: { assembly: string; baselines: string; allowList: string; json: boolean }) => {
    finish(runGuard(opts));
  });

program
  .command('baseline')
  .description('Accept the current synth as the baseline the change guard compares against (after a release)')
  .requiredOption('--accept', 'copy the templates from the assembly into the baselines directory')
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .option('--baselines <dir>', 'baseline directory', 'baselines')
  .action((opts: { assembly: string; baselines: string }) => {
    finish(runAcceptBaseline(opts.assembly, opts.baselines));
  });

program.parse();
