import { landingZoneRegions } from '../config/regions';
import type { AccountRole, LandingZoneConfig } from '../config/schema';

/*
 * Where the landing zone deploys: every account and region its stacks go to, derived from the
 * configuration once. The bootstrap commands, the GitHub OIDC roles and the deployment check all
 * read it, so a stack placed anywhere else is caught before AWS sees it.
 */

/** The CDK bootstrap qualifier every account is bootstrapped with (the CDK's default). */
export const BOOTSTRAP_QUALIFIER = 'hnb659fds';

/**
 * The region of the backup account's DR vault, when the landing zone builds one: a DR region is
 * configured, has a vault, a backup account exists and some tier copies there. Undefined otherwise.
 */
export function drRegionVaultRegion(config: LandingZoneConfig): string | undefined {
  const dp = config.dataProtection;
  const region = config.organisation.drRegion;
  return region !== undefined &&
    dp?.vaults.drRegion !== undefined &&
    config.accounts.some((a) => a.role === 'backup') &&
    dp.tiers.some((t) => t.copyToDrRegion)
    ? region
    : undefined;
}

/**
 * Every region the landing zone deploys to in an account: the home region, and the DR vault's;
 * with a security baseline, every region the landing zone may use, in every account (each gets
 * AWS Config and its account defaults there).
 */
export function regionsOfAccount(config: LandingZoneConfig, accountName: string): string[] {
  const account = config.accounts.find((a) => a.name === accountName);
  const dr = drRegionVaultRegion(config);
  const regions = [
    config.organisation.homeRegion,
    ...(account?.role === 'backup' && dr !== undefined ? [dr] : []),
    ...(config.securityBaseline !== undefined && account !== undefined
      ? landingZoneRegions(config.organisation)
      : []),
  ];
  return [...new Set(regions)];
}

export interface DeploymentEnvironment {
  readonly accountName: string;
  readonly account: string;
  /** The account's role: what its execution policy allows depends on it (lib/delivery/deployment-permissions.ts). */
  readonly accountRole: AccountRole;
  readonly regions: readonly string[];
}

/** Every account of the configuration with the regions the landing zone uses in it. */
export function deploymentEnvironments(config: LandingZoneConfig): DeploymentEnvironment[] {
  return config.accounts.map((a) => ({
    accountName: a.name,
    account: a.id,
    accountRole: a.role,
    regions: regionsOfAccount(config, a.name),
  }));
}
