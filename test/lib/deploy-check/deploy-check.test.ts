import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfnOutput, CfnParameter, CfnResource, Fn, PermissionsBoundary, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { readAssembly } from '../../../lib/assembly/read';
import type { LandingZoneConfig } from '../../../lib/config/schema';
import { PERMISSIONS_BOUNDARY_NAME } from '../../../lib/delivery/deployment-permissions';
import type { DeploymentRecord } from '../../../lib/delivery/record';
import { checkDeployment, type DeployCheckReport } from '../../../lib/deploy-check/check';
import { deploymentModel } from '../../../lib/deploy-check/model';
import { CODEPIPELINE, deployParameters, type PipelineModel } from '../../../lib/deploy-check/pipelines';
import { testApp } from '../../helpers/cdk-app';
import { exampleConfig } from '../../helpers/landing-zone';

/*
 * Each check of `lz deploy-check` on a small app built to break it in exactly one way, synthesised
 * for real (no rule packs). The example council's own deployment is checked in the gate tests.
 */

const NETWORK = { account: '111111111111', region: 'eu-west-2' };
const PRODUCTION = { account: '555555555555', region: 'eu-west-2' };
const config: LandingZoneConfig = exampleConfig();
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Built {
  readonly report: DeployCheckReport;
  problems(check: string): string[];
}

/** Synthesises `build`'s stacks, places them in the given stages (stack id → stage), and checks. */
function check(
  build: (app: ReturnType<typeof testApp>) => void,
  stages: Record<string, string[]>,
  pipelines: readonly PipelineModel[] = [CODEPIPELINE],
  context: Record<string, unknown> = {},
): Built {
  const outdir = mkdtempSync(join(tmpdir(), 'lz-deploy-check-'));
  dirs.push(outdir);
  const app = testApp({ outdir, context });
  build(app);
  app.synth();
  const assembly = { ...readAssembly(outdir), stale: [] };
  const record: DeploymentRecord = {
    problems: [],
    stages: Object.entries(stages).map(([id, stacks]) => {
      const first = assembly.stacks.find((s) => s.stackId === stacks[0]);
      const account = config.accounts.find((a) => a.id === first?.account);
      return {
        id,
        phase: 'network',
        account: account?.name ?? 'unknown',
        accountId: first?.account ?? '',
        role: account?.role ?? 'network',
        production: account?.role === 'production',
        regions: [first?.region ?? ''],
        stacks,
      };
    }),
  };
  const report = checkDeployment(deploymentModel(assembly, record, config, pipelines, 33));
  return {
    report,
    problems: (id) => [...(report.checks.find((c) => c.id === id)?.problems ?? [])],
  };
}

describe('lz deploy-check', () => {
  it('passes a small deployment that does everything right', () => {
    const result = check(
      (app) => {
        const net = new Stack(app, 'Net', { env: NETWORK, stackName: 'net' });
        new ssm.StringParameter(net, 'P', { parameterName: '/lz/test', stringValue: 'x' });
        const uses = new Stack(app, 'Uses', { env: NETWORK, stackName: 'uses' });
        new CfnOutput(net, 'Out', { value: 'v', exportName: 'net-value' });
        new sns.Topic(uses, 'T', { topicName: Fn.importValue('net-value') });
        uses.addStackDependency(net);
      },
      { first: ['Net'], second: ['Uses'] },
    );
    expect(result.report.checks.flatMap((c) => c.problems)).toEqual([]);
    expect(result.report.passed).toBe(true);
  });

  it('fails on a parameter without a default that no pipeline supplies', () => {
    const result = check(
      (app) => {
        const stack = new Stack(app, 'Work', { env: PRODUCTION, stackName: 'work' });
        new CfnParameter(stack, 'VpcIdProduction', { type: 'AWS::EC2::VPC::Id' });
      },
      { waves: ['Work'] },
    );
    expect(result.report.passed).toBe(false);
    expect(result.problems('parameters')).toEqual([
      'Work (555555555555 eu-west-2, stage waves): parameter VpcIdProduction has no default and is not supplied by ' +
        'CodePipeline (CDK Pipelines, which passes no parameters); CloudFormation would refuse the stack with ' +
        '"Parameters: [VpcIdProduction] must have values"',
    ]);
  });

  it('accepts the parameter when every pipeline supplies it', () => {
    const supplying: PipelineModel = { name: 'test pipeline', supplies: (_, p) => p === 'VpcIdProduction' };
    const result = check(
      (app) => {
        const stack = new Stack(app, 'Work', { env: PRODUCTION, stackName: 'work' });
        new CfnParameter(stack, 'VpcIdProduction', { type: 'AWS::EC2::VPC::Id' });
      },
      { waves: ['Work'] },
      [supplying],
    );
    expect(result.problems('parameters')).toEqual([]);
  });

  it('fails on an import across regions, naming where the export is', () => {
    const result = check(
      (app) => {
        const net = new Stack(app, 'Net', { env: NETWORK, stackName: 'net' });
        new CfnOutput(net, 'Out', { value: 'v', exportName: 'net-value' });
        const dr = new Stack(app, 'Dr', {
          env: { account: '444444444444', region: 'eu-west-1' },
          stackName: 'dr',
        });
        new sns.Topic(dr, 'T', { topicName: Fn.importValue('net-value') });
      },
      { first: ['Net'], second: ['Dr'] },
    );
    expect(result.problems('references')).toEqual([
      'Dr (444444444444 eu-west-1, stage second) imports net-value, which no stack exports in account 444444444444 region eu-west-1 ' +
        '(Net (111111111111 eu-west-2, stage first) exports it: exports do not cross accounts or regions)',
    ]);
  });

  it('fails on an SSM parameter of another account that is not shared with the reader', () => {
    const result = check(
      (app) => {
        const net = new Stack(app, 'Net', { env: NETWORK, stackName: 'net' });
        new ssm.StringParameter(net, 'P', { parameterName: '/lz/vpc-id', stringValue: 'vpc-1' });
        const work = new Stack(app, 'Work', { env: PRODUCTION, stackName: 'work' });
        const read = ssm.StringParameter.fromStringParameterArn(
          work,
          'R',
          'arn:aws:ssm:eu-west-2:111111111111:parameter/lz/vpc-id',
        ).stringValue;
        new sns.Topic(work, 'T', { displayName: read });
      },
      { first: ['Net'], second: ['Work'] },
    );
    expect(result.problems('references')).toEqual([
      'Work (555555555555 eu-west-2, stage second) reads SSM parameter /lz/vpc-id of account 111111111111, which no RAM share in that account shares with 555555555555',
    ]);
  });

  it('fails on a read of something only a later stage creates', () => {
    const result = check(
      (app) => {
        const net = new Stack(app, 'Net', { env: NETWORK, stackName: 'net' });
        new ssm.StringParameter(net, 'P', { parameterName: '/lz/late', stringValue: 'x' });
        const early = new Stack(app, 'Early', { env: NETWORK, stackName: 'early' });
        new sns.Topic(early, 'T', {
          displayName: ssm.StringParameter.valueForStringParameter(early, '/lz/late'),
        });
      },
      { first: ['Early'], second: ['Net'] },
    );
    expect(result.problems('references')).toEqual([
      'Early (111111111111 eu-west-2, stage first) reads SSM parameter /lz/late from Net (111111111111 eu-west-2, stage second), which deploys in a later stage',
    ]);
  });

  it('fails on a physical name used twice in one account and region, and on a name AWS would refuse', () => {
    const result = check(
      (app) => {
        const a = new Stack(app, 'A', { env: NETWORK, stackName: 'a' });
        const b = new Stack(app, 'B', { env: NETWORK, stackName: 'b' });
        new logs.LogGroup(a, 'Logs', { logGroupName: '/lz/shared' });
        new logs.LogGroup(b, 'Logs', { logGroupName: '/lz/shared' });
        new sns.Topic(b, 'Bad', { topicName: 'has spaces' });
      },
      { first: ['A', 'B'] },
    );
    const problems = result.problems('physical-names');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^AWS::Logs::LogGroup LogGroupName "\/lz\/shared" \(unique in 111111111111 eu-west-2\) is used twice: by A \(.*\)\/Logs\w+ and by B \(.*\)\/Logs\w+$/,
    );
    expect(problems[1]).toMatch(
      /B \(.*\)\/Bad\w+: AWS::SNS::Topic TopicName "has spaces" may hold only letters, digits, _ and -/,
    );
  });

  it("fails on a stack over 500 resources, even when the CDK's own limit was switched off", () => {
    const result = check(
      (app) => {
        const big = new Stack(app, 'Big', { env: NETWORK, stackName: 'big' });
        for (let i = 0; i < 501; i++) new sns.Topic(big, `T${i}`);
      },
      { first: ['Big'] },
      [CODEPIPELINE],
      { '@aws-cdk/core:stackResourceLimit': 0 },
    );
    expect(result.problems('quotas')).toEqual([
      "Big (111111111111 eu-west-2, stage first): 501 resources, over CloudFormation's limit of 500 per stack",
    ]);
  });

  it('fails on a dependency on a stack of a later stage, and on a stack no stage deploys', () => {
    const result = check(
      (app) => {
        const first = new Stack(app, 'First', { env: NETWORK, stackName: 'first' });
        const second = new Stack(app, 'Second', { env: NETWORK, stackName: 'second' });
        new Stack(app, 'Orphan', { env: NETWORK, stackName: 'orphan' });
        first.addStackDependency(second);
      },
      { one: ['First'], two: ['Second'] },
    );
    expect(result.problems('stage-order')).toEqual([
      'Orphan (111111111111 eu-west-2) is deployed by no stage: neither pipeline would ever deploy it',
      'First (stage one) depends on Second, which deploys later in stage two',
    ]);
  });

  it('fails on a stack in a region no bootstrap command prepares', () => {
    const result = check(
      (app) => {
        new Stack(app, 'Stray', {
          env: { account: '555555555555', region: 'us-east-1' },
          stackName: 'stray',
        });
      },
      { one: ['Stray'] },
    );
    expect(result.problems('bootstrap')).toEqual([
      // With the security baseline every account is bootstrapped in the home and DR regions.
      'Stray (555555555555 us-east-1, stage one): region us-east-1 of the production account is not bootstrapped by the documented commands (eu-west-2, eu-west-1); cdk deploy would fail to find the bootstrap stack',
    ]);
  });
});

describe('lz deploy-check: what the scoped execution role may deploy', () => {
  const boundary = PermissionsBoundary.fromName(PERMISSIONS_BOUNDARY_NAME);

  it('passes roles under the boundary and services the execution policy covers', () => {
    const result = check(
      (app) => {
        const stack = new Stack(app, 'Roles', {
          env: PRODUCTION,
          stackName: 'roles',
          permissionsBoundary: boundary,
        });
        new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
        new sns.Topic(stack, 'T');
      },
      { one: ['Roles'] },
    );
    expect(result.problems('execution-permissions')).toEqual([]);
  });

  it('fails on a role without the boundary, which the execution policy would refuse to create', () => {
    const result = check(
      (app) => {
        const stack = new Stack(app, 'Roles', { env: PRODUCTION, stackName: 'roles' });
        new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      },
      { one: ['Roles'] },
    );
    expect(result.problems('execution-permissions')).toEqual([
      expect.stringMatching(
        /^Roles \(555555555555 eu-west-2, stage one\) R\w+ \(AWS::IAM::Role\): permissions boundary none, not arn:aws:iam::555555555555:policy\/lz-permissions-boundary; /,
      ),
    ]);
  });

  it("fails on another account's boundary", () => {
    const result = check(
      (app) => {
        const stack = new Stack(app, 'Roles', { env: PRODUCTION, stackName: 'roles' });
        new iam.CfnRole(stack, 'R', {
          assumeRolePolicyDocument: {},
          permissionsBoundary: 'arn:aws:iam::111111111111:policy/lz-permissions-boundary',
        });
      },
      { one: ['Roles'] },
    );
    expect(result.problems('execution-permissions')).toEqual([
      expect.stringContaining(
        'R (AWS::IAM::Role): permissions boundary arn:aws:iam::111111111111:policy/lz-permissions-boundary, not arn:aws:iam::555555555555:',
      ),
    ]);
  });

  it('fails on a service the execution policy does not cover, and on organisation policies outside management', () => {
    const result = check(
      (app) => {
        const stack = new Stack(app, 'Work', { env: PRODUCTION, stackName: 'work' });
        new CfnResource(stack, 'Cluster', { type: 'AWS::ECS::Cluster' });
        new CfnResource(stack, 'Scp', { type: 'AWS::Organizations::Policy', properties: {} });
      },
      { one: ['Work'] },
    );
    expect(result.problems('execution-permissions')).toEqual([
      'Work (555555555555 eu-west-2, stage one) Cluster (AWS::ECS::Cluster): AWS::ECS is not in SERVICES_OF_NAMESPACE (lib/delivery/deployment-permissions.ts), so lz-cfn-execution does not allow it',
      'Work (555555555555 eu-west-2, stage one) Scp (AWS::Organizations::Policy): lz-cfn-execution allows AWS::Organizations only in the management account, not a production account',
    ]);
  });
});

describe('the GitHub deploy workflow, as the deployment check reads it', () => {
  it('finds the parameters `cdk deploy` passes, for one stack or every stack', () => {
    expect(
      deployParameters(
        'npx cdk deploy --app cdk.out --parameters KvdcWork:VpcId=vpc-1 --parameters Env=prod $STACKS\necho --parameters Nope=1',
      ),
    ).toEqual([{ stack: 'KvdcWork', name: 'VpcId' }, { name: 'Env' }]);
  });
});
