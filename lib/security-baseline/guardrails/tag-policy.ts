import { CLASSIFICATIONS, TAGS } from '../../names';

/** Resource types on which a non-compliant backup-tier or classification value is refused. */
export const TAG_POLICY_ENFORCED_FOR: readonly string[] = ['rds:db', 'ec2:instance', 'ec2:volume'];

/**
 * The tag policy: the exact spelling of the backup-tier and classification keys, and their
 * allowed values (the configured backup tiers; the classifications the wave files may use).
 * Enforced on databases, instances and volumes, where a wrong value would silently drop a
 * resource out of its backup plan or its encryption rule.
 */
export function tagPolicy(backupTiers: readonly string[]): Record<string, unknown> {
  const enforced = { '@@assign': [...TAG_POLICY_ENFORCED_FOR] };
  return {
    tags: {
      [TAGS.backupTier]: {
        tag_key: { '@@assign': TAGS.backupTier },
        ...(backupTiers.length > 0
          ? { tag_value: { '@@assign': [...backupTiers] }, enforced_for: enforced }
          : {}),
      },
      [TAGS.classification]: {
        tag_key: { '@@assign': TAGS.classification },
        tag_value: { '@@assign': [...CLASSIFICATIONS] },
        enforced_for: enforced,
      },
    },
  };
}
