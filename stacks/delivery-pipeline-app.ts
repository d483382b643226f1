import { App, Aspects, Tags, type AppProps } from 'aws-cdk-lib';
import { breakGlassRoleName } from '../lib/config/schema-security-baseline';
import { KeyAdministration } from '../lib/kms/council-key';
import { bootstrapRoleArnPattern } from '../lib/delivery/bootstrap-roles';
import { LOG_RETENTION_DAYS } from '../lib/config/schema-primitives';
import { toRetentionDays } from '../lib/network/log-retention';
import { registerComplianceChecks } from '../lib/compliance/register-checks';
import { DEFAULT_MINIMUM_LOG_RETENTION_DAYS, type LandingZoneConfig } from '../lib/config/schema';
import type { DeploymentStage } from '../lib/delivery/stages';
import { landingZoneTags, pascal } from '../lib/names';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { DeliveryPipelineStack } from './delivery-pipeline-stack';
import { deploymentStagesOf } from './deployment-stages';
import { LandingZoneStage } from './landing-zone-stage';

export interface DeliveryPipelineApp {
  readonly app: App;
  readonly pipeline: DeliveryPipelineStack;
  readonly stage: LandingZoneStage;
  readonly stages: DeploymentStage[];
  /** The validation plugins registered on the app. */
  readonly plugins: string[];
}

/**
 * The CodePipeline app: its own entry point (bin/pipeline.ts) and output directory, so the main
 * landing-zone synth, its baselines and its gate are unchanged by it. Every rule pack runs on it.
 */
export function createDeliveryPipelineApp(
  config: LandingZoneConfig,
  plan?: MigrationPlan,
  props: AppProps = {},
): DeliveryPipelineApp {
  return buildDeliveryPipeline(new App(props), config, plan);
}

/** The pipeline app in a given App (tests pass one with the cdk.json feature flags). */
export function buildDeliveryPipeline(
  app: App,
  config: LandingZoneConfig,
  plan?: MigrationPlan,
): DeliveryPipelineApp {
  const delivery = config.delivery;
  if (delivery?.connectionArn === undefined) {
    throw new Error(
      'the CodePipeline needs delivery.account and delivery.connectionArn in the configuration',
    );
  }
  const account = config.accounts.find((a) => a.name === delivery.account);
  if (!account) {
    throw new Error(`delivery.account "${delivery.account}" is not one of the accounts`);
  }
  const prefix = config.organisation.shortName;
  const stage = new LandingZoneStage(app, `${pascal(prefix)}LandingZone`, { config, plan });
  const stages = deploymentStagesOf(stage, stage.synth(), config);
  const tags = landingZoneTags(config.organisation);
  Aspects.of(app).add(
    new KeyAdministration({
      breakGlassRoleName: breakGlassRoleName(config.securityBaseline),
      executionRoleArnPattern: (account, partition) =>
        bootstrapRoleArnPattern('cfn-exec', account, partition),
    }),
  );
  const pipeline = new DeliveryPipelineStack(app, `${pascal(prefix)}DeliveryPipeline`, {
    env: { account: account.id, region: config.organisation.homeRegion },
    stackName: `${prefix}-delivery-pipeline`,
    description: `${config.organisation.name}: CodePipeline that deploys the landing zone stage by stage`,
    terminationProtection: true,
    repository: delivery.repository,
    branch: delivery.branch,
    connectionArn: delivery.connectionArn,
    prefix,
    logRetention: buildLogRetention(config),
    tags,
  });
  for (const [key, value] of Object.entries(tags)) {
    Tags.of(pipeline).add(key, value);
  }
  pipeline.deployInOrder(stage, stages);
  // The pipeline's stage builds the landing zone's VPCs, so the egress-inspection rules apply to them too.
  const plugins = registerComplianceChecks(app, config.organisation, config.network);
  return { app, pipeline, stage, stages, plugins };
}

/** The shortest retention CloudWatch Logs accepts that meets the council's minimum. */
function buildLogRetention(config: LandingZoneConfig): ReturnType<typeof toRetentionDays> {
  const minimum = config.organisation.minimumLogRetentionDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS;
  const days =
    LOG_RETENTION_DAYS.find((d) => d >= minimum) ?? LOG_RETENTION_DAYS[LOG_RETENTION_DAYS.length - 1];
  return toRetentionDays(days ?? minimum);
}
