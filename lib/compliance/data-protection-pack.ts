import type { CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NagMessageLevel, NagPack, type NagPackProps } from 'cdk-nag';
import { backupPlanCopiesOutsideAccount } from './rules/backup-plan-copies-outside-account';
import { backupVaultCmkAndLock } from './rules/backup-vault-cmk-and-lock';
import { keyDeletionProtected } from './rules/key-deletion-protected';
import { keyPolicyLeastPrivilege } from './rules/key-policy-least-privilege';
import { logGroupRetention } from './rules/log-group-retention';
import { rdsAuditForOfficialSensitive } from './rules/rds-audit-for-official-sensitive';
import { rdsInTaggedBackupPlan } from './rules/rds-in-tagged-backup-plan';
import { rdsTlsEnforced } from './rules/rds-tls-enforced';
import { statefulResourceRetained } from './rules/stateful-resource-retained';

/**
 * The project's data-protection rules: what the published packs do not check (vault lock, copies
 * out of the account, TLS in parameter groups) and what they get wrong (tag-based backup selections).
 * Rule IDs are DataProtection-<Rule>; acknowledge as 'DataProtection::DataProtection-<Rule>'.
 */
export class DataProtectionChecks extends NagPack {
  readonly name = 'DataProtection';

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'DataProtection';
  }

  protected checkResource(node: CfnResource): void {
    this.applyRule({
      ruleSuffixOverride: 'BackupVaultCmkAndLock',
      info: 'The backup vault is not encrypted with a customer-managed key or has no Vault Lock.',
      explanation:
        'Without a CMK the council cannot control or revoke access to recovery points; without Vault Lock they can be deleted early.',
      level: NagMessageLevel.ERROR,
      rule: backupVaultCmkAndLock,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'BackupPlanCopiesOutsideAccount',
      info: 'A snapshot rule of the backup plan does not copy to a vault in another account.',
      explanation:
        'Ransomware with administrator rights in a workload account can destroy every recovery point that stays in it.',
      level: NagMessageLevel.ERROR,
      rule: backupPlanCopiesOutsideAccount,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'StatefulResourceRetained',
      info: 'The stateful resource is deleted with its stack or on replacement.',
      explanation:
        'Databases, vaults, keys and logs keep a Retain or Snapshot policy so that nothing stateful is lost by accident.',
      level: NagMessageLevel.ERROR,
      rule: statefulResourceRetained,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'LogGroupRetention',
      info: 'The log group has no retention period.',
      explanation:
        'Logs that never expire cost money and keep personal data longer than the retention schedule allows.',
      level: NagMessageLevel.ERROR,
      rule: logGroupRetention,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RDSTlsEnforced',
      info: "The RDS instance's parameter group (or Oracle option group) does not force TLS 1.2 or later.",
      explanation:
        'Council data crosses the VPN and the VPC; the database must refuse unencrypted connections and TLS 1.0 ' +
        'and 1.1 (ssl_min_protocol_version for PostgreSQL, rds.tls10/rds.tls11 for SQL Server, tls_version for MySQL).',
      level: NagMessageLevel.ERROR,
      rule: rdsTlsEnforced,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RDSAuditForOfficialSensitive',
      info: 'The OFFICIAL-SENSITIVE RDS instance is not audited: no pgaudit in its parameter group (PostgreSQL) or no SQLSERVER_AUDIT option with its role and bucket (SQL Server).',
      explanation:
        'Who read, changed or granted access to OFFICIAL-SENSITIVE data must be recorded outside the database, in the ' +
        'log archive: pgaudit writes to the exported postgresql log, SQL Server Audit to a bucket replicated into the ' +
        'archive. The database construct adds both from the classification (lib/data/engines).',
      level: NagMessageLevel.ERROR,
      rule: rdsAuditForOfficialSensitive,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'RDSInTaggedBackupPlan',
      info: 'The RDS instance is not selected by any backup plan in its stack, by tag or by name.',
      explanation:
        "cdk-nag's RDSInBackupPlan only sees selections that list the instance; this rule also understands tag-based selections, so acknowledgements of RDSInBackupPlan can point here.",
      level: NagMessageLevel.ERROR,
      rule: rdsInTaggedBackupPlan,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'KeyPolicyLeastPrivilege',
      info: 'A key policy allows * without an organisation or account condition, or kms:* to someone other than named key administrators.',
      explanation:
        'kms:* to an account root or a service lets anyone the account allows delete, disable or re-write the key; a ' +
        'wildcard principal without aws:PrincipalOrgID, aws:PrincipalAccount or kms:CallerAccount lets other AWS ' +
        'accounts use it. Split key administration (named roles) from key use (the account, through IAM).',
      level: NagMessageLevel.ERROR,
      rule: keyPolicyLeastPrivilege,
      node,
    });
    this.applyRule({
      ruleSuffixOverride: 'KeyDeletionProtected',
      info: 'A KMS key can be scheduled for deletion, disabled or re-written by someone other than the break-glass role, or waits less than 30 days.',
      explanation:
        'Deleting or disabling a key makes every database, log and recovery point it encrypts unreadable, locked vaults ' +
        'included. The key policy must deny kms:ScheduleKeyDeletion, kms:DisableKey and kms:PutKeyPolicy to everyone but ' +
        'the break-glass role, and the deletion waiting period must be 30 days.',
      level: NagMessageLevel.ERROR,
      rule: keyDeletionProtected,
      node,
    });
  }
}
