import { Stack, type CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance, type NagRuleResult } from 'cdk-nag';
import { PULL_REQUEST_DIFF_ENVIRONMENT } from '../../delivery/pull-request-diff';

const GITHUB = 'token.actions.githubusercontent.com';

/** A workflow of a repository at a branch: owner/name/.github/workflows/<file>@refs/heads/<branch>. */
const WORKFLOW_AT_BRANCH = /^[\w.-]+\/[\w.-]+\/\.github\/workflows\/[\w.-]+\.ya?ml@refs\/heads\/[\w./-]+$/;

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/**
 * A role that GitHub Actions can assume through OIDC names exactly which workflow runs may do it:
 * the audience is STS and the subject is one literal value (an environment of one repository, or its
 * pull requests), compared with StringEquals. A wildcard or a pattern operator on the subject lets
 * any branch, fork workflow or repository of the organisation assume the role. A role trusted by
 * the pull-request diff environment, which pull requests reach, also pins the job to one workflow
 * at a branch (`job_workflow_ref`, StringEquals): otherwise a pull request could add its own job
 * to the environment and wait for a reviewer to approve what it does not show.
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
    const onWorkflowRef = Object.entries(condition).filter(
      ([operator, keys]) =>
        Object.keys(record(keys)).includes(`${GITHUB}:job_workflow_ref`) && operator !== 'StringEquals',
    );
    const workflowRef = equals[`${GITHUB}:job_workflow_ref`];
    const reachedByPullRequests =
      typeof subject === 'string' && subject.endsWith(`:environment:${PULL_REQUEST_DIFF_ENVIRONMENT}`);
    return (
      statement['Effect'] === 'Allow' &&
      equals[`${GITHUB}:aud`] === 'sts.amazonaws.com' &&
      typeof subject === 'string' &&
      !/[*?]/.test(subject) &&
      onSubject.length === 0 &&
      onWorkflowRef.length === 0 &&
      (workflowRef === undefined ||
        (typeof workflowRef === 'string' && WORKFLOW_AT_BRANCH.test(workflowRef))) &&
      (!reachedByPullRequests || workflowRef !== undefined)
    );
  });
  return pinned ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}
