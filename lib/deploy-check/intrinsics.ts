import { isRecord } from '../assembly/template';

/*
 * Just enough of CloudFormation's intrinsic functions to read the names a template gives resources:
 * literals, Fn::Join, Fn::Sub, Fn::Select and the pseudo parameters, which the deployment check
 * knows for every stack (its account, region and partition). Anything else (a reference to another
 * resource, an import) cannot be known offline: the value is undefined and the caller says so.
 */

export interface StackEnvironment {
  readonly account: string;
  readonly region: string;
  readonly stackName: string;
  /** The template's resources, so a Ref to one whose Ref is its explicit name can be read. */
  readonly resources?: Readonly<
    Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>
  >;
}

/** Resource types whose Ref returns the name given in this property (CloudFormation's return values). */
const REF_IS_NAME: Readonly<Record<string, string>> = {
  'AWS::SSM::Parameter': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
};

export function partitionOfRegion(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

function pseudo(name: string, env: StackEnvironment): string | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return env.account;
    case 'AWS::Region':
      return env.region;
    case 'AWS::Partition':
      return partitionOfRegion(env.region);
    case 'AWS::URLSuffix':
      return partitionOfRegion(env.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::StackName':
      return env.stackName;
    default:
      return undefined;
  }
}

/** The string a value evaluates to in `env`, or undefined when it depends on something unknown offline. */
export function evaluateString(value: unknown, env: StackEnvironment): string | undefined {
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number') {
    return String(value);
  }
  if (!isRecord(value)) {
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) {
    return undefined;
  }
  const ref = value['Ref'];
  if (typeof ref === 'string') {
    const resource = env.resources?.[ref];
    const nameProperty = resource === undefined ? undefined : REF_IS_NAME[resource.Type];
    return nameProperty === undefined
      ? pseudo(ref, env)
      : evaluateString(resource?.Properties?.[nameProperty], env);
  }
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((p) => evaluateString(p, env));
    return parts.every((p): p is string => p !== undefined) ? parts.join(join[0]) : undefined;
  }
  const select = value['Fn::Select'];
  if (Array.isArray(select) && Array.isArray(select[1])) {
    const index = Number(evaluateString(select[0], env));
    const list = select[1] as unknown[];
    return Number.isInteger(index) ? evaluateString(list[index], env) : undefined;
  }
  const sub: unknown = value['Fn::Sub'];
  if (typeof sub === 'string' || Array.isArray(sub)) {
    const parts: unknown[] = typeof sub === 'string' ? [sub, {}] : sub;
    const text = parts[0];
    const vars = parts[1];
    if (typeof text !== 'string') {
      return undefined;
    }
    const missing: string[] = [];
    const out = text.replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
      const bound = isRecord(vars) ? vars[name] : undefined;
      const resolved = bound !== undefined ? evaluateString(bound, env) : pseudo(name, env);
      if (resolved === undefined) {
        missing.push(name);
        return '';
      }
      return resolved;
    });
    return missing.length > 0 ? undefined : out;
  }
  return undefined;
}

/** Every string-valued leaf of a value, for finding dynamic references such as {{resolve:ssm:...}}. */
export function stringLeaves(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  if (Array.isArray(value)) {
    return value.flatMap(stringLeaves);
  }
  if (isRecord(value)) {
    return Object.values(value).flatMap(stringLeaves);
  }
  return [];
}

/** Every occurrence of an intrinsic function (e.g. Fn::ImportValue) anywhere in a value. */
export function findIntrinsics(value: unknown, name: string): unknown[] {
  if (Array.isArray(value)) {
    return value.flatMap((v) => findIntrinsics(v, name));
  }
  if (!isRecord(value)) {
    return [];
  }
  const own = Object.keys(value).length === 1 && name in value ? [value[name]] : [];
  return [...own, ...Object.values(value).flatMap((v) => findIntrinsics(v, name))];
}
