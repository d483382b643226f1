import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface LandingZoneStackProps extends StackProps {
  /** The zones from configuration, so nothing in the stack ever looks them up in AWS. */
  readonly availabilityZones: readonly string[];
}

/**
 * Base of every stack: answers availability-zone questions from configuration, which keeps synth
 * offline and deterministic even though every stack has an explicit account and region.
 */
export class LandingZoneStack extends Stack {
  private readonly zones: readonly string[];

  constructor(scope: Construct, id: string, props: LandingZoneStackProps) {
    super(scope, id, props);
    this.zones = props.availabilityZones;
  }

  override get availabilityZones(): string[] {
    return [...this.zones];
  }
}
