/** Deterministic vault names and ARNs, so copy rules can target vaults in other accounts without lookups. */
export function workloadVaultName(prefix: string, accountName: string): string {
  return `${prefix}-${accountName}`;
}

export function centralVaultName(prefix: string): string {
  return `${prefix}-central`;
}

export function drVaultName(prefix: string): string {
  return `${prefix}-dr`;
}

export function backupVaultArn(
  partition: string,
  region: string,
  account: string,
  vaultName: string,
): string {
  return `arn:${partition}:backup:${region}:${account}:backup-vault:${vaultName}`;
}
