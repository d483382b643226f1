import { isRecord } from '../../assembly/template';
import { evaluateString } from '../intrinsics';
import { where, type PlacedStack } from '../model';
import type { DeployCheck } from './types';

/*
 * Explicit physical names: unique where AWS needs them unique, and within its length and character
 * limits. A clash or a bad name fails the deployment of the second stack (or the first) with
 * "already exists" or a validation error, long after every offline check was green.
 */

/** Where a name must be unique: the whole of AWS, one account (IAM is global), or account and region. */
type Scope = 'global' | 'account' | 'region';

interface NameRule {
  /** The property path holding the name. */
  readonly path: readonly string[];
  readonly scope: Scope;
  readonly min?: number;
  readonly max: number;
  readonly pattern: RegExp;
  readonly patternText: string;
  /** Names compared without case (RDS lowercases identifiers). */
  readonly caseInsensitive?: boolean;
  /** Types sharing one namespace (a vault name is taken by either kind of vault). */
  readonly namespace?: string;
}

/** Limits from each service's API reference. */
export const NAME_RULES: Readonly<Record<string, NameRule>> = {
  'AWS::IAM::Role': {
    path: ['RoleName'],
    scope: 'account',
    max: 64,
    pattern: /^[\w+=,.@-]+$/,
    patternText: 'letters, digits and +=,.@_-',
  },
  'AWS::IAM::ManagedPolicy': {
    path: ['ManagedPolicyName'],
    scope: 'account',
    max: 128,
    pattern: /^[\w+=,.@-]+$/,
    patternText: 'letters, digits and +=,.@_-',
  },
  'AWS::Logs::LogGroup': {
    path: ['LogGroupName'],
    scope: 'region',
    max: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    patternText: 'letters, digits and ._-/#',
  },
  'AWS::Backup::BackupVault': {
    path: ['BackupVaultName'],
    scope: 'region',
    min: 2,
    max: 50,
    pattern: /^[a-zA-Z0-9\-_]+$/,
    patternText: 'letters, digits, - and _',
    namespace: 'backup-vault',
  },
  'AWS::Backup::LogicallyAirGappedBackupVault': {
    path: ['BackupVaultName'],
    scope: 'region',
    min: 2,
    max: 50,
    pattern: /^[a-zA-Z0-9\-_]+$/,
    patternText: 'letters, digits, - and _',
    namespace: 'backup-vault',
  },
  'AWS::Backup::BackupPlan': {
    path: ['BackupPlan', 'BackupPlanName'],
    scope: 'region',
    max: 50,
    pattern: /^[a-zA-Z0-9\-_.]+$/,
    patternText: 'letters, digits and -_.',
  },
  'AWS::Backup::RestoreTestingPlan': {
    path: ['RestoreTestingPlanName'],
    scope: 'region',
    max: 50,
    pattern: /^[a-zA-Z0-9_]+$/,
    patternText: 'letters, digits and _',
  },
  'AWS::Backup::Framework': {
    path: ['FrameworkName'],
    scope: 'region',
    max: 256,
    pattern: /^[a-zA-Z][_a-zA-Z0-9]*$/,
    patternText: 'a letter, then letters, digits and _',
  },
  'AWS::SSM::Parameter': {
    path: ['Name'],
    scope: 'region',
    max: 1011,
    pattern: /^[a-zA-Z0-9_.\-/]+$/,
    patternText: 'letters, digits and _.-/',
  },
  'AWS::SecretsManager::Secret': {
    path: ['Name'],
    scope: 'region',
    max: 512,
    pattern: /^[A-Za-z0-9/_+=.@-]+$/,
    patternText: 'letters, digits and /_+=.@-',
  },
  'AWS::RDS::DBInstance': {
    path: ['DBInstanceIdentifier'],
    scope: 'region',
    max: 63,
    pattern: /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$/,
    patternText: 'a letter, then letters, digits and single hyphens, not ending in a hyphen',
    caseInsensitive: true,
  },
  'AWS::RDS::DBSubnetGroup': {
    path: ['DBSubnetGroupName'],
    scope: 'region',
    max: 255,
    pattern: /^[a-z0-9 ._-]+$/,
    patternText: 'lower-case letters, digits, spaces and ._-',
    caseInsensitive: true,
  },
  'AWS::S3::Bucket': {
    path: ['BucketName'],
    scope: 'global',
    min: 3,
    max: 63,
    pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    patternText: 'lower-case letters, digits, dots and hyphens',
  },
  'AWS::KMS::Alias': {
    path: ['AliasName'],
    scope: 'region',
    max: 256,
    pattern: /^alias\/[a-zA-Z0-9/_-]+$/,
    patternText: 'alias/ then letters, digits and /_-',
  },
  'AWS::SNS::Topic': {
    path: ['TopicName'],
    scope: 'region',
    max: 256,
    pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
    patternText: 'letters, digits, _ and -',
  },
  'AWS::Events::Rule': {
    path: ['Name'],
    scope: 'region',
    max: 64,
    pattern: /^[.\-_A-Za-z0-9]+$/,
    patternText: 'letters, digits and .-_',
  },
  'AWS::CloudWatch::Alarm': {
    path: ['AlarmName'],
    scope: 'region',
    max: 255,
    pattern: /^[^\p{Cc}]+$/u,
    patternText: 'no control characters',
  },
  'AWS::CloudWatch::CompositeAlarm': {
    path: ['AlarmName'],
    scope: 'region',
    max: 255,
    pattern: /^[^\p{Cc}]+$/u,
    patternText: 'no control characters',
    namespace: 'alarm',
  },
  'AWS::CloudWatch::Dashboard': {
    path: ['DashboardName'],
    scope: 'account',
    max: 255,
    pattern: /^[A-Za-z0-9_-]+$/,
    patternText: 'letters, digits, _ and -',
  },
  'AWS::Route53Resolver::ResolverRule': {
    path: ['Name'],
    scope: 'region',
    max: 64,
    pattern: /^(?!\d+$)[a-zA-Z0-9\-_ ]+$/,
    patternText: 'letters, digits, spaces, - and _',
  },
  'AWS::Lambda::Function': {
    path: ['FunctionName'],
    scope: 'region',
    max: 64,
    pattern: /^[a-zA-Z0-9-_]+$/,
    patternText: 'letters, digits, - and _',
  },
};

function at(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), value);
}

export const physicalNames: DeployCheck = (model) => {
  const problems: string[] = [];
  const notes: string[] = [];
  const seen = new Map<string, string>();
  let unknown = 0;
  const claim = (space: string, owner: string, label: string): void => {
    const first = seen.get(space);
    if (first === undefined) {
      seen.set(space, owner);
    } else if (first !== owner) {
      problems.push(`${label} is used twice: by ${first} and by ${owner}`);
    }
  };
  for (const placed of model.stacks) {
    const s = placed.stack;
    const env = {
      account: s.account,
      region: s.region,
      stackName: s.stackName,
      resources: s.template.Resources ?? {},
    };
    claim(
      `stack/${s.account}/${s.region}/${s.stackName}`,
      placed.stack.stackId,
      `stack name ${s.stackName} in ${s.account} ${s.region}`,
    );
    for (const [logicalId, resource] of Object.entries(s.template.Resources ?? {})) {
      const rule = NAME_RULES[resource.Type];
      if (rule === undefined) continue;
      const raw = at(resource.Properties, rule.path);
      if (raw === undefined) continue;
      const name = evaluateString(raw, env);
      const owner = `${where(placed)}/${logicalId}`;
      if (name === undefined) {
        unknown += 1;
        continue;
      }
      const label = `${resource.Type} ${rule.path.join('.')} "${name}"`;
      if (name.length > rule.max || name.length < (rule.min ?? 1)) {
        problems.push(
          `${owner}: ${label} is ${name.length} characters; AWS allows ${rule.min ?? 1} to ${rule.max}`,
        );
      }
      if (!rule.pattern.test(name)) {
        problems.push(`${owner}: ${label} may hold only ${rule.patternText}`);
      }
      const scope = scopeKey(rule.scope, placed);
      claim(
        `${rule.namespace ?? resource.Type}/${scope}/${rule.caseInsensitive ? name.toLowerCase() : name}`,
        owner,
        `${label} (${scopeText(rule.scope, placed)})`,
      );
    }
  }
  if (unknown > 0) {
    notes.push(`${unknown} explicit name(s) depend on values known only at deploy time and were not checked`);
  }
  return {
    id: 'physical-names',
    title: 'Explicit physical names are unique where AWS needs it and within its limits',
    prevents: 'a deployment that fails with "already exists" or an invalid-name error',
    problems,
    notes,
  };
};

function scopeKey(scope: Scope, placed: PlacedStack): string {
  return scope === 'global'
    ? 'aws'
    : scope === 'account'
      ? placed.stack.account
      : `${placed.stack.account}/${placed.stack.region}`;
}

function scopeText(scope: Scope, placed: PlacedStack): string {
  return scope === 'global'
    ? 'unique across AWS'
    : scope === 'account'
      ? `unique in account ${placed.stack.account}`
      : `unique in ${placed.stack.account} ${placed.stack.region}`;
}
