import type { Construct } from 'constructs';
import type { SecurityBaselineModel } from '../lib/security-baseline/model';
import { RegionalDetectors } from '../lib/security-baseline/regional-detectors';
import { SecurityAlarmBus } from '../lib/security-baseline/security-alarm-bus';
import { securityAlarms } from '../lib/security-baseline/security-alarms';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';

export interface SecurityToolingStackProps extends LandingZoneStackProps {
  readonly model: SecurityBaselineModel;
}

/**
 * The security (audit) account in one region: GuardDuty and Security Hub switched on, and in the
 * home region the alarm bus, its rules and the rota's topic. Deployed before the management
 * account makes this account their delegated administrator.
 */
export class SecurityToolingStack extends LandingZoneStack {
  readonly detectors: RegionalDetectors;
  readonly alarms?: SecurityAlarmBus;

  constructor(scope: Construct, id: string, props: SecurityToolingStackProps) {
    super(scope, id, props);
    const { model } = props;
    this.detectors = new RegionalDetectors(this, 'Detectors');
    if (this.region !== model.homeRegion) {
      return;
    }
    this.alarms = new SecurityAlarmBus(this, 'Alarms', {
      prefix: model.prefix,
      busName: model.alarmBusName,
      organisationId: model.organisationId,
      alarms: securityAlarms(model.breakGlassRoleName),
      ruleNamePrefix: model.ruleNamePrefix,
      runbookUrl: model.runbookUrl,
      emails: model.config.alarms.emails,
    });
  }
}
