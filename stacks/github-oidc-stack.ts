import { Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { BOOTSTRAP_QUALIFIER } from '../lib/delivery/environments';
import {
  DIFF_ROLE_NAME,
  GITHUB_DEPLOY_ROLE_NAME,
  liveDiffJobWorkflowRef,
  PULL_REQUEST_DIFF_ENVIRONMENT,
  TEMPLATE_READER_ROLE_NAME,
} from '../lib/delivery/pull-request-diff';

export { PULL_REQUEST_DIFF_ENVIRONMENT };

const GITHUB = 'token.actions.githubusercontent.com';

export interface GithubOidcStackProps extends StackProps {
  /** owner/name of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** The deployment branch: the live-diff job is trusted only as that branch's reusable workflow. */
  readonly branch: string;
  /** The GitHub environment (the account's name) whose deploy jobs may assume the deploy role. */
  readonly environment: string;
  /** The regions the landing zone deploys to in this account (each has its own bootstrap roles). */
  readonly regions: readonly string[];
  /** Prefix of the landing zone's stack names: the template reader reads only `<prefix>-*` stacks. */
  readonly stackNamePrefix: string;
  /** The delivery account, whose diff role may assume this account's template reader. */
  readonly deliveryAccount: string;
  /** The landing zone's accounts, when this account also holds the read-only diff role. @default - no diff role */
  readonly diffAccounts?: readonly string[];
}

/** The ARN of a CDK bootstrap role: cdk-<qualifier>-<kind>-role-<account>-<region>. */
function bootstrapRoleArn(partition: string, account: string, kind: string, region: string): string {
  return `arn:${partition}:iam::${account}:role/cdk-${BOOTSTRAP_QUALIFIER}-${kind}-role-${account}-${region}`;
}

/**
 * One-time setup of one account for GitHub Actions (bin/github-oidc.ts): the GitHub OIDC provider,
 * a deploy role only the repository's jobs in this account's GitHub environment can assume, allowed
 * nothing but assuming this account's CDK bootstrap roles, and a template reader that can only read
 * the landing zone's stacks, for the delivery account's diff role. The delivery account also gets
 * that diff role: trusted only for the live-diff job of the deployment branch's workflow, in the
 * reviewed environment, and allowed only to assume the template readers (`cdk diff --method template`).
 */
export class GithubOidcStack extends Stack {
  readonly deployRole: iam.Role;
  readonly templateReader: iam.Role;
  readonly diffRole?: iam.Role;

  constructor(scope: Construct, id: string, props: GithubOidcStackProps) {
    // Deleting this stack would delete the only way the pipeline reaches the account.
    super(scope, id, { ...props, terminationProtection: true });
    const provider = new iam.CfnOIDCProvider(this, 'GithubProvider', {
      url: `https://${GITHUB}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const trust = (
      subject: string,
      claims: Readonly<Record<string, string>> = {},
    ): iam.WebIdentityPrincipal =>
      new iam.WebIdentityPrincipal(provider.attrArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: subject, ...claims },
      });

    // Jobs that name an environment get the subject repo:<owner>/<name>:environment:<environment>,
    // so only deploy jobs of this account's environment (and its branch and approval rules) match.
    // Managed (not inline) policies, naming each bootstrap role by its region: no wildcard.
    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: GITHUB_DEPLOY_ROLE_NAME,
      description: `GitHub Actions deploys of ${props.repository} (environment ${props.environment})`,
      assumedBy: trust(`repo:${props.repository}:environment:${props.environment}`),
    });
    new iam.ManagedPolicy(this, 'AssumeCdkBootstrapRoles', {
      description: `Lets the GitHub deploy role use this account's CDK bootstrap roles in ${props.regions.join(', ')}`,
      roles: [this.deployRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole', 'sts:TagSession'],
          resources: ['deploy', 'file-publishing', 'image-publishing', 'lookup'].flatMap((kind) =>
            props.regions.map((region) => bootstrapRoleArn(this.partition, this.account, kind, region)),
          ),
        }),
      ],
    });

    // Reads this project's stacks and nothing else: the CDK lookup role holds ReadOnlyAccess, which
    // reads every bucket, table and log the account's policies allow. The landing zone's stacks name
    // this role as their lookup role (stacks/landing-zone-stack.ts), so `cdk diff` assumes it.
    const diffRoleArn = `arn:${this.partition}:iam::${props.deliveryAccount}:role/${DIFF_ROLE_NAME}`;
    this.templateReader = new iam.Role(this, 'TemplateReaderRole', {
      roleName: TEMPLATE_READER_ROLE_NAME,
      description: `Reads the deployed templates of the ${props.stackNamePrefix}-* stacks for pull-request diffs`,
      // By the account and the role's ARN, so this stack deploys before the diff role exists.
      assumedBy: new iam.AccountPrincipal(props.deliveryAccount).withConditions({
        ArnEquals: { 'aws:PrincipalArn': diffRoleArn },
      }),
    });
    const landingZoneStacks = props.regions.map(
      (region) =>
        `arn:${this.partition}:cloudformation:${region}:${this.account}:stack/${props.stackNamePrefix}-*/*`,
    );
    const readTemplates = new iam.ManagedPolicy(this, 'ReadLandingZoneTemplates', {
      description: `Lets the template reader read the ${props.stackNamePrefix}-* stacks and the bootstrap version, nothing else`,
      roles: [this.templateReader],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadTheLandingZoneStacks',
          actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
          resources: landingZoneStacks,
        }),
        new iam.PolicyStatement({
          // The CDK CLI checks the bootstrap version before it trusts a lookup role.
          sid: 'ReadTheBootstrapVersion',
          actions: ['ssm:GetParameter'],
          resources: props.regions.map(
            (region) =>
              `arn:${this.partition}:ssm:${region}:${this.account}:parameter/cdk-bootstrap/${BOOTSTRAP_QUALIFIER}/version`,
          ),
        }),
      ],
    });

    for (const stacks of landingZoneStacks) {
      Validations.of(readTemplates).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::${stacks}]`,
        reason:
          `Stack ARNs end in an id CloudFormation generates, and new stacks join the landing zone with every change; ` +
          `the pattern allows reading templates and stack descriptions of the ${props.stackNamePrefix}-* stacks of this account only.`,
      });
    }

    if (props.diffAccounts !== undefined) {
      // Not repo:<owner>/<name>:pull_request, which any pull request's job gets, including one that
      // rewrote the workflow: only jobs of the reviewed environment match, and only the job the
      // deployment branch's live-diff workflow defines (job_workflow_ref, a claim STS checks), so a
      // pull request cannot bring its own job into the environment.
      this.diffRole = new iam.Role(this, 'DiffRole', {
        roleName: DIFF_ROLE_NAME,
        description: `Read-only cdk diff for pull requests of ${props.repository} (environment ${PULL_REQUEST_DIFF_ENVIRONMENT})`,
        assumedBy: trust(`repo:${props.repository}:environment:${PULL_REQUEST_DIFF_ENVIRONMENT}`, {
          [`${GITHUB}:job_workflow_ref`]: liveDiffJobWorkflowRef(props.repository, props.branch),
        }),
      });
      new iam.ManagedPolicy(this, 'AssumeTemplateReaders', {
        description:
          'Lets the pull-request diff role read deployed templates through each account template reader',
        roles: [this.diffRole],
        statements: [
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            resources: props.diffAccounts.map(
              (account) => `arn:${this.partition}:iam::${account}:role/${TEMPLATE_READER_ROLE_NAME}`,
            ),
          }),
        ],
      });
    }
  }
}
