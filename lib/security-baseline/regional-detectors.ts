import { Validations } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

/** The GuardDuty protections the council's workloads need: S3, EBS malware scans, RDS logins. */
export const GUARDDUTY_FEATURES = ['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS'] as const;

/**
 * GuardDuty and Security Hub switched on in the security account, in one region, before the
 * management account makes it their delegated administrator there (so designation finds them
 * enabled rather than creating them outside CloudFormation). Standards are chosen centrally by
 * the organisation configuration policy, not here.
 */
export class RegionalDetectors extends Construct {
  readonly detector: guardduty.CfnDetector;
  readonly hub: securityhub.CfnHub;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.detector = new guardduty.CfnDetector(this, 'GuardDuty', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: GUARDDUTY_FEATURES.map((name) => ({ name, status: 'ENABLED' })),
    });
    Validations.of(this.detector).acknowledge({
      id: 'cdk-validator-cfnguard::guardduty_s3_protection_enabled_check',
      reason:
        'S3 protection is on, through the Features property (S3_DATA_EVENTS), which replaced DataSources; the control ' +
        'reads only the deprecated DataSources property, and GuardDuty rejects a request that sets both.',
    });
    this.hub = new securityhub.CfnHub(this, 'SecurityHub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
  }
}
