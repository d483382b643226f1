import type { App } from 'aws-cdk-lib';
import type { LandingZoneConfig } from '../lib/config/schema';
import { pascal } from '../lib/names';
import { GithubOidcStack } from './github-oidc-stack';

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
  return config.accounts.map(
    (account) =>
      new GithubOidcStack(app, `${pascal(prefix)}GithubOidc${pascal(account.name)}`, {
        env: { account: account.id, region: config.organisation.homeRegion },
        stackName: `${prefix}-github-oidc`,
        description: `${config.organisation.name}: GitHub Actions OIDC roles for the ${account.name} account`,
        repository: delivery.repository,
        environment: account.name,
        ...(account.name === delivery.account ? { diffAccounts: config.accounts.map((a) => a.id) } : {}),
      }),
  );
}
