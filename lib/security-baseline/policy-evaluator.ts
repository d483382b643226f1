/*
 * An offline evaluator of IAM and service control policy documents, enough to prove what the
 * landing zone's guardrails deny and what they leave alone. It follows the IAM evaluation logic
 * for one request against one set of policies: an explicit Deny wins, then an Allow, otherwise
 * the request is implicitly denied. It knows only the parts of the policy language this project
 * uses, and throws on anything else, so a guardrail can never pass a test by using a condition
 * operator the evaluator silently ignores.
 *
 * Semantics (IAM JSON policy reference, "Condition operators" and "Policy evaluation logic"):
 *  - Action/NotAction match case-insensitively, with * and ? wildcards.
 *  - Resource matches case-sensitively, with * and ? wildcards.
 *  - Every operator in a Condition block, and every key under an operator, must be true; the
 *    values listed for one key are alternatives (OR).
 *  - A key missing from the request makes a positive operator false and a negated operator
 *    (StringNotEquals, StringNotLike, ArnNotEquals, ArnNotLike) true; `...IfExists` is true.
 *  - ArnLike compares the six colon-separated ARN parts one by one, so * never crosses a colon
 *    before the resource part.
 *  - ForAnyValue / ForAllValues apply the operator to each value of a multi-valued key.
 */

export type PolicyEffect = 'Allow' | 'Deny';
type OneOrMany = string | readonly string[];
type ConditionValue = string | boolean | readonly (string | boolean)[];

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: PolicyEffect;
  readonly Action?: OneOrMany;
  readonly NotAction?: OneOrMany;
  readonly Resource?: OneOrMany;
  readonly NotResource?: OneOrMany;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
}

export interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly PolicyStatement[];
}

/** One API request as IAM sees it: the action, the resource ARN and the request context keys. */
export interface PolicyRequest {
  readonly action: string;
  /** @default '*' (actions that take no resource) */
  readonly resource?: string;
  /** Condition keys, e.g. aws:RequestedRegion, aws:PrincipalArn. A list is a multi-valued key. */
  readonly context: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface Evaluation {
  readonly decision: Decision;
  /** The Sids (or `#<index>`) of the statements that matched, Deny ones first. */
  readonly matched: readonly string[];
}

/** The SCP AWS attaches to every root, OU and account unless it is removed. */
export const FULL_AWS_ACCESS: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }],
};

const NEGATED = new Set(['StringNotEquals', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike']);
const OPERATORS = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnNotEquals',
  'ArnLike',
  'ArnNotLike',
  'Bool',
  'Null',
]);

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** A glob with * (any run of characters) and ? (one character), anchored at both ends. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function arnParts(arn: string): string[] {
  const parts = arn.split(':');
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function arnMatches(pattern: string, value: string): boolean {
  const p = arnParts(pattern);
  const v = arnParts(value);
  if (p.length !== 6 || v.length !== 6 || !value.startsWith('arn:')) return false;
  return p.every((part, i) => globMatches(part, v[i] ?? ''));
}

function baseMatches(operator: string, expected: string, actual: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'StringNotEquals':
      return expected === actual;
    case 'StringLike':
    case 'StringNotLike':
      return globMatches(expected, actual);
    case 'ArnEquals':
    case 'ArnNotEquals':
    case 'ArnLike':
    case 'ArnNotLike':
      return arnMatches(expected, actual);
    case 'Bool':
      return expected.toLowerCase() === actual.toLowerCase();
    default:
      throw new Error(`condition operator ${operator} is not supported by the offline evaluator`);
  }
}

/** Whether one context value satisfies the operator against the listed values. */
function valueSatisfies(operator: string, expected: readonly string[], actual: string): boolean {
  const any = expected.some((e) => baseMatches(operator, e, actual));
  return NEGATED.has(operator) ? !any : any;
}

function conditionHolds(
  rawOperator: string,
  key: string,
  rawExpected: ConditionValue,
  context: PolicyRequest['context'],
): boolean {
  let operator = rawOperator;
  let set: 'ForAnyValue' | 'ForAllValues' | undefined;
  for (const prefix of ['ForAnyValue:', 'ForAllValues:'] as const) {
    if (operator.startsWith(prefix)) {
      set = prefix === 'ForAnyValue:' ? 'ForAnyValue' : 'ForAllValues';
      operator = operator.slice(prefix.length);
    }
  }
  const ifExists = operator.endsWith('IfExists');
  if (ifExists) operator = operator.slice(0, -'IfExists'.length);
  if (!OPERATORS.has(operator)) {
    throw new Error(`condition operator ${rawOperator} is not supported by the offline evaluator`);
  }
  const expected = list(rawExpected).map((v) => String(v));
  const raw = context[key];
  const present = raw !== undefined;
  if (operator === 'Null') {
    // Null: "true" means the key must be absent, "false" that it must be present.
    return expected.some((e) => (e.toLowerCase() === 'true' ? !present : present));
  }
  const values = list(raw).map((v) => String(v));
  if (set === 'ForAllValues') {
    // True when every value in the request matches; vacuously true for an absent or empty key.
    return values.every((v) => valueSatisfies(operator, expected, v));
  }
  if (set === 'ForAnyValue') {
    return values.some((v) => valueSatisfies(operator, expected, v));
  }
  if (!present) {
    return ifExists || NEGATED.has(operator);
  }
  if (values.length !== 1) {
    throw new Error(`condition key ${key} has several values: use ForAnyValue or ForAllValues`);
  }
  return valueSatisfies(operator, expected, values[0] ?? '');
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) {
    return list(statement.Action).some((p) => globMatches(p, action, true));
  }
  if (statement.NotAction !== undefined) {
    return !list(statement.NotAction).some((p) => globMatches(p, action, true));
  }
  throw new Error(`statement ${statement.Sid ?? ''} has neither Action nor NotAction`);
}

function resourceMatches(statement: PolicyStatement, resource: string): boolean {
  if (statement.Resource !== undefined) {
    return list(statement.Resource).some((p) => globMatches(p, resource));
  }
  if (statement.NotResource !== undefined) {
    return !list(statement.NotResource).some((p) => globMatches(p, resource));
  }
  // SCPs may leave Resource out of a Deny (it then means every resource).
  return true;
}

/** Whether a statement applies to the request (its effect aside). */
export function statementMatches(statement: PolicyStatement, request: PolicyRequest): boolean {
  const resource = request.resource ?? '*';
  if (!actionMatches(statement, request.action) || !resourceMatches(statement, resource)) {
    return false;
  }
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => conditionHolds(operator, key, expected, request.context)),
  );
}

/** Evaluates one request against every statement of the given policies. */
export function evaluatePolicies(policies: readonly PolicyDocument[], request: PolicyRequest): Evaluation {
  const denies: string[] = [];
  const allows: string[] = [];
  for (const policy of policies) {
    policy.Statement.forEach((statement, index) => {
      if (statementMatches(statement, request)) {
        (statement.Effect === 'Deny' ? denies : allows).push(statement.Sid ?? `#${String(index)}`);
      }
    });
  }
  const decision: Decision =
    denies.length > 0 ? 'explicit-deny' : allows.length > 0 ? 'allow' : 'implicit-deny';
  return { decision, matched: [...denies, ...allows] };
}
