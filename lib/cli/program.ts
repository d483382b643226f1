import { Command, CommanderError } from 'commander';
import type { CliContext } from './context';
import { completionCommand } from './completion-command';
import { costCommand } from './cost-command';
import { deployCheckCommand } from './deploy-check-command';
import { diffCommand } from './diff-command';
import { drCheckCommand } from './dr-command';
import { findingsCommand } from './findings-command';
import { gateCommand } from './gate-command';
import { baselineCommand, guardCommand } from './guard-command';
import { backupComplianceCommand } from './ops-backup-compliance-command';
import { cutoverReadinessCommand } from './ops-cutover-readiness-command';
import { dbHealthCommand } from './ops-db-health-command';
import { restoreDrillCommand } from './ops-restore-drill-command';
import { serviceReportCommand } from './ops-service-report-command';
import { vpnStatusCommand } from './ops-vpn-status-command';
import { EXIT } from './output';
import { planCommand } from './plan-command';
import { reviewCommand } from './review-command';
import { schemaCommand } from './schema-command';
import { stagesCommand } from './stages-command';
import { synthCommand } from './synth-command';
import { initCommand } from './init-command';
import { validateCommand } from './validate-command';
import { wavesReportCommand } from './waves-report-command';
import { wavesRunbookCommand } from './waves-runbook-command';
import { wavesValidateCommand } from './waves-validate-command';

/** The `lz` program: every command, each defined in its own module. */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('lz').description("The council landing zone's command-line tool");
  for (const command of [
    initCommand(ctx),
    validateCommand(ctx),
    planCommand(ctx),
    schemaCommand(ctx),
    synthCommand(ctx),
    drCheckCommand(ctx),
    gateCommand(ctx),
    deployCheckCommand(ctx),
    findingsCommand(ctx),
    guardCommand(ctx),
    baselineCommand(ctx),
    diffCommand(ctx),
    stagesCommand(ctx),
    costCommand(ctx),
    reviewCommand(ctx),
  ]) {
    program.addCommand(command);
  }
  program
    .command('waves')
    .description('The migration plan in migration-waves/')
    .addCommand(wavesValidateCommand(ctx))
    .addCommand(wavesReportCommand(ctx))
    .addCommand(wavesRunbookCommand(ctx));
  program
    .command('ops')
    .description(
      'Compare the live estate with the plan (exit 0 healthy, 1 degraded, 2 could not read); see docs/operations.md',
    )
    .addCommand(vpnStatusCommand(ctx))
    .addCommand(dbHealthCommand(ctx))
    .addCommand(backupComplianceCommand(ctx))
    .addCommand(cutoverReadinessCommand(ctx))
    .addCommand(restoreDrillCommand(ctx))
    .addCommand(serviceReportCommand(ctx));
  program.addCommand(completionCommand(ctx, () => program));
  forEachCommand(program, (command) => {
    command.showHelpAfterError('(add --help for usage)').exitOverride(usageExit);
    // Commander does not say which options are required: the help does.
    for (const option of command.options.filter((o) => o.mandatory)) {
      option.description = `${option.description} (required)`;
    }
  });
  return program;
}

/** Help and version exit 0; every usage error (unknown option, missing or invalid value) exits 2. */
function usageExit(error: CommanderError): never {
  const ok =
    error.code === 'commander.helpDisplayed' ||
    error.code === 'commander.help' ||
    error.code === 'commander.version';
  process.exit(ok ? EXIT.ok : EXIT.cannotRun);
}

function forEachCommand(command: Command, visit: (command: Command) => void): void {
  visit(command);
  for (const sub of command.commands) {
    forEachCommand(sub, visit);
  }
}
