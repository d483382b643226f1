/*
 * Whether a KMS key is out of reach of someone who controls its account: its key policy denies
 * scheduling its deletion, disabling it and rewriting the policy to everyone but named roles (the
 * break-glass role), and the waiting period before a deletion is the longest KMS allows. Pure, over
 * the key policy as the template holds it, so the rule (DataProtection-KeyDeletionProtected) and the
 * DR check (a recovery point counts as out of reach only when its key is protected) read it the
 * same way.
 */

/** What the protection denies: deleting, disabling or re-writing the key (the SCP denies the same). */
export const KEY_DESTRUCTION_ACTIONS = [
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:PutKeyPolicy',
] as const;

/** The longest waiting period KMS allows, and CloudFormation's default. */
export const KEY_DELETION_WINDOW_DAYS = 30;

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function values(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(value);
}

/** An exempted principal pattern that names roles, not everyone: no wildcard in the role name. */
function namesRoles(pattern: unknown): boolean {
  if (typeof pattern === 'string') {
    return /^arn:[^:*]+:iam::[^:*]*:role\/[^*?]+$/.test(pattern);
  }
  // arn:${Partition}:iam::${AccountId}:role/<name>, as CloudFormation writes it with Fn::Join.
  const join = record(pattern)['Fn::Join'];
  if (!Array.isArray(join)) return false;
  const text = values(join[1])
    .map((part) => (typeof part === 'string' ? part : 'X'))
    .join(typeof join[0] === 'string' ? join[0] : '');
  return namesRoles(text);
}

const EXEMPTING_OPERATORS = new Set(['ArnNotLike', 'ArnNotEquals', 'StringNotLike', 'StringNotEquals']);

/** Whether a Deny statement applies to everyone except the named roles. */
function deniesAllButNamedRoles(statement: Json): boolean {
  const principal = statement['Principal'];
  const everyone = principal === '*' || values(record(principal)['AWS']).includes('*');
  if (statement['Effect'] !== 'Deny' || !everyone) return false;
  const resources = values(statement['Resource']);
  if (!(statement['Resource'] === undefined || resources.includes('*'))) return false;
  const conditions = Object.entries(record(statement['Condition']));
  // Exactly one condition: aws:PrincipalArn not one of the named roles.
  if (conditions.length !== 1) return false;
  const [operator, keys] = conditions[0] ?? ['', {}];
  const entries = Object.entries(record(keys));
  return (
    EXEMPTING_OPERATORS.has(operator) &&
    entries.length === 1 &&
    (entries[0]?.[0] ?? '').toLowerCase() === 'aws:principalarn' &&
    values(entries[0]?.[1]).length > 0 &&
    values(entries[0]?.[1]).every(namesRoles)
  );
}

export interface KeyProtectionVerdict {
  readonly protected: boolean;
  /** What is missing, for the DR check's reasoning and the rule's tests. */
  readonly missing: readonly string[];
}

/**
 * Judges a key policy (and the key's PendingWindowInDays, absent meaning CloudFormation's default
 * of 30): protected when every destructive action is denied to all but named roles, and deletion
 * waits the full 30 days.
 */
export function keyProtection(keyPolicy: unknown, pendingWindowInDays?: unknown): KeyProtectionVerdict {
  const statements = values(record(keyPolicy)['Statement']).map(record);
  const denies = statements.filter(deniesAllButNamedRoles);
  const missing: string[] = KEY_DESTRUCTION_ACTIONS.filter(
    (action) =>
      !denies.some((s) => values(s['Action']).some((a) => typeof a === 'string' && globMatches(a, action))),
  ).map((action) => `${action} is not denied to all but named roles`);
  const window = Number(pendingWindowInDays ?? KEY_DELETION_WINDOW_DAYS);
  if (window !== KEY_DELETION_WINDOW_DAYS) {
    missing.push(
      `the deletion waiting period is ${JSON.stringify(pendingWindowInDays)} days, not ${KEY_DELETION_WINDOW_DAYS}`,
    );
  }
  return { protected: missing.length === 0, missing };
}
