import { asList, asRecord } from './resolve';

/*
 * Reading resolved IAM policy documents (role trusts, key policies, endpoint policies) the way IAM
 * reads them: one statement or a list, one value or a list, and principals that may be a bare
 * account id, an ARN or an Fn::Join of both.
 */

export type Statement = Readonly<Record<string, unknown>>;

/** The statements of a resolved policy document. */
export function statementsOf(document: unknown): Statement[] {
  const raw = asRecord(document)['Statement'];
  return (Array.isArray(raw) ? raw : [raw]).filter((s) => s !== undefined).map(asRecord);
}

/** One value or a list of values, as a list. */
export function valuesOf(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * A principal value as text: a string as it is, an Fn::Join with its parts joined (references shown
 * as `${Ref}`), anything else as undefined.
 */
export function principalText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = asRecord(value)['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string') {
    return asList(join[1])
      .map((part) => (typeof part === 'string' ? part : '${Ref}'))
      .join(join[0]);
  }
  const ref = asRecord(value)['Ref'];
  return typeof ref === 'string' ? `\${${ref}}` : undefined;
}

/** The AWS principals of a statement as text ('*' for `Principal: "*"`). */
export function awsPrincipals(statement: Statement): string[] {
  const principal = statement['Principal'];
  if (principal === '*') return ['*'];
  return valuesOf(asRecord(principal)['AWS']).map((p) => principalText(p) ?? '?');
}

/** The service principals of a statement. */
export function servicePrincipals(statement: Statement): string[] {
  return valuesOf(asRecord(statement['Principal'])['Service']).map((p) => principalText(p) ?? '?');
}

/** An account root: `arn:<partition>:iam::<account>:root` or a bare 12-digit account id. */
export function isAccountRoot(principal: string): boolean {
  return /^\d{12}$/.test(principal) || /^arn:[^:]+:iam::[^:]*:root$/.test(principal);
}

/** The actions of a statement, lower-cased (`kms:*`, `kms:decrypt`). */
export function actionsOf(statement: Statement): string[] {
  return valuesOf(statement['Action']).map((a) => String(a).toLowerCase());
}

/**
 * The values a statement's Condition gives one key under any of the given operators (any
 * `...IfExists` and `ForAnyValue:` forms included), as text.
 */
export function conditionValues(statement: Statement, key: string, operators: readonly string[]): string[] {
  const out: string[] = [];
  for (const [rawOperator, keys] of Object.entries(asRecord(statement['Condition']))) {
    const operator = rawOperator.replace(/^For(Any|All)Value:/, '').replace(/IfExists$/, '');
    if (!operators.includes(operator)) continue;
    for (const [name, value] of Object.entries(asRecord(keys))) {
      if (name.toLowerCase() === key.toLowerCase()) {
        out.push(...valuesOf(value).map((v) => principalText(v) ?? '?'));
      }
    }
  }
  return out;
}

/** Operators that narrow a key to the listed values (not the negated ones). */
export const NARROWING_OPERATORS = ['StringEquals', 'StringLike', 'ArnEquals', 'ArnLike'] as const;
