import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/*
 * The rule-pack findings CDK Pipelines' own constructs raise that are accepted rather than fixed,
 * each acknowledged on the construct that causes it with the reason an auditor reads in the
 * validation report. Everything that could be fixed (key rotation, grants, versioning, lifecycle,
 * event notifications, logging of every build) is fixed in the pipeline stack instead.
 */

/** A policy element as cdk-nag names it in a finding: `<LogicalId.Attr>` for GetAtt, `<LogicalId>` for Ref. */
function nagText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(String).join('.')}>`;
    const ref = record['Ref'];
    if (typeof ref === 'string') return `<${ref}>`;
    const join = record['Fn::Join'];
    if (Array.isArray(join) && Array.isArray(join[1])) {
      return join[1].map(nagText).join(typeof join[0] === 'string' ? join[0] : '');
    }
  }
  return JSON.stringify(value);
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** The granular AwsSolutions-IAM5 finding ids of a policy document: one per wildcard action or resource. */
export function wildcardFindingIds(document: unknown): string[] {
  const statements = asList((document as { Statement?: unknown } | undefined)?.Statement);
  const ids = new Set<string>();
  for (const statement of statements) {
    const s = statement as { Action?: unknown; Resource?: unknown };
    for (const action of asList(s.Action).map(nagText)) {
      if (action.includes('*')) ids.add(`AwsSolutions::AwsSolutions-IAM5[Action::${action}]`);
    }
    for (const resource of asList(s.Resource).map(nagText)) {
      if (resource.includes('*')) ids.add(`AwsSolutions::AwsSolutions-IAM5[Resource::${resource}]`);
    }
  }
  return [...ids].sort();
}

const WILDCARD_REASON =
  'CDK Pipelines generates this policy for its own role. Its wildcards are object keys in the pipeline artifact ' +
  'buckets, the action families the encrypted artifact store needs (s3:GetObject*, kms:GenerateDataKey*), ' +
  "CodeBuild's own log streams and report groups, and assuming only the CDK bootstrap roles (selected by their " +
  'aws-cdk:bootstrap-role tag); nothing outside the pipeline is reachable through them.';

/**
 * Acknowledges the findings on the policies CDK Pipelines writes for its roles: each wildcard
 * finding by its own id (cdk-nag 3 has no bulk acknowledgement), and the inline-policy rule.
 */
export function acknowledgeGeneratedPolicies(scope: IConstruct): void {
  for (const policy of scope.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
    const document: unknown = Stack.of(policy).resolve(policy.policyDocument);
    for (const id of wildcardFindingIds(document)) {
      Validations.of(policy).acknowledge({ id, reason: WILDCARD_REASON });
    }
    Validations.of(policy).acknowledge({
      id: 'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy',
      reason:
        'CDK Pipelines attaches its generated policies inline to the roles it creates for itself; they are reviewed ' +
        'with this stack and change only when the pipeline definition changes.',
    });
  }
}

/** An artifact store: build outputs the pipeline can reproduce from the source commit. */
export function acknowledgeArtifactBucket(bucket: IConstruct): void {
  const target = bucket instanceof s3.Bucket ? (bucket.node.defaultChild ?? bucket) : bucket;
  const reasons: Record<string, string> = {
    'AwsSolutions::AwsSolutions-S1':
      'Pipeline artifact store written and read only by the pipeline roles; every deployment it feeds is recorded ' +
      'by CloudFormation and the pipeline execution history. A separate access-log bucket would need its own logging.',
    'NIST.800.53.R5::NIST.800.53.R5-S3BucketLoggingEnabled':
      'Same as AwsSolutions-S1: an artifact store used only by the pipeline roles, whose actions are in the pipeline history.',
    'cdk-validator-cfnguard::s3_bucket_logging_enabled_check':
      'Same as AwsSolutions-S1: an artifact store used only by the pipeline roles, whose actions are in the pipeline history.',
    'NIST.800.53.R5::NIST.800.53.R5-S3BucketReplicationEnabled':
      'Artifacts are rebuilt from the source commit by the next pipeline run; replicating them adds cost and no recovery value.',
    'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check':
      'The pipeline replaces artifacts on every run and the lifecycle rule removes old versions; Object Lock would stop that clean-up. The deployed templates are kept by CloudFormation and in Git.',
  };
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(target).acknowledge({ id, reason });
  }
}
