import { Tags, type App } from 'aws-cdk-lib';
import type { LandingZoneConfig } from '../lib/config/schema';
import { pascal } from '../lib/names';
import { GithubOidcStack } from './github-oidc-stack';
import { DeploymentPermissionsStack } from './deployment-permissions-stack';
import { BOOTSTRAP_QUALIFIER } from '../lib/delivery/environments';
import {
  DIFF_ROLE_NAME,
  GITHUB_DEPLOY_ROLE_NAME,
  TEMPLATE_READER_ROLE_NAME,
} from '../lib/delivery/pull-request-diff';
import { regionsOfAccount } from '../lib/delivery/environments';
import { landingZoneTags } from '../lib/names';

/**
 * One GithubOidcStack per account: its deploy role answers to the GitHub environment named after
 * the account; the delivery account's stack also holds the read-only diff role for pull requests.
 */
export function createGithubOidcStacks(app: App, config: LandingZoneConfig): GithubOidcStack[] {
  const delivery = config.delivery;
  if (delivery === undefined) {
    throw new Error(
      'the GitHub OIDC roles need delivery.repository and delivery.account in the configuration',
    );
  }
  const prefix = config.organisation.shortName;
  const diffAccounts = config.accounts.map((a) => a.id);
  const deliveryAccount = config.accounts.find((a) => a.name === delivery.account);
  if (deliveryAccount === undefined) {
    throw new Error(`unknown delivery account ${delivery.account} (validate the configuration first)`);
  }
  const stacks = config.accounts.map(
    (account) =>
      new GithubOidcStack(app, `${pascal(prefix)}GithubOidc${pascal(account.name)}`, {
        env: { account: account.id, region: config.organisation.homeRegion },
        stackName: `${prefix}-github-oidc`,
        description: `${config.organisation.name}: GitHub Actions OIDC roles for the ${account.name} account`,
        repository: delivery.repository,
        branch: delivery.branch,
        environment: account.name,
        regions: regionsOfAccount(config, account.name),
        stackNamePrefix: prefix,
        deliveryAccount: deliveryAccount.id,
        ...(account.name === delivery.account ? { diffAccounts } : {}),
      }),
  );
  // The tags every landing-zone resource carries (Council-RequiredTags).
  for (const [key, value] of Object.entries(landingZoneTags(config.organisation))) {
    Tags.of(app).add(key, value);
  }
  return stacks;
}

/**
 * One DeploymentPermissionsStack per account: the execution policy and permissions boundary the
 * bootstrap names (docs/delivery.md, step 2). Part of the one-time setup app because, like the OIDC
 * roles, it is deployed by each account's administrator, before anything deploys through the
 * bootstrap roles.
 */
export function createDeploymentPermissionsStacks(
  app: App,
  config: LandingZoneConfig,
): DeploymentPermissionsStack[] {
  const prefix = config.organisation.shortName;
  const protectedRoleNames = [
    `cdk-${BOOTSTRAP_QUALIFIER}-*`,
    GITHUB_DEPLOY_ROLE_NAME,
    DIFF_ROLE_NAME,
    TEMPLATE_READER_ROLE_NAME,
  ];
  return config.accounts.map(
    (account) =>
      new DeploymentPermissionsStack(app, `${pascal(prefix)}DeploymentPermissions${pascal(account.name)}`, {
        env: { account: account.id, region: config.organisation.homeRegion },
        stackName: `${prefix}-deployment-permissions`,
        description: `${config.organisation.name}: CloudFormation execution policy and permissions boundary of the ${account.name} account`,
        accountRole: account.role,
        protectedRoleNames,
      }),
  );
}
