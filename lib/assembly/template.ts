/*
 * The one shape of a CloudFormation template that every reader of a synthesised assembly or of the
 * accepted baselines uses: the JSON as CloudFormation reads it, typed only as far as the project
 * looks into it, and a parsed view with resources, outputs and parameters by logical id.
 */

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface CfnParameterJson {
  readonly Type?: string;
  readonly Default?: unknown;
  readonly Description?: string;
}

export interface CfnOutputJson {
  readonly Value?: unknown;
  readonly Export?: { readonly Name?: unknown };
}

/** A template as JSON. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, CfnResourceJson>>;
  readonly Outputs?: Readonly<Record<string, CfnOutputJson>>;
  readonly Parameters?: Readonly<Record<string, CfnParameterJson>>;
  readonly Mappings?: Readonly<Record<string, unknown>>;
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** A template parsed by logical id, with everything malformed left out rather than trusted. */
export interface StackTemplate {
  readonly stackName: string;
  readonly resources: Readonly<Record<string, CfnResourceJson>>;
  readonly outputs: Readonly<Record<string, CfnOutputJson>>;
  readonly parameters: Readonly<Record<string, CfnParameterJson>>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function parseTemplate(stackName: string, json: unknown): StackTemplate {
  const root = recordOf(json);
  const resources: Record<string, CfnResourceJson> = {};
  for (const [id, value] of Object.entries(recordOf(root['Resources']))) {
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
  const outputs: Record<string, CfnOutputJson> = {};
  for (const [id, value] of Object.entries(recordOf(root['Outputs']))) {
    if (isRecord(value)) {
      outputs[id] = {
        Value: value['Value'],
        Export: isRecord(value['Export']) ? { Name: value['Export']['Name'] } : undefined,
      };
    }
  }
  const parameters: Record<string, CfnParameterJson> = {};
  for (const [id, value] of Object.entries(recordOf(root['Parameters']))) {
    if (isRecord(value)) {
      parameters[id] = {
        Type: typeof value['Type'] === 'string' ? value['Type'] : undefined,
        Default: value['Default'],
        Description: typeof value['Description'] === 'string' ? value['Description'] : undefined,
      };
    }
  }
  return { stackName, resources, outputs, parameters };
}
