import type { Construct } from 'constructs';
import { serviceControlPolicies } from '../lib/security-baseline/guardrails';
import { tagPolicy } from '../lib/security-baseline/guardrails/tag-policy';
import type { SecurityBaselineModel } from '../lib/security-baseline/model';
import { OrganisationPolicies } from '../lib/security-baseline/organisation-policies';
import { OrganisationServices } from '../lib/security-baseline/organisation-services';
import { OrganisationTrail } from '../lib/security-baseline/organisation-trail';
import { LandingZoneStack, type LandingZoneStackProps } from './landing-zone-stack';

export interface OrganisationManagementStackProps extends LandingZoneStackProps {
  readonly model: SecurityBaselineModel;
  /** The configured backup tiers: the tag policy's allowed backup-tier values. */
  readonly backupTiers: readonly string[];
}

/**
 * The management account's part, and the only stack deployed there (it holds no workloads):
 * the organisation trail, the service control and tag policies attached to the OUs, and the
 * trusted access and delegated administrators that let the security account run detection.
 */
export class OrganisationManagementStack extends LandingZoneStack {
  readonly trail: OrganisationTrail;
  readonly policies: OrganisationPolicies;

  constructor(scope: Construct, id: string, props: OrganisationManagementStackProps) {
    super(scope, id, props);
    const { model } = props;
    const services = new OrganisationServices(this, 'Services', {
      prefix: model.prefix,
      rootId: model.config.organisation.rootId,
      securityAccountId: model.security.id,
      regions: model.regions,
      logRetentionDays: model.logRetentionDays,
    });
    this.trail = new OrganisationTrail(this, 'OrganisationTrail', {
      trailName: model.trailName,
      bucketName: model.archiveBucketName,
      dataEventBuckets: [model.archiveBucketName, model.configBucketName],
      keyAliasArn: `arn:${this.partition}:kms:${model.homeRegion}:${model.logArchive.id}:${model.archiveKeyAlias}`,
    });
    this.trail.node.addDependency(services);
    this.policies = new OrganisationPolicies(this, 'Policies', {
      prefix: model.prefix,
      serviceControlPolicies: serviceControlPolicies(model),
      tagPolicy: tagPolicy(props.backupTiers),
      targetIds: model.config.organisation.organisationalUnits.map((ou) => ou.id),
    });
    this.policies.node.addDependency(services);
  }
}
