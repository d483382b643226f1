import type { PolicyDocument } from '../policy-evaluator';

/** One service control policy: a stable name (also its construct id), what it is for, and its document. */
export interface ServiceControlPolicy {
  /** Kebab-case, e.g. residency; the policy is named `<prefix>-<name>` in AWS Organizations. */
  readonly name: string;
  readonly description: string;
  readonly document: PolicyDocument;
}

/** AWS Organizations' limit on the size of one service control policy, in characters. */
export const SCP_MAX_CHARACTERS = 5120;

/** At most five SCPs may be attached to one OU, and AWS's FullAWSAccess is one of them. */
export const SCP_MAX_PER_TARGET = 5;

/** The document as Organizations stores it from CloudFormation: minified JSON. */
export function policyText(document: PolicyDocument): string {
  return JSON.stringify(document);
}
