import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Who and what a VPC endpoint's traffic may involve: the organisation when there is one (the
 * security baseline's organisation id), otherwise the landing zone's own accounts.
 */
export type EndpointBoundary =
  { readonly organisationId: string } | { readonly accountIds: readonly string[] };

/**
 * The AWS-owned buckets that SSM Agent, Patch Manager and the Amazon Linux package repositories
 * read through the S3 gateway endpoint. They are outside the organisation, so the organisation
 * statement would refuse them; they are named, and read-only. Source: the AWS Systems Manager
 * user guide, "SSM Agent communications with AWS managed S3 buckets", and the Amazon Linux 2 and
 * 2023 repository documentation.
 */
export function patchingBuckets(region: string, partition = 'aws'): string[] {
  return [
    `aws-ssm-${region}`,
    `aws-windows-downloads-${region}`,
    `amazon-ssm-${region}`,
    `amazon-ssm-packages-${region}`,
    `${region}-birdwatcher-prod`,
    `aws-ssm-distributor-file-${region}`,
    `aws-ssm-document-attachments-${region}`,
    `patch-baseline-snapshot-${region}`,
    `amazonlinux-2-repos-${region}`,
    `al2023-repos-${region}-de612dc2`,
  ].map((bucket) => `arn:${partition}:s3:::${bucket}/*`);
}

function principalCondition(boundary: EndpointBoundary): Record<string, string | string[]> {
  return 'organisationId' in boundary
    ? { 'aws:PrincipalOrgID': boundary.organisationId }
    : { 'aws:PrincipalAccount': [...boundary.accountIds] };
}

function resourceCondition(boundary: EndpointBoundary): Record<string, string | string[]> {
  return 'organisationId' in boundary
    ? { 'aws:ResourceOrgID': boundary.organisationId }
    : { 'aws:ResourceAccount': [...boundary.accountIds] };
}

/**
 * The policy of a gateway endpoint (S3, DynamoDB): requests only by principals of the
 * organisation to resources of the organisation, so neither a stolen outside credential nor a
 * council role can move data to an outside bucket or table through the isolated subnets; plus, for
 * S3, reads of the AWS-owned buckets patching needs.
 */
export function gatewayEndpointStatements(
  service: 's3' | 'dynamodb',
  boundary: EndpointBoundary,
  region: string,
  partition = 'aws',
): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({
      sid: 'WithinOrganisation',
      principals: [new iam.AnyPrincipal()],
      actions: ['*'],
      resources: ['*'],
      conditions: { StringEquals: { ...principalCondition(boundary), ...resourceCondition(boundary) } },
    }),
  ];
  if (service === 's3') {
    statements.push(
      new iam.PolicyStatement({
        sid: 'AwsOwnedPatchingBuckets',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: patchingBuckets(region, partition),
        conditions: { StringEquals: principalCondition(boundary) },
      }),
    );
  }
  return statements;
}

/**
 * The policy of an interface endpoint (SSM, logs, KMS, Secrets Manager...): callers must be
 * principals of the organisation. Resources are not bounded: Systems Manager documents and public
 * parameters AWS owns are read through these endpoints, and the calls reach only this region's
 * service, whose resources the organisation's principals are already governed on.
 */
export function interfaceEndpointStatements(boundary: EndpointBoundary): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'OrganisationPrincipalsOnly',
      principals: [new iam.AnyPrincipal()],
      actions: ['*'],
      resources: ['*'],
      conditions: { StringEquals: principalCondition(boundary) },
    }),
  ];
}
