/**
 * The AWS partition of a region, as a literal. Stack.partition is a token unless a feature flag is
 * set, and ARNs built for other accounts must be plain strings (SSM parameter imports reject
 * tokens; the DR check reads copy destinations from the template text).
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) {
    return 'aws-cn';
  }
  if (region.startsWith('us-gov-')) {
    return 'aws-us-gov';
  }
  return 'aws';
}
