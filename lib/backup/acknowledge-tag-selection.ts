import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag's NIST RDSInBackupPlan only understands selections that list the resource ARN; the tier
 * plans select by the backup-tier tag. Acknowledged on the database instance itself, pointing at the
 * project rule that does check tag selections (and fails if tag and selections drift apart).
 */
export function acknowledgeTagBasedBackup(instance: IConstruct, prefix: string, tier: string): void {
  Validations.of(instance).acknowledge({
    id: 'NIST.800.53.R5::NIST.800.53.R5-RDSInBackupPlan',
    reason:
      `Protected by the ${prefix}-${tier} backup plan in this account's data-protection stack, which selects resources tagged ` +
      `backup-tier=${tier}; cdk-nag cannot see tag-based selections. The project rule ` +
      'DataProtection-RDSInTaggedBackupPlan checks the tag against the plan selections instead.',
  });
}
