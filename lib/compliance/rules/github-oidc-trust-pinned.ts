import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';

const GITHUB = 'token.actions.githubusercontent.com';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/**
 * A role that GitHub Actions can assume through OIDC names exactly which workflow runs may do it:
 * the audience is STS and the subject is one literal value (an environment of one repository, or its
 * pull requests), compared with StringEquals. A wildcard or a pattern operator on the subject lets
 * any branch, fork workflow or repository of the organisation assume the role.
 */
export function githubOidcTrustPinned(node: CfnResource): NagRuleResult {
  if (!(node instanceof iam.CfnRole)) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const document = record(Stack.of(node).resolve(node.assumeRolePolicyDocument));
  const statements = [document['Statement']].flat().map(record);
  const github = statements.filter((s) => JSON.stringify(s['Condition'] ?? {}).includes(`${GITHUB}:`));
  if (github.length === 0) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const pinned = github.every((statement) => {
    const condition = record(statement['Condition']);
    const equals = record(condition['StringEquals']);
    const onSubject = Object.entries(condition).filter(
      ([operator, keys]) =>
        Object.keys(record(keys)).includes(`${GITHUB}:sub`) && operator !== 'StringEquals',
    );
    const subject = equals[`${GITHUB}:sub`];
    return (
      statement['Effect'] === 'Allow' &&
      equals[`${GITHUB}:aud`] === 'sts.amazonaws.com' &&
      typeof subject === 'string' &&
      !/[*?]/.test(subject) &&
      onSubject.length === 0
    );
  });
  return pinned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
