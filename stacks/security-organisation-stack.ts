import type { Construct } from 'constructs';
import { EncryptedLogGroup } from '../lib/logging/encrypted-log-group';
import { toRetentionDays } from '../lib/network/log-retention';
import type { SecurityBaselineModel } from '../lib/security-baseline/model';
import { OrganisationDetection } from '../lib/security-baseline/organisation-detection';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';
import type { SecurityToolingStack } from './security-tooling-stack';

export interface SecurityOrganisationStackProps extends LandingZoneStackProps {
  readonly model: SecurityBaselineModel;
  /** The same region's tooling stack, whose GuardDuty detector administers the organisation. */
  readonly tooling: SecurityToolingStack;
}

/**
 * Detection for every account, run from the security account once the management account has
 * made it the delegated administrator: GuardDuty's organisation configuration, the organisation
 * Access Analyzer and, in the home region, the Config aggregator and Security Hub central
 * configuration.
 */
export class SecurityOrganisationStack extends LandingZoneStack {
  constructor(scope: Construct, id: string, props: SecurityOrganisationStackProps) {
    super(scope, id, props);
    const { model } = props;
    const logs = new EncryptedLogGroup(this, 'Logs', {
      logGroupName: `/${model.prefix}/security-organisation`,
      retentionDays: toRetentionDays(model.logRetentionDays),
      purpose: 'organisation detection set-up calls',
    });
    const home = this.region === model.homeRegion;
    new OrganisationDetection(this, 'Detection', {
      prefix: model.prefix,
      detectorId: props.tooling.detectors.detector.ref,
      logGroup: logs.logGroup,
      ...(home
        ? {
            home: {
              linkedRegions: model.regions.filter((r) => r !== model.homeRegion),
              targets: [
                ...model.config.organisation.organisationalUnits.map((ou) => ({
                  name: ou.name,
                  id: ou.id,
                  type: 'ORGANIZATIONAL_UNIT' as const,
                })),
                { name: model.management.name, id: model.management.id, type: 'ACCOUNT' as const },
              ],
            },
          }
        : {}),
    });
  }
}
