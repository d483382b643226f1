import type { AssemblyStack as StackTemplate } from '../assembly/read';
import type { CfnResourceJson as TemplateResource } from '../assembly/template';
import { keyProtection } from '../kms/key-protection';

/** What the templates say about one database, its vault and its backup rules. */
export interface DatabaseFacts {
  readonly stackId: string;
  readonly logicalId: string;
  readonly account: string;
  readonly region: string;
  readonly identifier: string;
  readonly engine: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly allocatedStorageGiB: number;
}

export type LockMode = 'compliance' | 'governance' | 'none' | 'unknown';

export interface VaultFacts {
  readonly account: string;
  readonly region: string;
  readonly name: string;
  readonly lock: LockMode;
  readonly airGapped: boolean;
  /**
   * Whether the key that encrypts the vault cannot be destroyed from the account: an AWS-owned key
   * (logically air-gapped vaults) or a key in the same template whose policy denies
   * ScheduleKeyDeletion, DisableKey and PutKeyPolicy to all but break-glass and waits 30 days
   * (lib/kms/key-protection.ts). A locked vault whose key can be deleted is not out of reach: its
   * recovery points become unreadable when the key goes.
   */
  readonly keyProtected: boolean;
  /** The lock's minimum retention: AWS Backup refuses a job that would keep a recovery point less. */
  readonly minRetentionDays?: number;
}

export interface CopyFacts {
  readonly account: string;
  readonly region: string;
  readonly vaultName: string;
  readonly retentionDays?: number;
}

export interface RuleFacts {
  readonly planName: string;
  readonly ruleName: string;
  readonly schedule: string;
  readonly timezone: string;
  readonly startWindowMinutes: number;
  readonly completionWindowMinutes: number;
  readonly continuous: boolean;
  readonly retentionDays?: number;
  readonly vault?: VaultFacts;
  readonly copies: readonly CopyFacts[];
}

export interface SelectionFacts {
  readonly stackId: string;
  /** AWS Backup selections apply to the whole account and region, not to one stack. */
  readonly account: string;
  readonly region: string;
  readonly selectionName: string;
  readonly planLogicalId: string;
  /** Any one of these tags selects a resource (ListOfTags). */
  readonly anyOfTags: readonly { readonly key: string; readonly value: string }[];
  /** All of these must hold as well (Conditions.StringEquals). */
  readonly allOfTags: readonly { readonly key: string; readonly value: string }[];
  /** Explicit resources: '*' selects everything of a supported type; otherwise logical IDs or ARNs. */
  readonly resources: readonly string[];
}

export interface AssemblyFacts {
  readonly databases: readonly DatabaseFacts[];
  /** Rules that protect a database: plans of its account and region whose selections pick it. */
  rulesFor(db: DatabaseFacts): { readonly selection: string; readonly rules: readonly RuleFacts[] }[];
  vault(account: string, region: string, name: string): VaultFacts | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The logical ID behind a Ref or Fn::GetAtt, if that is what the value is. */
export function referencedLogicalId(value: unknown): string | undefined {
  const r = record(value);
  const ref = str(r['Ref']);
  if (ref !== undefined) {
    return ref;
  }
  const getAtt = r['Fn::GetAtt'];
  if (Array.isArray(getAtt)) {
    return str(getAtt[0]);
  }
  if (typeof getAtt === 'string') {
    return getAtt.split('.')[0];
  }
  return undefined;
}

function tagsOf(resource: TemplateResource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of list(resource.Properties?.['Tags'])) {
    const t = record(tag);
    const key = str(t['Key']);
    const value = str(t['Value']);
    if (key !== undefined && value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}

const ARN = /^arn:[^:]+:backup:([^:]+):(\d{12}):backup-vault:(.+)$/;

/** Whether the vault's EncryptionKeyArn names a key of the same template that is protected. */
function vaultKeyProtected(p: Record<string, unknown>, stack: StackTemplate): boolean {
  const id = referencedLogicalId(p['EncryptionKeyArn']);
  const key = id === undefined ? undefined : stack.template.Resources?.[id];
  if (key?.Type !== 'AWS::KMS::Key') {
    return false;
  }
  return keyProtection(key.Properties?.['KeyPolicy'], key.Properties?.['PendingWindowInDays']).protected;
}

function vaultOf(resource: TemplateResource, stack: StackTemplate): VaultFacts | undefined {
  const p = resource.Properties ?? {};
  const name = str(p['BackupVaultName']);
  if (name === undefined) {
    return undefined;
  }
  if (resource.Type === 'AWS::Backup::LogicallyAirGappedBackupVault') {
    const min = num(p['MinRetentionDays']);
    return {
      account: stack.account,
      region: stack.region,
      name,
      lock: 'compliance',
      airGapped: true,
      // With no key of its own, an AWS-owned key no one in the account can schedule for deletion;
      // with one, that key must be protected like any other.
      keyProtected: p['EncryptionKeyArn'] === undefined || vaultKeyProtected(p, stack),
      ...(min === undefined ? {} : { minRetentionDays: min }),
    };
  }
  const lock = record(p['LockConfiguration']);
  const min = num(lock['MinRetentionDays']);
  const mode: LockMode =
    Object.keys(lock).length === 0
      ? 'none'
      : lock['ChangeableForDays'] !== undefined
        ? 'compliance'
        : 'governance';
  return {
    account: stack.account,
    region: stack.region,
    name,
    lock: mode,
    airGapped: false,
    keyProtected: vaultKeyProtected(p, stack),
    ...(min === undefined ? {} : { minRetentionDays: min }),
  };
}

/** Extracts the facts the DR check needs from every template of an assembly. */
export function extractFacts(stacks: readonly StackTemplate[]): AssemblyFacts {
  const vaults = new Map<string, VaultFacts>();
  const vaultKey = (account: string, region: string, name: string): string => `${account}/${region}/${name}`;
  for (const stack of stacks) {
    for (const resource of Object.values(stack.template.Resources ?? {})) {
      if (
        resource.Type === 'AWS::Backup::BackupVault' ||
        resource.Type === 'AWS::Backup::LogicallyAirGappedBackupVault'
      ) {
        const vault = vaultOf(resource, stack);
        if (vault) {
          vaults.set(vaultKey(vault.account, vault.region, vault.name), vault);
        }
      }
    }
  }
  const vault = (account: string, region: string, name: string): VaultFacts | undefined =>
    vaults.get(vaultKey(account, region, name));

  const databases: DatabaseFacts[] = [];
  const plans = new Map<string, RuleFacts[]>();
  const selections: SelectionFacts[] = [];

  for (const stack of stacks) {
    const resources = stack.template.Resources ?? {};
    const vaultInStack = (value: unknown): VaultFacts | undefined => {
      const name = str(value);
      if (name !== undefined) {
        return vault(stack.account, stack.region, name);
      }
      const id = referencedLogicalId(value);
      const target = id === undefined ? undefined : resources[id];
      return target ? vaultOf(target, stack) : undefined;
    };
    const copyTarget = (value: unknown): CopyFacts | undefined => {
      const arn = str(value);
      if (arn !== undefined) {
        const m = ARN.exec(arn);
        return m ? { region: m[1] ?? '', account: m[2] ?? '', vaultName: m[3] ?? '' } : undefined;
      }
      const local = vaultInStack(value);
      return local ? { account: local.account, region: local.region, vaultName: local.name } : undefined;
    };

    for (const [logicalId, resource] of Object.entries(resources)) {
      const p = resource.Properties ?? {};
      if (resource.Type === 'AWS::RDS::DBInstance') {
        databases.push({
          stackId: stack.stackId,
          logicalId,
          account: stack.account,
          region: stack.region,
          identifier: str(p['DBInstanceIdentifier']) ?? logicalId,
          engine: str(p['Engine']) ?? 'unknown',
          tags: tagsOf(resource),
          multiAz: p['MultiAZ'] === true || p['MultiAZ'] === 'true',
          backupRetentionDays: num(p['BackupRetentionPeriod']) ?? 1,
          allocatedStorageGiB: num(p['AllocatedStorage']) ?? 100,
        });
      } else if (resource.Type === 'AWS::Backup::BackupPlan') {
        const plan = record(p['BackupPlan']);
        const planName = str(plan['BackupPlanName']) ?? logicalId;
        plans.set(
          `${stack.stackId}/${logicalId}`,
          list(plan['BackupPlanRule']).map((raw) => {
            const rule = record(raw);
            return {
              planName,
              ruleName: str(rule['RuleName']) ?? 'unnamed',
              schedule: str(rule['ScheduleExpression']) ?? 'cron(0 5 ? * * *)',
              timezone: str(rule['ScheduleExpressionTimezone']) ?? 'Etc/UTC',
              startWindowMinutes: num(rule['StartWindowMinutes']) ?? 480,
              completionWindowMinutes: num(rule['CompletionWindowMinutes']) ?? 10080,
              continuous: rule['EnableContinuousBackup'] === true,
              retentionDays: num(record(rule['Lifecycle'])['DeleteAfterDays']),
              vault: vaultInStack(rule['TargetBackupVault']),
              copies: list(rule['CopyActions']).flatMap((rawCopy) => {
                const copy = record(rawCopy);
                const target = copyTarget(copy['DestinationBackupVaultArn']);
                return target
                  ? [{ ...target, retentionDays: num(record(copy['Lifecycle'])['DeleteAfterDays']) }]
                  : [];
              }),
            };
          }),
        );
      } else if (resource.Type === 'AWS::Backup::BackupSelection') {
        const selection = record(p['BackupSelection']);
        const planLogicalId = referencedLogicalId(p['BackupPlanId']);
        if (planLogicalId === undefined) {
          continue;
        }
        const conditions = record(selection['Conditions']);
        selections.push({
          stackId: stack.stackId,
          account: stack.account,
          region: stack.region,
          selectionName: str(selection['SelectionName']) ?? logicalId,
          planLogicalId,
          anyOfTags: list(selection['ListOfTags']).flatMap((raw) => {
            const t = record(raw);
            const key = str(t['ConditionKey']);
            const value = str(t['ConditionValue']);
            return str(t['ConditionType']) === 'STRINGEQUALS' && key !== undefined && value !== undefined
              ? [{ key, value }]
              : [];
          }),
          allOfTags: list(conditions['StringEquals']).flatMap((raw) => {
            const t = record(raw);
            const key = str(t['ConditionKey'])?.replace(/^aws:ResourceTag\//, '');
            const value = str(t['ConditionValue']);
            return key !== undefined && value !== undefined ? [{ key, value }] : [];
          }),
          resources: list(selection['Resources']).flatMap((raw) => {
            const text = str(raw);
            if (text !== undefined) {
              return [text];
            }
            const id = referencedLogicalId(raw);
            return id === undefined ? [] : [id];
          }),
        });
      }
    }
  }

  return {
    databases,
    vault,
    rulesFor: (db) =>
      selections
        // A plan selects by tag across its account and region, so a database in a workloads stack is
        // protected by the plans of its account's data-protection stack.
        .filter((s) => s.account === db.account && s.region === db.region && selects(s, db))
        .map((s) => ({
          selection: s.selectionName,
          rules: plans.get(`${s.stackId}/${s.planLogicalId}`) ?? [],
        })),
  };
}

/** Whether a backup selection picks a database: by tag (any of ListOfTags), by '*', or by reference. */
export function selects(selection: SelectionFacts, db: DatabaseFacts): boolean {
  // A logical ID only means this database inside the selection's own stack.
  const byLogicalId = selection.stackId === db.stackId && selection.resources.includes(db.logicalId);
  const byResource =
    selection.resources.includes('*') ||
    byLogicalId ||
    selection.resources.some((r) => r.endsWith(`:db:${db.identifier}`) || r.endsWith(':db:*'));
  const byTag = selection.anyOfTags.some((t) => db.tags[t.key] === t.value);
  const hasResourceClause = selection.resources.length > 0;
  const picked = hasResourceClause ? byResource || byTag : byTag;
  return picked && selection.allOfTags.every((t) => db.tags[t.key] === t.value);
}
