import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface StackTemplate {
  readonly stackName: string;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
  readonly outputs: Readonly<Record<string, { Value?: unknown; Export?: { Name?: unknown } }>>;
}

/** A resource anywhere in the assembly, addressed as "<stack>/<logicalId>". */
export interface ResourceRef {
  readonly key: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly resource: CfnResourceJson;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function parseTemplate(stackName: string, json: unknown): StackTemplate {
  const root = isRecord(json) ? json : {};
  const resources: Record<string, CfnResourceJson> = {};
  for (const [id, value] of Object.entries(isRecord(root['Resources']) ? root['Resources'] : {})) {
    if (isRecord(value) && typeof value['Type'] === 'string') {
      resources[id] = {
        Type: value['Type'],
        Properties: isRecord(value['Properties']) ? value['Properties'] : undefined,
        DeletionPolicy: typeof value['DeletionPolicy'] === 'string' ? value['DeletionPolicy'] : undefined,
        UpdateReplacePolicy:
          typeof value['UpdateReplacePolicy'] === 'string' ? value['UpdateReplacePolicy'] : undefined,
      };
    }
  }
  const outputs: Record<string, { Value?: unknown; Export?: { Name?: unknown } }> = {};
  for (const [id, value] of Object.entries(isRecord(root['Outputs']) ? root['Outputs'] : {})) {
    if (isRecord(value)) {
      outputs[id] = {
        Value: value['Value'],
        Export: isRecord(value['Export']) ? { Name: value['Export']['Name'] } : undefined,
      };
    }
  }
  return { stackName, resources, outputs };
}

/** Reads every `*.template.json` of a cloud assembly directory (cdk.out). */
export function readAssemblyTemplates(dir: string): StackTemplate[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .sort()
    .map((f) =>
      parseTemplate(f.replace(/\.template\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8'))),
    );
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
