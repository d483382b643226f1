import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { landingZoneRegions } from '../config/regions';
import {
  DEFAULT_MINIMUM_LOG_RETENTION_DAYS,
  type NetworkConfig,
  type OrganisationConfig,
} from '../config/schema';
import { vpcNameTag } from '../names';
import { ControlTowerGuardValidator } from './control-tower-guard';
import { CouncilChecks, type CouncilChecksProps } from './council-pack';
import { DataProtectionChecks } from './data-protection-pack';

/**
 * Control Tower rules switched off, each because another rule covers the same requirement better.
 * CT.RDS.PR.14 (every log type exported) reports its findings without the resource, so a deliberate
 * exception (the MySQL general log, Oracle's OEM agent log) could never be acknowledged on its
 * database; NIST.800.53.R5-RDSLoggingEnabled checks the same exports per log type and per database.
 */
export const DISABLED_CONTROL_TOWER_RULES = ['ct-rds-pr-14'] as const;

/**
 * The rule packs every synth runs: cdk-nag AwsSolutions and NIST 800-53 rev 5, the council's own
 * pack, and the AWS Control Tower proactive controls (cfn-guard, offline). Findings fail the synth
 * unless acknowledged on their construct. The built-in CloudFormation validation runs as well
 * (unless CDK_VALIDATION=false), as errors through `@aws-cdk/core:validateAgainstDefaultRules`.
 * Returns the names of the plugins registered, which the assembly's provenance records. `network`
 * is given for apps that build the landing zone's VPCs, so the egress-inspection rules know which
 * VPCs the configuration protects.
 */
export function registerComplianceChecks(
  app: App,
  organisation: OrganisationConfig,
  network?: NetworkConfig,
): string[] {
  const plugins = [
    new AwsSolutionsChecks(app),
    new NIST80053R5Checks(app),
    new CouncilChecks(app, councilChecksProps(organisation, network)),
    new DataProtectionChecks(app),
    new ControlTowerGuardValidator({
      disabledRules: [...DISABLED_CONTROL_TOWER_RULES],
      // The guard binary's report for every control over every template is large: give it room.
      maxBuffer: 64 * 1024 * 1024,
    }),
  ];
  Validations.of(app).addPlugins(...plugins);
  return plugins.map((plugin) => plugin.name);
}

/**
 * What the council pack takes from configuration: the home region, the DR region where the
 * data-residency rule allows it, the minimum log retention, and the VPCs egress inspection covers.
 */
export function councilChecksProps(
  organisation: OrganisationConfig,
  network?: NetworkConfig,
): Pick<
  CouncilChecksProps,
  'allowedRegions' | 'minimumLogRetentionDays' | 'dnsFirewallVpcs' | 'networkFirewallVpcs'
> {
  const inspection = network?.egressInspection;
  const nameTag = (vpc: string): string => vpcNameTag(organisation.shortName, vpc);
  return {
    allowedRegions: landingZoneRegions(organisation),
    minimumLogRetentionDays: organisation.minimumLogRetentionDays ?? DEFAULT_MINIMUM_LOG_RETENTION_DAYS,
    dnsFirewallVpcs: (inspection?.dnsFirewall?.associations ?? []).map((a) => nameTag(a.vpc)),
    networkFirewallVpcs:
      network === undefined || inspection?.networkFirewall === undefined ? [] : [nameTag(network.egress.vpc)],
  };
}
