/**
 * Actions the residency guardrail never denies by region. Global services have one endpoint,
 * physically in us-east-1, so their requests carry aws:RequestedRegion = us-east-1 wherever the
 * caller is; denying them by region would break IAM, Organizations and sign-in in every account.
 *
 * Source: the NotAction list of "Deny access to AWS based on the requested AWS Region", AWS
 * Organizations User Guide, Service control policy examples (general examples), as published in
 * 2026. AWS says the example may lag new global services; add one here only with its documentation.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'a4b:*',
  'acm:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chime:*',
  'cloudfront:*',
  'config:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'importexport:*',
  'kms:*',
  'mobileanalytics:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  's3:GetAccountPublic*',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];
