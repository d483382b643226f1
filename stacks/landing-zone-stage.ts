import { Stage, type StageProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandingZoneConfig } from '../lib/config/schema';
import type { MigrationPlan } from '../lib/waves/migration-plan';
import { buildLandingZone, type LandingZoneStacks } from './landing-zone';

export interface LandingZoneStageProps extends StageProps {
  readonly config: LandingZoneConfig;
  readonly plan?: MigrationPlan;
}

/**
 * The whole landing zone as one CDK Pipelines stage. Stack names are set explicitly from
 * configuration, so the pipeline deploys the very CloudFormation stacks GitHub Actions deploys.
 */
export class LandingZoneStage extends Stage {
  readonly stacks: LandingZoneStacks;

  constructor(scope: Construct, id: string, props: LandingZoneStageProps) {
    super(scope, id, props);
    this.stacks = buildLandingZone(this, props.config, props.plan);
  }
}
