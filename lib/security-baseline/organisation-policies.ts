import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { pascal } from '../names';
import type { ServiceControlPolicy } from './guardrails/service-control-policy';

export interface OrganisationPoliciesProps {
  readonly prefix: string;
  readonly serviceControlPolicies: readonly ServiceControlPolicy[];
  /** The tag policy content (AWS Organizations tag policy syntax). */
  readonly tagPolicy: Readonly<Record<string, unknown>>;
  /** OU ids every policy is attached to. */
  readonly targetIds: readonly string[];
}

/**
 * The service control policies and the tag policy, created in the management account and
 * attached to every OU that holds a landing-zone account. Construct IDs come from the policy
 * names, so adding a policy never renames another.
 */
export class OrganisationPolicies extends Construct {
  readonly policies: Readonly<Record<string, organizations.CfnPolicy>>;

  constructor(scope: Construct, id: string, props: OrganisationPoliciesProps) {
    super(scope, id);
    const policies: Record<string, organizations.CfnPolicy> = {};
    for (const scp of props.serviceControlPolicies) {
      policies[scp.name] = new organizations.CfnPolicy(this, `Scp${pascal(scp.name)}`, {
        name: `${props.prefix}-${scp.name}`,
        description: scp.description,
        type: 'SERVICE_CONTROL_POLICY',
        content: scp.document,
        targetIds: [...props.targetIds],
      });
    }
    policies['tags'] = new organizations.CfnPolicy(this, 'TagPolicy', {
      name: `${props.prefix}-tags`,
      description: 'Allowed values of the backup-tier and classification tags',
      type: 'TAG_POLICY',
      content: props.tagPolicy,
      targetIds: [...props.targetIds],
    });
    this.policies = policies;
  }
}
