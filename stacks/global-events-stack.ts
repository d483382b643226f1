import { BootstraplessSynthesizer, CfnResource, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { AccountConfig } from '../lib/config/schema';
import { BOOTSTRAP_QUALIFIER } from '../lib/delivery/bootstrap-roles';
import type { SecurityBaselineModel } from '../lib/security-baseline/model';
import { arrivesIn, securityAlarms } from '../lib/security-baseline/security-alarms';
import { SecurityEventForwarders } from '../lib/security-baseline/security-event-forwarders';
import { alarmBusArn } from './account-baseline-stack';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';

export interface GlobalEventsStackProps extends Omit<LandingZoneStackProps, 'synthesizer'> {
  readonly model: SecurityBaselineModel;
  readonly account: AccountConfig;
}

/**
 * Forwarding rules in us-east-1, where IAM, sign-in and the global STS endpoint deliver their
 * events, to the alarm bus in the home region. Only EventBridge rules: nothing is stored here.
 * The stack deploys with the home region's bootstrap roles (IAM roles are global), so us-east-1
 * is never bootstrapped and holds no staging bucket.
 */
export class GlobalEventsStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: GlobalEventsStackProps) {
    const { model, account } = props;
    const role = (kind: string) =>
      `arn:aws:iam::${account.id}:role/cdk-${BOOTSTRAP_QUALIFIER}-${kind}-role-${account.id}-${model.homeRegion}`;
    super(scope, id, {
      ...props,
      // No CDK metadata resource either: nothing but the rules is deployed in this region.
      analyticsReporting: false,
      synthesizer: new BootstraplessSynthesizer({
        deployRoleArn: role('deploy'),
        cloudFormationExecutionRoleArn: role('cfn-exec'),
      }),
    });
    new SecurityEventForwarders(this, 'Forwarders', {
      alarms: securityAlarms(model.breakGlassRoleName).filter((a) => arrivesIn(a, 'global')),
      alarmBusArn: alarmBusArn(model, this.partition),
      role: iam.Role.fromRoleName(this, 'ForwarderRole', model.forwarderRoleName, { mutable: false }),
      ruleNamePrefix: model.ruleNamePrefix,
    });
    for (const resource of this.node.findAll().filter((c) => c instanceof CfnResource)) {
      Validations.of(resource).acknowledge({
        id: `Council::Council-ResourceInAllowedRegion[Region::${this.region}]`,
        reason:
          'An EventBridge rule that forwards IAM, sign-in and global STS events, which AWS delivers only in ' +
          'us-east-1, to the alarm bus in the home region. It stores nothing; the residency SCP lets the deployment ' +
          'roles create only CloudFormation stacks and EventBridge rules here.',
      });
    }
  }
}
