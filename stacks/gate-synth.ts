import type { LandingZoneConfig } from '../lib/config/schema';
import { cdkJsonContext } from '../lib/cdk-json';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { createLandingZoneApp } from './landing-zone-app';
import type { LandingZoneStacks } from './landing-zone';

export interface GateSynthOptions {
  readonly config: LandingZoneConfig;
  readonly plan?: MigrationPlan;
  readonly outdir: string;
  /** Changes the app before synthesis; the gate's own tests use it to prove each check fails. */
  readonly modify?: (stacks: LandingZoneStacks) => void;
}

/**
 * Synthesises the app in-process with every check registered, but lets validation failures be
 * written to the report instead of stopping synthesis (as the CDK CLI does), so the gate can show
 * every finding together with cfn-lint, the change guard and the DR check.
 */
export function synthForGate(options: GateSynthOptions): string {
  const { app, stacks } = createLandingZoneApp(
    options.config,
    {
      outdir: options.outdir,
      context: { ...cdkJsonContext(), '@aws-cdk/core:failSynthOnValidationErrors': false },
    },
    options.plan,
  );
  options.modify?.(stacks);
  app.synth();
  return options.outdir;
}
