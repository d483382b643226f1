import { isRecord } from '../assembly/template';
import type { StackTemplates } from './change-guard';
import { isStateful } from './stateful-types';

/*
 * Changes that keep a stateful resource in place but weaken what protects it: deletion protection
 * or a retain policy switched off, Multi-AZ dropped, backup retention shortened, a vault's lock or a
 * key's rotation changed. CloudFormation updates them quietly, so the change guard's replacement
 * rule never sees them; the gate lists each for a reviewer.
 */

/** The properties, per type, whose change weakens a safeguard of the resource. */
export const SAFEGUARD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  'AWS::RDS::DBInstance': [
    'DeletionProtection',
    'MultiAZ',
    'BackupRetentionPeriod',
    'PubliclyAccessible',
    'DeleteAutomatedBackups',
  ],
  'AWS::RDS::DBCluster': ['DeletionProtection', 'BackupRetentionPeriod'],
  'AWS::Backup::BackupVault': ['LockConfiguration', 'AccessPolicy'],
  'AWS::Backup::LogicallyAirGappedBackupVault': ['MinRetentionDays', 'MaxRetentionDays', 'AccessPolicy'],
  'AWS::KMS::Key': ['EnableKeyRotation', 'KeyPolicy', 'PendingWindowInDays', 'Enabled'],
  'AWS::S3::Bucket': [
    'VersioningConfiguration',
    'ObjectLockConfiguration',
    'PublicAccessBlockConfiguration',
    'LifecycleConfiguration',
  ],
  'AWS::Logs::LogGroup': ['RetentionInDays', 'KmsKeyId'],
  'AWS::SecretsManager::Secret': ['KmsKeyId'],
};

/** Resource attributes whose change decides what happens to the data when the resource goes. */
const POLICY_ATTRIBUTES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;

export interface SafeguardChange {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly property: string;
  readonly before: string;
  readonly after: string;
}

function show(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

function resourcesOf(template: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> {
  const resources = template?.['Resources'];
  return isRecord(resources)
    ? Object.fromEntries(
        Object.entries(resources).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])),
      )
    : {};
}

export function safeguardChanges(baseline: StackTemplates, current: StackTemplates): SafeguardChange[] {
  const out: SafeguardChange[] = [];
  for (const stack of Object.keys(baseline).sort()) {
    const after = resourcesOf(current[stack]);
    for (const [logicalId, before] of Object.entries(resourcesOf(baseline[stack]))) {
      const now = after[logicalId];
      const type = typeof before['Type'] === 'string' ? before['Type'] : '';
      if (now === undefined || now['Type'] !== type || !isStateful(type)) {
        continue;
      }
      const props = (r: Record<string, unknown>): Record<string, unknown> =>
        isRecord(r['Properties']) ? r['Properties'] : {};
      const pairs: [string, unknown, unknown][] = [
        ...POLICY_ATTRIBUTES.map((a): [string, unknown, unknown] => [a, before[a], now[a]]),
        ...(SAFEGUARD_PROPERTIES[type] ?? []).map((p): [string, unknown, unknown] => [
          p,
          props(before)[p],
          props(now)[p],
        ]),
      ];
      for (const [property, was, is] of pairs) {
        if (JSON.stringify(was) !== JSON.stringify(is)) {
          out.push({ stack, logicalId, type, property, before: show(was), after: show(is) });
        }
      }
    }
  }
  return out;
}

export function describeSafeguardChange(c: SafeguardChange): string {
  return `${c.stack}/${c.logicalId} (${c.type}) ${c.property}: ${c.before} → ${c.after}`;
}
