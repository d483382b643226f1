import { Stack, type CfnResource } from 'aws-cdk-lib';

/** Resolves a property of a CfnResource to plain JSON, as CloudFormation will see it. */
export function resolved(node: CfnResource, value: unknown): unknown {
  return Stack.of(node).resolve(value);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The logical ID a Ref or Fn::GetAtt points at, once resolved. */
export function refTarget(value: unknown): string | undefined {
  const r = asRecord(value);
  if (typeof r['Ref'] === 'string') {
    return r['Ref'];
  }
  const getAtt = r['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

/** The CfnResource in the same stack with a given logical ID. */
export function findInStack<T extends CfnResource>(
  node: CfnResource,
  logicalId: string,
  kind: abstract new (...args: never[]) => T,
): T | undefined {
  const stack = Stack.of(node);
  for (const child of stack.node.findAll()) {
    if (child instanceof kind && stack.resolve(child.logicalId) === logicalId) {
      return child;
    }
  }
  return undefined;
}

/** A string value, or undefined for anything else (tokens, objects). */
export function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
