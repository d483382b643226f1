import { App, type AppProps } from 'aws-cdk-lib';
import { registerComplianceChecks } from '../lib/compliance/register-checks';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { buildLandingZone, type LandingZoneStacks } from './landing-zone';

/** The whole CDK app for a validated configuration, with every compliance check registered. */
export function createLandingZoneApp(
  config: LandingZoneConfig,
  props: AppProps = {},
  plan?: MigrationPlan,
): { app: App; stacks: LandingZoneStacks } {
  const app = new App(props);
  const stacks = buildLandingZone(app, config, plan);
  registerComplianceChecks(app, config.organisation, config.network);
  return { app, stacks };
}
