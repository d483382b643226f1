import { DefaultStackSynthesizer, PermissionsBoundary, Stack, type StackProps } from 'aws-cdk-lib';
import { PERMISSIONS_BOUNDARY_NAME } from '../lib/delivery/deployment-permissions';
import type { Construct } from 'constructs';
import { TEMPLATE_READER_LOOKUP_ROLE_ARN } from '../lib/delivery/pull-request-diff';

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
    // The bootstrap roles, except that reading a deployed template (cdk diff) goes through the
    // account's template reader, which reads only these stacks (stacks/github-oidc-stack.ts), rather
    // than the bootstrap lookup role and its ReadOnlyAccess. Only the cloud assembly's manifest
    // changes: the templates are the same.
    // Every role and user the stack creates carries the account's boundary: the scoped execution
    // policy CloudFormation deploys with creates no role without it (lib/delivery/deployment-permissions.ts).
    super(scope, id, {
      ...props,
      permissionsBoundary: PermissionsBoundary.fromName(PERMISSIONS_BOUNDARY_NAME),
      synthesizer:
        props.synthesizer ?? new DefaultStackSynthesizer({ lookupRoleArn: TEMPLATE_READER_LOOKUP_ROLE_ARN }),
    });
    this.zones = props.availabilityZones;
  }

  override get availabilityZones(): string[] {
    return [...this.zones];
  }
}
