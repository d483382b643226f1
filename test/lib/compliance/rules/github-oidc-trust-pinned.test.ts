import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagRuleCompliance } from 'cdk-nag';
import { githubOidcTrustPinned } from '../../../../lib/compliance/rules/github-oidc-trust-pinned';
import { testApp } from '../../../helpers/cdk-app';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = NagRuleCompliance;
const GITHUB = 'token.actions.githubusercontent.com';

function roleTrusting(conditions: Record<string, Record<string, unknown>>): iam.CfnRole {
  const stack = new Stack(testApp(), 'Test', { env: { account: '555555555555', region: 'eu-west-2' } });
  const role = new iam.Role(stack, 'Role', {
    assumedBy: new iam.WebIdentityPrincipal(`arn:aws:iam::555555555555:oidc-provider/${GITHUB}`, conditions),
  });
  return role.node.defaultChild as iam.CfnRole;
}

describe('githubOidcTrustPinned', () => {
  it('passes a role trusting one environment of one repository, for STS', () => {
    const role = roleTrusting({
      StringEquals: {
        [`${GITHUB}:aud`]: 'sts.amazonaws.com',
        [`${GITHUB}:sub`]: 'repo:council/lz:environment:production',
      },
    });
    expect(githubOidcTrustPinned(role)).toBe(COMPLIANT);
  });

  it('fails a wildcard subject, a StringLike subject, or a missing audience', () => {
    expect(
      githubOidcTrustPinned(
        roleTrusting({
          StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: 'repo:council/lz:*' },
        }),
      ),
    ).toBe(NON_COMPLIANT);
    expect(
      githubOidcTrustPinned(
        roleTrusting({
          StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com' },
          StringLike: { [`${GITHUB}:sub`]: 'repo:council/*' },
        }),
      ),
    ).toBe(NON_COMPLIANT);
    expect(
      githubOidcTrustPinned(
        roleTrusting({ StringEquals: { [`${GITHUB}:sub`]: 'repo:council/lz:pull_request' } }),
      ),
    ).toBe(NON_COMPLIANT);
  });

  it('needs the pull-request diff environment pinned to one workflow at a branch, with StringEquals', () => {
    const diff = {
      [`${GITHUB}:aud`]: 'sts.amazonaws.com',
      [`${GITHUB}:sub`]: 'repo:council/lz:environment:pull-request-diff',
    };
    const atMain = 'council/lz/.github/workflows/live-diff.yml@refs/heads/main';
    expect(githubOidcTrustPinned(roleTrusting({ StringEquals: diff }))).toBe(NON_COMPLIANT);
    expect(
      githubOidcTrustPinned(
        roleTrusting({ StringEquals: { ...diff, [`${GITHUB}:job_workflow_ref`]: atMain } }),
      ),
    ).toBe(COMPLIANT);
    // A pull request's own ref, any workflow, or a pattern operator would let the pull request choose the job.
    for (const ref of [
      'council/lz/.github/workflows/live-diff.yml@refs/pull/12/merge',
      'council/lz/.github/workflows/*@refs/heads/main',
    ]) {
      expect(
        githubOidcTrustPinned(
          roleTrusting({ StringEquals: { ...diff, [`${GITHUB}:job_workflow_ref`]: ref } }),
        ),
      ).toBe(NON_COMPLIANT);
    }
    expect(
      githubOidcTrustPinned(
        roleTrusting({ StringEquals: diff, StringLike: { [`${GITHUB}:job_workflow_ref`]: atMain } }),
      ),
    ).toBe(NON_COMPLIANT);
  });

  it('ignores roles GitHub cannot assume', () => {
    const stack = new Stack(testApp(), 'Test');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(githubOidcTrustPinned(role.node.defaultChild as iam.CfnRole)).toBe(NOT_APPLICABLE);
  });
});
