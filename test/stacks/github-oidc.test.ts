import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createGithubOidcStacks } from '../../stacks/github-oidc-app';
import { testApp } from '../helpers/cdk-app';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';

interface Role {
  Properties: {
    RoleName: string;
    AssumeRolePolicyDocument: {
      Statement: { Action: string; Condition: Record<string, Record<string, string>> }[];
    };
  };
}

interface ManagedPolicy {
  Properties: {
    Roles: { Ref: string }[];
    PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown[] }[] };
  };
}

describe('the one-time GitHub OIDC roles', () => {
  const config = exampleConfig();
  const stacks = createGithubOidcStacks(testApp(), config);
  const templateOf = (index: number): Template => {
    const stack = stacks[index];
    if (!stack) throw new Error(`no stack ${String(index)}`);
    return Template.fromStack(stack);
  };
  const rolesOf = (index: number): Role[] =>
    Object.values(templateOf(index).findResources('AWS::IAM::Role')) as Role[];
  /** The statements of the managed policies attached to the role with this name. */
  const statementsOf = (index: number, roleName: string) => {
    const template = templateOf(index);
    const roles = template.findResources('AWS::IAM::Role') as Record<string, Role>;
    const logicalId = Object.entries(roles).find(([, r]) => r.Properties.RoleName === roleName)?.[0];
    const policies = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as ManagedPolicy[];
    return policies
      .filter((p) => p.Properties.Roles.some((r) => r.Ref === logicalId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
  };
  const production = config.accounts.findIndex((a) => a.name === 'production');
  const delivery = config.accounts.findIndex((a) => a.name === config.delivery?.account);

  it('has one stack per account, each with the GitHub provider', () => {
    expect(stacks.map((s) => s.account)).toEqual(config.accounts.map((a) => a.id));
    templateOf(0).hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it('trusts only the repository jobs in the account environment, for the STS audience', () => {
    const [deploy] = rolesOf(production).filter((r) => r.Properties.RoleName === 'lz-github-deploy');
    const [statement] = deploy?.Properties.AssumeRolePolicyDocument.Statement ?? [];
    expect(statement?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(statement?.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub':
          'repo:kestrel-vale/council-landing-zone:environment:production',
      },
    });
  });

  it('lets the deploy role do nothing but assume its own account CDK bootstrap roles, region by region', () => {
    const statements = statementsOf(production, 'lz-github-deploy');
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual(['sts:AssumeRole', 'sts:TagSession']);
    const id = config.accounts[production]?.id ?? '';
    const resources = statements.flatMap((s) => s.Resource).map((r) => JSON.stringify(r));
    // Four bootstrap roles in each region the account uses: with the security baseline, home and DR.
    expect(resources).toHaveLength(4 * 2);
    for (const resource of resources) {
      expect(resource).toMatch(new RegExp(`:iam::${id}:role/cdk-hnb659fds-[a-z-]+-role-${id}-eu-west-[12]"`));
    }
  });

  it("names the backup account's DR-region bootstrap roles too, and never a wildcard", () => {
    const backup = config.accounts.findIndex((a) => a.role === 'backup');
    const resources = statementsOf(backup, 'lz-github-deploy')
      .flatMap((s) => s.Resource)
      .map((r) => JSON.stringify(r));
    expect(resources.filter((r) => r.includes('-eu-west-1"'))).toHaveLength(4);
    expect(resources.join()).not.toContain('*');
  });

  it('protects every OIDC stack from deletion', () => {
    for (const stack of stacks) {
      expect(stack.terminationProtection).toBe(true);
    }
  });

  it('gives pull requests a read-only role in the delivery account only, for the deployment branch live-diff job in the reviewed environment', () => {
    expect(rolesOf(production).map((r) => r.Properties.RoleName)).toEqual([
      'lz-github-deploy',
      'lz-cloudformation-template-reader',
    ]);
    const [diff] = rolesOf(delivery).filter((r) => r.Properties.RoleName === 'lz-github-pull-request-diff');
    expect(diff?.Properties.AssumeRolePolicyDocument.Statement[0]?.Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub':
          'repo:kestrel-vale/council-landing-zone:environment:pull-request-diff',
        // The job the deployment branch's live-diff.yml defines, called by pull-request.yml: a pull
        // request's own jobs (refs/pull/<n>/merge) and other workflows do not match.
        'token.actions.githubusercontent.com:job_workflow_ref':
          'kestrel-vale/council-landing-zone/.github/workflows/live-diff.yml@refs/heads/main',
      },
    });
  });

  it('lets the diff role assume only each account template reader, not the CDK lookup roles and their ReadOnlyAccess', () => {
    const statements = statementsOf(delivery, 'lz-github-pull-request-diff');
    expect(statements.flatMap((s) => [s.Action].flat())).toEqual(['sts:AssumeRole']);
    const resources = statements.flatMap((s) => s.Resource).map((r) => JSON.stringify(r));
    expect(resources).toHaveLength(config.accounts.length);
    for (const [i, account] of config.accounts.entries()) {
      expect(resources[i]).toContain(`:iam::${account.id}:role/lz-cloudformation-template-reader`);
    }
    expect(resources.join()).not.toContain('lookup-role');
  });

  it('gives every account a template reader that reads only the landing zone stacks, trusted by the diff role only', () => {
    const deliveryId = config.accounts[delivery]?.id ?? '';
    for (const [index, account] of config.accounts.entries()) {
      const [reader] = rolesOf(index).filter(
        (r) => r.Properties.RoleName === 'lz-cloudformation-template-reader',
      );
      const [trust] = reader?.Properties.AssumeRolePolicyDocument.Statement ?? [];
      expect(JSON.stringify(trust)).toContain(`:iam::${deliveryId}:root`);
      expect(trust?.Condition).toEqual({
        ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${deliveryId}:role/lz-github-pull-request-diff` },
      });
      const statements = statementsOf(index, 'lz-cloudformation-template-reader');
      expect(statements.map((s) => [s.Action].flat())).toEqual([
        ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate'],
        ['ssm:GetParameter'],
      ]);
      const [stacks, version] = statements.map((s) => JSON.stringify(s.Resource));
      // Its own account, the regions the landing zone uses there, the kvdc-* stacks only.
      expect(stacks).toMatch(new RegExp(`:cloudformation:eu-west-2:${account.id}:stack/kvdc-\\*/\\*`));
      expect(stacks).not.toMatch(/stack\/\*/);
      expect(version).toContain(`:parameter/cdk-bootstrap/hnb659fds/version`);
    }
  });

  it('is the lookup role every landing-zone stack names, and reads every one of them', () => {
    const manifest = JSON.parse(readFileSync(join(exampleAssembly().dir, 'manifest.json'), 'utf8')) as {
      artifacts: Record<
        string,
        {
          type: string;
          environment?: string;
          properties?: { stackName?: string; lookupRole?: { arn: string } };
        }
      >;
    };
    const stacks = Object.values(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack');
    expect(stacks.length).toBeGreaterThan(50);
    for (const stack of stacks) {
      // cdk diff --method template assumes this role in each stack's account to read its template.
      const account = stack.environment?.split('/')[2] ?? '';
      expect(stack.properties?.lookupRole?.arn).toBe(
        `arn:\${AWS::Partition}:iam::${account}:role/lz-cloudformation-template-reader`,
      );
      expect(stack.properties?.stackName).toMatch(/^kvdc-/);
    }
  });
});
