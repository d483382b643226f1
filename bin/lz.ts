#!/usr/bin/env node
import { Command } from 'commander';
import { runCost } from '../lib/cli/cost-command';
import { runDrCheck } from '../lib/cli/dr-command';
import { runFindings } from '../lib/cli/findings-command';
import { runGate } from '../lib/cli/gate-command';
import { runDiff } from '../lib/cli/diff-command';
import { runBackupCompliance } from '../lib/cli/ops-backup-compliance-command';
import { runCutoverReadiness } from '../lib/cli/ops-cutover-readiness-command';
import { runDbHealth } from '../lib/cli/ops-db-health-command';
import { runRestoreDrill } from '../lib/cli/ops-restore-drill-command';
import { runVpnStatus } from '../lib/cli/ops-vpn-status-command';
import type { AwsOptions } from '../lib/ops/aws';
import { loadConfig } from '../lib/config/load';
import { ConfigValidationError } from '../lib/config/diagnostics';
import { loadWavePlan } from '../lib/waves/load';
import { synthForGate } from '../stacks/gate-synth';
import { runAcceptBaseline, runGuard } from '../lib/cli/guard-command';
import { runPlan } from '../lib/cli/plan-command';
import { runReview } from '../lib/cli/review-command';
import { runSchema } from '../lib/cli/schema-command';
import { runStages } from '../lib/cli/stages-command';
import { planDeploymentStages } from '../stacks/deployment-stages';
import { runValidate, type CommandOutput } from '../lib/cli/validate-command';
import { runWavesReport } from '../lib/cli/waves-report-command';
import { runWavesValidate } from '../lib/cli/waves-validate-command';

// bin/ reads the environment; the commands in lib/cli get plain options and return their output.
const DEFAULT_CONFIG = process.env['LZ_CONFIG'] ?? 'config/landing-zone.yaml';
const DEFAULT_WAVES = process.env['LZ_WAVES'] ?? 'migration-waves';

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
  .option(
    '--write',
    'write schema/landing-zone.schema.json and the migration-wave and programme schemas',
    false,
  )
  .option('--check', 'fail if the committed schema is out of date', false)
  .action((opts: { write: boolean; check: boolean }) => {
    finish(runSchema(opts));
  });

program
  .command('dr-check')
  .description(
    "Work out each database's achievable RPO and RTO per disruption from the synthesised templates and compare with its targets",
  )
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .option('--json', 'machine-readable output', false)
  .action((opts: { assembly: string; json: boolean }) => {
    finish(runDrCheck(opts));
  });

program
  .command('gate')
  .description(
    'The pre-deployment gate: synth with every rule pack, cfn-lint, the change guard and the DR check, then write the evidence',
  )
  .option('-c, --config <file>', 'landing-zone configuration', DEFAULT_CONFIG)
  .option('-w, --waves <dir>', 'migration plan', DEFAULT_WAVES)
  .option('--assembly <dir>', 'cloud assembly to synthesise into and check', 'cdk.out')
  .option('--no-synth', 'check the assembly as it is, without synthesising')
  .option('--baselines <dir>', 'accepted baseline templates', 'baselines')
  .option('--allow-list <file>', 'approved change-guard exceptions', 'baselines/allow-list.yaml')
  .option('-o, --out <dir>', 'where to write the result and the evidence', 'reports/gate')
  .option('--json', 'print the combined result as JSON', false)
  .action(
    (opts: {
      config: string;
      waves: string;
      assembly: string;
      synth: boolean;
      baselines: string;
      allowList: string;
      out: string;
      json: boolean;
    }) => {
      const synth = opts.synth
        ? (outdir: string): void => {
            const config = loadConfig(opts.config);
            synthForGate({ config, plan: loadWavePlan(opts.waves, config), outdir });
          }
        : undefined;
      try {
        finish(runGate({ ...opts, synth }));
      } catch (error) {
        if (error instanceof ConfigValidationError) {
          finish({ exitCode: 1, stdout: '', stderr: `${error.message}\n` });
          return;
        }
        throw error;
      }
    },
  );

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

program
  .command('diff')
  .description('Show what the synthesised assembly changes against the accepted baselines, offline')
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .option('--baselines <dir>', 'accepted baseline templates', 'baselines')
  .option('--markdown', 'Markdown for $GITHUB_STEP_SUMMARY or a pull-request comment', false)
  .option('--json', 'machine-readable output', false)
  .action((opts: { assembly: string; baselines: string; markdown: boolean; json: boolean }) => {
    finish(runDiff(opts));
  });

program
  .command('stages')
  .description(
    'The deployment stages in order (network, data and backup, then the waves; per account) and the stacks of each',
  )
  .option('-c, --config <file>', 'landing-zone configuration', DEFAULT_CONFIG)
  .option('-w, --waves <dir>', 'migration plan', DEFAULT_WAVES)
  .option('--json', 'machine-readable output', false)
  .option('--github-output', 'one stages=<json> line to append to $GITHUB_OUTPUT', false)
  .action((opts: { config: string; waves: string; json: boolean; githubOutput: boolean }) => {
    try {
      const config = loadConfig(opts.config);
      const plan = loadWavePlan(opts.waves, config);
      finish(
        runStages({
          plan: () => planDeploymentStages(config, plan),
          format: opts.githubOutput ? 'github-output' : opts.json ? 'json' : 'text',
        }),
      );
    } catch (error) {
      if (error instanceof ConfigValidationError) {
        finish({ exitCode: 1, stdout: '', stderr: `${error.message}\n` });
        return;
      }
      throw error;
    }
  });

const waves = program.command('waves').description('The migration plan in migration-waves/');

waves
  .command('validate')
  .description('Check the programme and every wave file; all errors at once, warnings listed separately')
  .option('-c, --config <file>', 'landing-zone configuration the targets must resolve in', DEFAULT_CONFIG)
  .option('-w, --waves <dir>', 'directory of programme.yaml and wave-NN-<slug>.yaml files', DEFAULT_WAVES)
  .option('--json', 'machine-readable output', false)
  .action((opts: { config: string; waves: string; json: boolean }) => {
    finish(runWavesValidate(opts));
  });

waves
  .command('report')
  .description(
    'Write the manager dashboard (HTML), a Markdown summary and CSV exports (waves, workloads, MGN import, CMDB)',
  )
  .option('-c, --config <file>', 'landing-zone configuration', DEFAULT_CONFIG)
  .option('-w, --waves <dir>', 'directory of programme.yaml and wave files', DEFAULT_WAVES)
  .option('-o, --out <dir>', 'output directory', 'reports/waves')
  .option('--as-of <date>', 'report date YYYY-MM-DD (default: today)', new Date().toISOString().slice(0, 10))
  .action((opts: { config: string; waves: string; out: string; asOf: string }) => {
    finish(runWavesReport(opts));
  });

program
  .command('cost')
  .description(
    'Estimate the monthly cost of the synthesised assembly per stack, account and wave, with before-and-after per wave',
  )
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .option('-w, --waves <dir>', 'migration plan', DEFAULT_WAVES)
  .option('-c, --config <file>', 'landing-zone configuration', DEFAULT_CONFIG)
  .option('--prices <file>', 'price table', 'pricing/eu-west-2.yaml')
  .option(
    '--as-of <date>',
    'date decommissioning is judged at, YYYY-MM-DD (default: today)',
    new Date().toISOString().slice(0, 10),
  )
  .option('--json', 'machine-readable output', false)
  .option('--markdown', 'Markdown for a pull-request comment', false)
  .action(
    (opts: {
      assembly: string;
      waves: string;
      config: string;
      prices: string;
      asOf: string;
      json: boolean;
      markdown: boolean;
    }) => {
      finish(runCost(opts));
    },
  );

program
  .command('review')
  .description(
    "The architect's review pack from cdk.out: stacks, network plan, findings, DR posture, changes against the baseline and cost, as HTML and a Markdown summary",
  )
  .option('--assembly <dir>', 'synthesised cloud assembly', 'cdk.out')
  .option('-c, --config <file>', 'landing-zone configuration', DEFAULT_CONFIG)
  .option('-w, --waves <dir>', 'migration plan', DEFAULT_WAVES)
  .option('--prices <file>', 'price table', 'pricing/eu-west-2.yaml')
  .option('--baselines <dir>', 'accepted baseline templates', 'baselines')
  .option('--allow-list <file>', 'approved change-guard exceptions', 'baselines/allow-list.yaml')
  .option('-o, --out <dir>', 'where to write index.html and summary.md', 'reports/review')
  .option('--as-of <date>', 'report date YYYY-MM-DD (default: today)', new Date().toISOString().slice(0, 10))
  .action(
    (opts: {
      assembly: string;
      config: string;
      waves: string;
      prices: string;
      baselines: string;
      allowList: string;
      out: string;
      asOf: string;
    }) => {
      finish(runReview(opts));
    },
  );

interface OpsFlags {
  config: string;
  json: boolean;
  region?: string | string[];
  endpoint?: string;
  maxAttempts: string;
  retryMode: string;
  timeout?: string;
  /** restore-drill's name for the per-call limit, whose --timeout bounds the whole restore. */
  callTimeout?: string;
}

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) program.error(`${flag} must be a positive whole number, got "${value}"`);
  return n;
}

/** The AWS options every ops command shares; credentials come from the SDK's standard chain. */
function awsOptions(opts: OpsFlags): AwsOptions {
  const retryMode = opts.retryMode;
  if (retryMode !== 'standard' && retryMode !== 'adaptive') {
    program.error(`--retry-mode must be standard or adaptive, got "${retryMode}"`);
  }
  return {
    // Several regions: each command sets the region per call; one: the SDK client's region.
    ...(typeof opts.region === 'string' ? { region: opts.region } : {}),
    ...(opts.endpoint === undefined ? {} : { endpoint: opts.endpoint }),
    maxAttempts: positiveInteger(opts.maxAttempts, '--max-attempts'),
    retryMode: retryMode === 'adaptive' ? 'adaptive' : 'standard',
    requestTimeoutMs:
      opts.callTimeout === undefined
        ? positiveInteger(opts.timeout ?? '10', '--timeout') * 1000
        : positiveInteger(opts.callTimeout, '--call-timeout') * 1000,
  };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * How a command takes --region: `home` one region, by default the configuration's home region (where
 * the landing zone builds its VPNs and databases); `many` repeatable, by default every region the
 * configuration uses; `many-home` repeatable, by default the home region.
 */
type RegionFlag = 'home' | 'many' | 'many-home';

const REGION_HELP: Record<RegionFlag, string> = {
  home: 'AWS region (default: organisation.homeRegion in the configuration)',
  many: 'only this region (repeatable; default: every region the configuration uses)',
  'many-home': 'region to read (repeatable; default: organisation.homeRegion in the configuration)',
};

function opsCommand(
  name: string,
  description: string,
  regions: RegionFlag = 'home',
  callTimeoutFlag = '--timeout',
): Command {
  const command = ops
    .command(name)
    .description(description)
    .option('-c, --config <file>', 'landing-zone configuration', DEFAULT_CONFIG)
    .option('--json', 'machine-readable output', false);
  if (regions === 'home') {
    command.option('--region <region>', REGION_HELP[regions]);
  } else {
    command.option('--region <region>', REGION_HELP[regions], collect);
  }
  return command
    .option('--endpoint <url>', 'service endpoint override, e.g. http://127.0.0.1:5000 for moto_server')
    .option('--max-attempts <n>', 'attempts per API call, retries included', '5')
    .option('--retry-mode <mode>', 'SDK retry strategy: standard or adaptive', 'standard')
    .option(`${callTimeoutFlag} <seconds>`, 'limit on each attempt of each API call', '10');
}

const ops = program
  .command('ops')
  .description(
    'Compare the live estate with the plan (exit 0 healthy, 1 degraded, 2 failed); see docs/operations.md',
  );

opsCommand(
  'vpn-status',
  'Per site and tunnel: state, time since last change, BGP routes accepted',
  'many-home',
)
  .option('--assume-role <name>', 'read the network account through the IAM role of this name in it')
  .action(async (opts: OpsFlags & { region?: string[]; assumeRole?: string }) => {
    finish(
      await runVpnStatus({
        config: opts.config,
        json: opts.json,
        aws: awsOptions(opts),
        ...(opts.region === undefined ? {} : { regions: opts.region }),
        ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
      }),
    );
  });

opsCommand(
  'db-health',
  'Per planned database: exists, status, version, Multi-AZ, encryption, deletion protection, backups, RPO, maintenance',
)
  .option(
    '--account <name>',
    'only the databases planned for this account (repeatable; default: every account holding one)',
    collect,
  )
  .option('--assume-role <name>', 'read each account through the IAM role of this name in it')
  .option(
    '-w, --waves <dir>',
    "the migration plan: also check every migrating workload's RDS databases (without it, only dataProtection.databases)",
  )
  .action(async (opts: OpsFlags & { account?: string[]; assumeRole?: string; waves?: string }) => {
    finish(
      await runDbHealth({
        config: opts.config,
        json: opts.json,
        aws: awsOptions(opts),
        ...(opts.account === undefined ? {} : { accounts: opts.account }),
        ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
        ...(opts.waves === undefined ? {} : { waves: opts.waves }),
      }),
    );
  });

opsCommand(
  'backup-compliance',
  'Vaults and their locks, each planned database: newest recovery point vs RPO, copies, failed jobs',
  'many',
)
  .option('--account <name>', 'only this account (repeatable; default: every account with a vault)', collect)
  .option('--assume-role <name>', 'read each account through the IAM role of this name in it')
  .option('--since <window>', 'failed-job window: 90m, 24h, 7d or an ISO time', '24h')
  .option(
    '-w, --waves <dir>',
    "the migration plan: also check every migrating workload's RDS databases (without it, only dataProtection.databases)",
  )
  .action(
    async (
      opts: OpsFlags & {
        account?: string[];
        assumeRole?: string;
        since: string;
        region?: string[];
        waves?: string;
      },
    ) => {
      finish(
        await runBackupCompliance({
          config: opts.config,
          json: opts.json,
          aws: awsOptions(opts),
          since: opts.since,
          ...(opts.account === undefined ? {} : { accounts: opts.account }),
          ...(opts.region === undefined ? {} : { regions: opts.region }),
          ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
          ...(opts.waves === undefined ? {} : { waves: opts.waves }),
        }),
      );
    },
  );

opsCommand(
  'cutover-readiness',
  'Go/no-go per workload of a wave: databases healthy and backed up, VPN sites up, approval, sign-off, DPIA (exit 0 go, 1 warnings, 2 no-go)',
)
  .requiredOption('--wave <id>', 'the wave to check, e.g. wave-05')
  .option('-w, --waves <dir>', 'migration plan directory', DEFAULT_WAVES)
  .option('--assume-role <name>', 'read each account through the IAM role of this name in it')
  .action(async (opts: OpsFlags & { wave: string; waves: string; assumeRole?: string }) => {
    finish(
      await runCutoverReadiness({
        config: opts.config,
        waves: opts.waves,
        wave: opts.wave,
        json: opts.json,
        aws: awsOptions(opts),
        ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
      }),
    );
  });

opsCommand(
  'restore-drill',
  'Restore the newest recovery point of a planned database in isolation, time it against the RTO, clean up',
  'home',
  '--call-timeout',
)
  .requiredOption(
    '--database <workload/name>',
    'the planned database to restore, e.g. crm/main, or revs-bens-nec/revenues with --waves',
  )
  .option('--dry-run', 'print the plan: what would be restored, where, and what would be deleted', false)
  .option('--timeout <minutes>', 'longest wait for the restored instance to be available', '120')
  .option('--assume-role <name>', "act in the database's account through the IAM role of this name in it")
  .option('--restore-role <arn>', 'role AWS Backup restores with (default: AWSBackupDefaultServiceRole)')
  .option('--runner-security-group <sg-id>', 'security group of this host, let in on the database port')
  .option('--out <dir>', 'where the evidence record is written', 'reports/restore-drills')
  .option(
    '-w, --waves <dir>',
    "the migration plan: its workloads' RDS databases can be drilled too (without it, only dataProtection.databases)",
  )
  .action(
    async (
      opts: OpsFlags & {
        database: string;
        dryRun: boolean;
        assumeRole?: string;
        restoreRole?: string;
        runnerSecurityGroup?: string;
        out: string;
        waves?: string;
      },
    ) => {
      // First SIGINT/SIGTERM: stop and clean up. Second: stop cleaning up and list what is left.
      const drill = new AbortController();
      const cleanup = new AbortController();
      const interrupt = (): void => {
        if (drill.signal.aborted) {
          process.stderr.write('second interrupt: stopping the clean-up; what is left will be listed\n');
          cleanup.abort();
        } else {
          process.stderr.write('interrupted: cleaning up what the drill created (interrupt again to stop)\n');
          drill.abort();
        }
      };
      process.on('SIGINT', interrupt);
      process.on('SIGTERM', interrupt);
      try {
        finish(
          await runRestoreDrill({
            config: opts.config,
            json: opts.json,
            aws: awsOptions(opts),
            database: opts.database,
            dryRun: opts.dryRun,
            timeoutMinutes: positiveInteger(opts.timeout ?? '120', '--timeout'),
            outDir: opts.out,
            signal: drill.signal,
            cleanupSignal: cleanup.signal,
            progress: (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
            ...(opts.assumeRole === undefined ? {} : { assumeRole: opts.assumeRole }),
            ...(opts.restoreRole === undefined ? {} : { restoreRole: opts.restoreRole }),
            ...(opts.runnerSecurityGroup === undefined
              ? {}
              : { runnerSecurityGroup: opts.runnerSecurityGroup }),
            ...(opts.waves === undefined ? {} : { waves: opts.waves }),
          }),
        );
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
      }
    },
  );

void program.parseAsync();
