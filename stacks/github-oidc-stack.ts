import { Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { BOOTSTRAP_QUALIFIER } from '../lib/delivery/environments';

const GITHUB = 'token.actions.githubusercontent.com';

/**
 * The GitHub environment the pull-request live diff runs in. It has required reviewers (docs/delivery.md),
 * so a pull request that rewrites the workflow still gets no AWS credentials until a reviewer
 * approves the job; the diff role trusts this environment's subject only.
 */
export const PULL_REQUEST_DIFF_ENVIRONMENT = 'pull-request-diff';

export interface GithubOidcStackProps extends StackProps {
  /** owner/name of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** The GitHub environment (the account's name) whose deploy jobs may assume the deploy role. */
  readonly environment: string;
  /** The regions the landing zone deploys to in this account (each has its own bootstrap roles). */
  readonly regions: readonly string[];
  /** The landing zone's accounts and their regions, when this account also holds the read-only diff role. */
  readonly diffAccounts?: readonly { readonly account: string; readonly regions: readonly string[] }[];
}

/** The ARN of a CDK bootstrap role: cdk-<qualifier>-<kind>-role-<account>-<region>. */
function bootstrapRoleArn(partition: string, account: string, kind: string, region: string): string {
  return `arn:${partition}:iam::${account}:role/cdk-${BOOTSTRAP_QUALIFIER}-${kind}-role-${account}-${region}`;
}

/**
 * One-time setup of one account for GitHub Actions (bin/github-oidc.ts): the GitHub OIDC provider
 * and a deploy role only the repository's jobs in this account's GitHub environment can assume,
 * allowed nothing but assuming this account's CDK bootstrap roles. The delivery account also gets a
 * read-only role for pull requests, allowed only the CDK lookup roles (`cdk diff --method template`).
 */
export class GithubOidcStack extends Stack {
  readonly deployRole: iam.Role;
  readonly diffRole?: iam.Role;

  constructor(scope: Construct, id: string, props: GithubOidcStackProps) {
    // Deleting this stack would delete the only way the pipeline reaches the account.
    super(scope, id, { ...props, terminationProtection: true });
    const provider = new iam.CfnOIDCProvider(this, 'GithubProvider', {
      url: `https://${GITHUB}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const trust = (subject: string): iam.WebIdentityPrincipal =>
      new iam.WebIdentityPrincipal(provider.attrArn, {
        StringEquals: { [`${GITHUB}:aud`]: 'sts.amazonaws.com', [`${GITHUB}:sub`]: subject },
      });

    // Jobs that name an environment get the subject repo:<owner>/<name>:environment:<environment>,
    // so only deploy jobs of this account's environment (and its branch and approval rules) match.
    // Managed (not inline) policies, naming each bootstrap role by its region: no wildcard.
    this.deployRole = new iam.Role(this, 'DeployRole', {
      roleName: 'lz-github-deploy',
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

    if (props.diffAccounts !== undefined) {
      // Not repo:<owner>/<name>:pull_request, which any pull request's job gets, including one that
      // rewrote the workflow: only jobs of the reviewed environment match.
      this.diffRole = new iam.Role(this, 'DiffRole', {
        roleName: 'lz-github-pull-request-diff',
        description: `Read-only cdk diff for pull requests of ${props.repository} (environment ${PULL_REQUEST_DIFF_ENVIRONMENT})`,
        assumedBy: trust(`repo:${props.repository}:environment:${PULL_REQUEST_DIFF_ENVIRONMENT}`),
      });
      new iam.ManagedPolicy(this, 'AssumeCdkLookupRoles', {
        description: 'Lets the pull-request diff role read deployed templates through the CDK lookup roles',
        roles: [this.diffRole],
        statements: [
          new iam.PolicyStatement({
            actions: ['sts:AssumeRole'],
            resources: props.diffAccounts.flatMap(({ account, regions }) =>
              regions.map((region) => bootstrapRoleArn(this.partition, account, 'lookup', region)),
            ),
          }),
        ],
      });
    }
  }
}
