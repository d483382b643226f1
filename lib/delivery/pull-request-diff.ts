/*
 * The pull-request live diff (docs/delivery.md, step 5): which GitHub job may get credentials, the
 * roles it uses, and the workflow it runs. The OIDC stacks, the landing zone's stacks (whose
 * manifest names the reader as their lookup role), the Council-GithubOidcTrustPinned rule and the
 * workflow tests all read these names from here.
 */

/**
 * The GitHub environment the live diff runs in. It has required reviewers, so a pull request gets
 * no AWS credentials until a reviewer approves the job.
 */
export const PULL_REQUEST_DIFF_ENVIRONMENT = 'pull-request-diff';

/**
 * The reusable workflow that runs the live diff. The pull-request workflow calls it at the
 * deployment branch, so the job that holds credentials is always the branch's reviewed version,
 * whatever the pull request changes; the diff role trusts its job_workflow_ref only.
 */
export const LIVE_DIFF_WORKFLOW = 'live-diff.yml';

/** The role in every account that GitHub deploy jobs of the account's environment assume. */
export const GITHUB_DEPLOY_ROLE_NAME = 'lz-github-deploy';

/** The diff role in the delivery account, which the live-diff job assumes. */
export const DIFF_ROLE_NAME = 'lz-github-pull-request-diff';

/**
 * The role in every account that can only read this project's CloudFormation stacks: the diff
 * role reaches the accounts through it instead of the CDK lookup roles, which hold ReadOnlyAccess.
 */
export const TEMPLATE_READER_ROLE_NAME = 'lz-cloudformation-template-reader';

/**
 * The OIDC `job_workflow_ref` of the live-diff job: `<owner>/<repo>/.github/workflows/<file>@<ref>`
 * of the workflow that defines the job (for a called workflow, the called one, at the ref it was
 * called with).
 */
export function liveDiffJobWorkflowRef(repository: string, branch: string): string {
  return `${repository}/.github/workflows/${LIVE_DIFF_WORKFLOW}@refs/heads/${branch}`;
}

/**
 * The lookup role the landing zone's stacks name in the cloud assembly: the CDK CLI assumes it to
 * read a deployed template (`cdk diff --method template`). Placeholders as the CDK synthesizer
 * writes them; the CLI fills in each stack's account.
 */
export const TEMPLATE_READER_LOOKUP_ROLE_ARN = `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${TEMPLATE_READER_ROLE_NAME}`;
