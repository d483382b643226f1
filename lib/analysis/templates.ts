import { isRecord, type CfnResourceJson, type StackTemplate } from '../assembly/template';

/** A resource anywhere in the assembly, addressed as "<stack>/<logicalId>". */
export interface ResourceRef {
  readonly key: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly resource: CfnResourceJson;
}

/**
 * Resolves the references CDK writes between resources (Ref, Fn::GetAtt, and Fn::ImportValue of a
 * cross-stack export) to the resource they point at, so analyses can follow the wiring across stacks.
 */
export class TemplateSet {
  private readonly exports = new Map<string, { stack: string; value: unknown }>();
  private readonly byKey = new Map<string, ResourceRef>();
  private readonly byName = new Map<string, StackTemplate>();

  constructor(readonly stacks: readonly StackTemplate[]) {
    for (const stack of stacks) {
      this.byName.set(stack.stackName, stack);
      for (const output of Object.values(stack.outputs)) {
        if (typeof output.Export?.Name === 'string') {
          this.exports.set(output.Export.Name, { stack: stack.stackName, value: output.Value });
        }
      }
      for (const [logicalId, resource] of Object.entries(stack.resources)) {
        const key = `${stack.stackName}/${logicalId}`;
        this.byKey.set(key, { key, stack: stack.stackName, logicalId, resource });
      }
    }
  }

  ofType(type: string): ResourceRef[] {
    return [...this.byKey.values()].filter((r) => r.resource.Type === type);
  }

  get(key: string): ResourceRef | undefined {
    return this.byKey.get(key);
  }

  /** The resource an intrinsic points at, or undefined for literals and pseudo-parameters. */
  target(stack: string, value: unknown): ResourceRef | undefined {
    if (!isRecord(value)) {
      return undefined;
    }
    const ref = value['Ref'];
    if (typeof ref === 'string') {
      return this.byKey.get(`${stack}/${ref}`);
    }
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') {
      return this.byKey.get(`${stack}/${getAtt[0]}`);
    }
    // "weak" cross-stack references (@aws-cdk/core:defaultCrossStackReferences) read another stack's output.
    const stackOutput = value['Fn::GetStackOutput'];
    if (
      isRecord(stackOutput) &&
      typeof stackOutput['StackName'] === 'string' &&
      typeof stackOutput['OutputName'] === 'string'
    ) {
      const other = this.byName.get(stackOutput['StackName']);
      const output = other?.outputs[stackOutput['OutputName']];
      return other && output ? this.target(other.stackName, output.Value) : undefined;
    }
    const imported = value['Fn::ImportValue'];
    if (typeof imported === 'string') {
      const exported = this.exports.get(imported);
      return exported ? this.target(exported.stack, exported.value) : undefined;
    }
    return undefined;
  }

  prop(r: ResourceRef, name: string): unknown {
    return r.resource.Properties?.[name];
  }
}

/** The value of a resource's tag, when it is a literal. */
export function tagValue(r: ResourceRef, key: string): string | undefined {
  const tags = r.resource.Properties?.['Tags'];
  if (!Array.isArray(tags)) {
    return undefined;
  }
  for (const t of tags as unknown[]) {
    if (t && typeof t === 'object') {
      const { Key, Value } = t as { Key?: unknown; Value?: unknown };
      if (Key === key && typeof Value === 'string') {
        return Value;
      }
    }
  }
  return undefined;
}
