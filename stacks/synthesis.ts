import { App, type AppProps } from 'aws-cdk-lib';
import type { SynthChecks } from '../lib/assembly/synthesise';
import type { AppName } from '../lib/cli/context';
import { REPOSITORY_ROOT } from '../lib/assembly/provenance';
import { cdkJsonContext } from '../lib/cdk-json';
import { registerComplianceChecks } from '../lib/compliance/register-checks';
import type { LandingZoneConfig } from '../lib/config/schema';
import { writeDeploymentRecord } from '../lib/delivery/record';
import { StagePlanError } from '../lib/delivery/stages';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { buildDeliveryPipeline } from './delivery-pipeline-app';
import { deploymentStagesOf } from './deployment-stages';
import { createDeploymentPermissionsStacks, createGithubOidcStacks } from './github-oidc-app';
import { buildLandingZone, type LandingZoneStacks } from './landing-zone';
import { join } from 'node:path';

/*
 * The one way every app of the project is synthesised: `lz synth` (npm run synth), the gate's own
 * synth and the tests' shared synthesis all come through here, so they write the same assembly.
 */

/**
 * The context the CDK CLI gives an app it synthesises (cdk.json's flags, path and asset metadata,
 * version reporting, bundling), so an in-process synth writes byte for byte what `cdk synth` writes.
 * Validation findings never stop the synthesis: they are counted afterwards, as the CLI does.
 */
export function cliContext(): Record<string, unknown> {
  return {
    ...cdkJsonContext(join(REPOSITORY_ROOT, 'cdk.json')),
    'aws:cdk:enable-path-metadata': true,
    'aws:cdk:enable-asset-metadata': true,
    'aws:cdk:version-reporting': true,
    'aws:cdk:bundling-stacks': ['**'],
    '@aws-cdk/core:failSynthOnValidationErrors': false,
    'aws:cdk:disable-stack-trace': true,
  };
}

export interface SynthesiseOptions {
  readonly app: AppName;
  readonly config: LandingZoneConfig;
  readonly plan?: MigrationPlan;
  readonly outdir: string;
  /** Changes the landing zone before synthesis; the gate's tests use it to prove each check fails. */
  readonly modify?: (stacks: LandingZoneStacks) => void;
  /** Extra App props (tests). */
  readonly props?: AppProps;
  /** Told as each phase starts. */
  readonly progress?: (phase: string) => void;
}

/** Whether the built-in CloudFormation validation runs in this process (aws-cdk-lib reads CDK_VALIDATION). */
function builtinValidationOn(props: AppProps | undefined): boolean {
  return (props?.builtinCloudFormationValidation ?? true) && process.env['CDK_VALIDATION'] !== 'false';
}

/** Builds and synthesises one app with every check registered into `outdir`. */
export function synthesiseApp(options: SynthesiseOptions): SynthChecks {
  const app = new App({
    ...options.props,
    outdir: options.outdir,
    context: { ...cliContext(), ...options.props?.context },
  });
  const progress = options.progress ?? (() => undefined);
  progress('building the app');
  let plugins: string[];
  switch (options.app) {
    case 'landing-zone': {
      const stacks = buildLandingZone(app, options.config, options.plan);
      options.modify?.(stacks);
      plugins = registerComplianceChecks(app, options.config.organisation, options.config.network);
      progress('synthesising and running every check');
      const assembly = app.synth();
      progress('planning the deployment stages');
      let stages: ReturnType<typeof deploymentStagesOf> = [];
      let problems: string[] = [];
      try {
        stages = deploymentStagesOf(app, assembly, options.config);
      } catch (error) {
        if (!(error instanceof StagePlanError)) throw error;
        problems = [...error.problems];
      }
      writeDeploymentRecord(options.outdir, { stages, problems });
      break;
    }
    case 'delivery-pipeline':
      plugins = buildDeliveryPipeline(app, options.config, options.plan).plugins;
      progress('synthesising and running every check');
      app.synth();
      break;
    case 'github-oidc':
      createDeploymentPermissionsStacks(app, options.config);
      createGithubOidcStacks(app, options.config);
      plugins = registerComplianceChecks(app, options.config.organisation);
      progress('synthesising and running every check');
      app.synth();
      break;
  }
  return { plugins, builtinValidation: builtinValidationOn(options.props) };
}
