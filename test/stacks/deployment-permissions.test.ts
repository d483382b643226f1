import { Template } from 'aws-cdk-lib/assertions';
import {
  allowedServices,
  EXECUTION_POLICY_NAME,
  namespaceOf,
  PERMISSIONS_BOUNDARY_NAME,
  SERVICES_OF_NAMESPACE,
  uncoveredReason,
} from '../../lib/delivery/deployment-permissions';
import type { DeploymentPermissionsStack } from '../../stacks/deployment-permissions-stack';
import { createDeploymentPermissionsStacks } from '../../stacks/github-oidc-app';
import { testApp } from '../helpers/cdk-app';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';

interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

describe('the deployment permissions of every account (execution policy and permissions boundary)', () => {
  const config = exampleConfig();
  const app = testApp();
  const stacks = createDeploymentPermissionsStacks(app, config);
  const assembly = app.synth();
  const stackOf = (role: string): DeploymentPermissionsStack => {
    const index = config.accounts.findIndex((a) => a.role === role);
    const stack = stacks[index];
    if (stack === undefined) throw new Error(`no ${role} account`);
    return stack;
  };
  const statements = (stack: DeploymentPermissionsStack, name: string): Statement[] => {
    const policies = Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy') as Record<
      string,
      { Properties: { ManagedPolicyName: string; PolicyDocument: { Statement: Statement[] } } }
    >;
    const policy = Object.values(policies).find((p) => p.Properties.ManagedPolicyName === name);
    if (policy === undefined) throw new Error(`no ${name} in ${stack.stackName}`);
    return policy.Properties.PolicyDocument.Statement;
  };
  const production = stackOf('production');
  const boundaryArn = `arn:aws:iam::${production.account}:policy/${PERMISSIONS_BOUNDARY_NAME}`;

  it('has one stack per account, deployable before the bootstrap: CLI credentials, no assets, protected', () => {
    expect(stacks.map((s) => s.account)).toEqual(config.accounts.map((a) => a.id));
    for (const stack of stacks) {
      const artifact = assembly.getStackArtifact(stack.artifactId);
      // The CLI-credentials synthesizer names no bootstrap role and needs no bootstrap version.
      expect(artifact.assumeRoleArn).toBeUndefined();
      expect(artifact.requiresBootstrapStackVersion).toBeUndefined();
      expect(artifact.assets).toEqual([]);
      expect(artifact.terminationProtection).toBe(true);
    }
  });

  it('boundary: no role or user without it, no way to take it off, no rewriting the two policies', () => {
    const boundary = statements(production, PERMISSIONS_BOUNDARY_NAME);
    const deny = (sid: string): Statement | undefined =>
      boundary.find((s) => s.Sid === sid && s.Effect === 'Deny');
    expect(list(deny('NoRoleWithoutThisBoundary')?.Action ?? [])).toEqual(
      expect.arrayContaining([
        'iam:CreateRole',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:CreateUser',
      ]),
    );
    expect(deny('NoRoleWithoutThisBoundary')?.Condition).toEqual({
      StringNotEquals: { 'iam:PermissionsBoundary': boundaryArn },
    });
    expect(list(deny('NoBoundaryRemoved')?.Action ?? [])).toContain('iam:DeleteRolePermissionsBoundary');
    expect(list(deny('NoChangeToTheDeploymentPolicies')?.Resource ?? []).sort()).toEqual([
      `arn:aws:iam::${production.account}:policy/${EXECUTION_POLICY_NAME}`,
      boundaryArn,
    ]);
  });

  it('execution policy: nothing whole but the listed services; IAM roles only under the boundary', () => {
    const execution = statements(production, EXECUTION_POLICY_NAME);
    const allowed = execution.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action));
    expect(allowed).not.toContain('*');
    expect(allowed.filter((a) => /^(iam|sts|organizations):\*$/.test(a))).toEqual([]);
    expect(allowed.filter((a) => a.startsWith('sts:'))).toEqual([]);
    // Every role-creating action that IAM keys on the boundary carries the condition.
    const unconditioned = execution.filter((s) => s.Effect === 'Allow' && s.Condition === undefined);
    for (const action of [
      'iam:CreateRole',
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
      'iam:PutRolePermissionsBoundary',
    ]) {
      expect(unconditioned.flatMap((s) => list(s.Action))).not.toContain(action);
    }
    const roles = execution.find((s) => s.Sid === 'RolesOnlyUnderTheBoundary');
    expect(roles?.Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': boundaryArn } });
    // The delivery roles and the two policies are out of the stacks' reach.
    const denied = execution.filter((s) => s.Effect === 'Deny').flatMap((s) => list(s.Resource));
    expect(denied).toEqual(
      expect.arrayContaining([
        `arn:aws:iam::${production.account}:role/cdk-hnb659fds-*`,
        `arn:aws:iam::${production.account}:role/lz-github-deploy`,
        boundaryArn,
      ]),
    );
  });

  it('changes the organisation only from the management account', () => {
    const writes = (stack: DeploymentPermissionsStack): string[] =>
      statements(stack, EXECUTION_POLICY_NAME)
        .filter((s) => s.Effect === 'Allow')
        .flatMap((s) => list(s.Action))
        .filter((a) => a.startsWith('organizations:') && !/:(Describe|List)\*$/.test(a));
    expect(writes(stackOf('management'))).toContain('organizations:CreatePolicy');
    for (const stack of stacks.filter((s) => s !== stackOf('management'))) {
      expect(writes(stack)).toEqual([]);
    }
  });

  it('fits the 6,144-character limit of a managed policy in every account', () => {
    for (const stack of stacks) {
      for (const name of [EXECUTION_POLICY_NAME, PERMISSIONS_BOUNDARY_NAME]) {
        const text = JSON.stringify({ Version: '2012-10-17', Statement: statements(stack, name) });
        expect(text.length).toBeLessThan(6144);
      }
    }
  });

  it("covers every resource type of the example council's templates, each in its own account", () => {
    const roleOf = new Map(config.accounts.map((a) => [a.id, a.role]));
    const stacksOfExample = exampleAssembly().stacks;
    expect(stacksOfExample.length).toBeGreaterThan(50);
    const uncovered = stacksOfExample.flatMap((stack) => {
      const resources = (stack.template['Resources'] ?? {}) as Record<string, { Type: string }>;
      const role = roleOf.get(stack.account);
      return Object.entries(resources).flatMap(([id, r]) => {
        const reason = role === undefined ? 'unknown account' : uncoveredReason(r.Type, role);
        return reason === undefined ? [] : [`${stack.stackId} ${id}: ${reason}`];
      });
    });
    expect(uncovered).toEqual([]);
  });

  it('names a namespace by its first two parts, custom resources by Custom', () => {
    expect(namespaceOf('AWS::EC2::VPC')).toBe('AWS::EC2');
    expect(namespaceOf('Custom::VpcRestrictDefaultSG')).toBe('Custom');
    expect(uncoveredReason('AWS::ECS::Service', 'production')).toMatch(
      /AWS::ECS is not in SERVICES_OF_NAMESPACE/,
    );
    expect(allowedServices('production')).not.toContain('organizations');
    // Every prefix is an IAM service prefix: lower case letters, digits and hyphens.
    for (const services of Object.values(SERVICES_OF_NAMESPACE)) {
      for (const service of services) expect(service).toMatch(/^[a-z0-9-]+$/);
    }
  });
});
