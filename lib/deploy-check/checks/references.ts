import { isRecord } from '../../assembly/template';
import {
  evaluateString,
  findIntrinsics,
  partitionOfRegion,
  stringLeaves,
  type StackEnvironment,
} from '../intrinsics';
import { where, type DeploymentModel, type PlacedStack } from '../model';
import type { DeployCheck } from './types';

/*
 * Every value a stack reads from another stack resolves, at deploy time, to something that exists
 * where CloudFormation looks for it: an export in the same account and region, a stack output, or
 * an SSM parameter (in another account only through a RAM share with this account), written by a
 * stack of the same stage (with a dependency) or an earlier one.
 */

const key = (account: string, region: string, name: string): string => `${account}/${region}/${name}`;
const envOf = (p: PlacedStack): StackEnvironment => ({
  account: p.stack.account,
  region: p.stack.region,
  stackName: p.stack.stackName,
  resources: p.stack.template.Resources ?? {},
});

interface Writer {
  readonly placed: PlacedStack;
  readonly what: string;
}

/** Public parameters AWS publishes, and the CDK bootstrap's own: nothing in the assembly writes them. */
const PROVIDED_PREFIXES = ['/aws/service/', '/aws/reference/', '/cdk-bootstrap/'];

function ssmTarget(value: string, reader: PlacedStack): { account: string; region: string; name: string } {
  const arn = /^arn:[^:]+:ssm:([^:]+):(\d{12}):parameter(\/.+)$/.exec(value);
  if (arn) {
    return { region: arn[1] ?? '', account: arn[2] ?? '', name: arn[3] ?? '' };
  }
  return { account: reader.stack.account, region: reader.stack.region, name: value };
}

function index(model: DeploymentModel) {
  const exports = new Map<string, Writer>();
  const stacksByName = new Map<string, PlacedStack>();
  const parameters = new Map<string, Writer & { arn: string }>();
  const shares: { placed: PlacedStack; arns: string[]; principals: string[] }[] = [];
  for (const placed of model.stacks) {
    const env = envOf(placed);
    const s = placed.stack;
    stacksByName.set(key(s.account, s.region, s.stackName), placed);
    for (const [id, output] of Object.entries(s.template.Outputs ?? {})) {
      const name = evaluateString(output.Export?.Name, env);
      if (name !== undefined) {
        exports.set(key(s.account, s.region, name), { placed, what: `output ${id}` });
      }
    }
    for (const [id, resource] of Object.entries(s.template.Resources ?? {})) {
      const props = resource.Properties ?? {};
      if (resource.Type === 'AWS::SSM::Parameter') {
        const name = evaluateString(props['Name'], env);
        if (name !== undefined) {
          const arnName = name.startsWith('/') ? name : `/${name}`;
          const arn = `arn:${partitionOfRegion(env.region)}:ssm:${s.region}:${s.account}:parameter${arnName}`;
          parameters.set(key(s.account, s.region, name), { placed, what: `parameter ${id}`, arn });
        }
      }
      if (resource.Type === 'AWS::RAM::ResourceShare') {
        const list = (value: unknown): string[] =>
          (Array.isArray(value) ? value : [])
            .map((v) => evaluateString(v, env) ?? '')
            .filter((v) => v !== '');
        shares.push({ placed, arns: list(props['ResourceArns']), principals: list(props['Principals']) });
      }
    }
  }
  return { exports, stacksByName, parameters, shares };
}

export const references: DeployCheck = (model) => {
  const problems: string[] = [];
  const notes: string[] = [];
  const idx = index(model);

  /** The writer must deploy before the reader: an earlier stage, or the same one with a dependency. */
  const order = (reader: PlacedStack, writer: PlacedStack, what: string): void => {
    if (reader.stageIndex === undefined || writer.stageIndex === undefined || writer === reader) {
      return;
    }
    if (writer.stageIndex > reader.stageIndex) {
      problems.push(`${where(reader)} reads ${what} from ${where(writer)}, which deploys in a later stage`);
    } else if (
      writer.stageIndex === reader.stageIndex &&
      !reader.stack.dependencies.includes(writer.stack.stackId)
    ) {
      problems.push(
        `${where(reader)} reads ${what} from ${writer.stack.stackId} in the same stage without depending on it: the order is not guaranteed`,
      );
    }
  };

  for (const reader of model.stacks) {
    const s = reader.stack;
    const env = envOf(reader);
    const body = { Resources: s.template.Resources, Outputs: s.template.Outputs };

    for (const imported of findIntrinsics(body, 'Fn::ImportValue')) {
      const name = evaluateString(imported, env);
      if (name === undefined) {
        notes.push(`${where(reader)}: an Fn::ImportValue whose name is not known offline was not checked`);
        continue;
      }
      const writer = idx.exports.get(key(s.account, s.region, name));
      if (writer === undefined) {
        const elsewhere = [...idx.exports.entries()].find(([k]) => k.endsWith(`/${name}`))?.[1];
        problems.push(
          `${where(reader)} imports ${name}, which no stack exports in account ${s.account} region ${s.region}` +
            (elsewhere
              ? ` (${where(elsewhere.placed)} exports it: exports do not cross accounts or regions)`
              : ''),
        );
      } else {
        order(reader, writer.placed, `the export ${name}`);
      }
    }

    for (const ref of findIntrinsics(body, 'Fn::GetStackOutput')) {
      if (!isRecord(ref)) continue;
      const stackName = evaluateString(ref['StackName'], env);
      const outputName = evaluateString(ref['OutputName'], env);
      const region = evaluateString(ref['Region'], env) ?? s.region;
      const roleAccount = /arn:[^:]+:iam::(\d{12}):/.exec(evaluateString(ref['RoleArn'], env) ?? '')?.[1];
      const account = roleAccount ?? s.account;
      if (stackName === undefined || outputName === undefined) {
        notes.push(`${where(reader)}: an Fn::GetStackOutput not known offline was not checked`);
        continue;
      }
      const writer = idx.stacksByName.get(key(account, region, stackName));
      if (writer === undefined) {
        problems.push(
          `${where(reader)} reads output ${outputName} of stack ${stackName}, which no stack is in account ${account} region ${region}`,
        );
      } else if (writer.stack.template.Outputs?.[outputName] === undefined) {
        problems.push(
          `${where(reader)} reads output ${outputName} of ${writer.stack.stackId}, which has no such output`,
        );
      } else {
        order(reader, writer, `output ${outputName}`);
      }
    }

    const ssmReads: string[] = [];
    for (const [name, parameter] of Object.entries(s.template.Parameters ?? {})) {
      if (
        parameter.Type?.startsWith('AWS::SSM::Parameter::Value') === true &&
        typeof parameter.Default === 'string'
      ) {
        ssmReads.push(parameter.Default);
      } else if (parameter.Type?.startsWith('AWS::SSM::Parameter::Value') === true) {
        notes.push(`${where(reader)}: SSM parameter ${name} has no default to check`);
      }
    }
    for (const leaf of stringLeaves(s.template.Resources ?? {})) {
      for (const match of leaf.matchAll(/\{\{resolve:ssm:([^}:]+)(?::\d+)?\}\}/g)) {
        ssmReads.push(match[1] ?? '');
      }
    }
    for (const read of ssmReads) {
      const target = ssmTarget(read, reader);
      if (PROVIDED_PREFIXES.some((p) => target.name.startsWith(p))) continue;
      const writer = idx.parameters.get(key(target.account, target.region, target.name));
      if (writer === undefined) {
        problems.push(
          `${where(reader)} reads SSM parameter ${target.name} in account ${target.account} region ${target.region}, which no stack writes`,
        );
        continue;
      }
      order(reader, writer.placed, `SSM parameter ${target.name}`);
      if (target.account !== s.account) {
        const shared = idx.shares.some(
          (share) =>
            share.placed.stack.account === target.account &&
            share.placed.stack.region === target.region &&
            share.arns.includes(writer.arn) &&
            share.principals.some((p) => p === s.account || p.startsWith('arn:aws:organizations')),
        );
        if (!shared) {
          problems.push(
            `${where(reader)} reads SSM parameter ${target.name} of account ${target.account}, which no RAM share in that account shares with ${s.account}`,
          );
        }
      }
    }
  }
  return {
    id: 'references',
    title: 'Every cross-stack reference resolves where and when CloudFormation looks for it',
    prevents:
      'a stack that fails on an export, output or SSM parameter that is in another account or region, not shared, or not yet deployed',
    problems: [...new Set(problems)],
    notes: [...new Set(notes)],
  };
};
