import {
  Aspects,
  Duration,
  PermissionsBoundary,
  RemovalPolicy,
  Stack,
  Tags,
  type StackProps,
} from 'aws-cdk-lib';
import { PERMISSIONS_BOUNDARY_NAME } from '../lib/delivery/deployment-permissions';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CodeBuildStep, CodePipeline, CodePipelineSource, ManualApprovalStep } from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { KeyGrantsOnlyForAwsServices } from '../lib/compliance/key-grant-guardrail';
import { acknowledgeArtifactBucket, acknowledgeGeneratedPolicies } from '../lib/delivery/pipeline-findings';
import type { DeploymentStage } from '../lib/delivery/stages';
import { PIPELINE_CDK_ASSETS_VERSION, PIPELINE_CDK_CLI_VERSION } from '../lib/delivery/tool-versions';
import { allowCloudWatchLogs } from '../lib/logging/allow-cloudwatch-logs';
import type { LandingZoneStage } from './landing-zone-stage';
import { stacksOf } from './deployment-stages';
import { councilKey } from '../lib/kms/council-key';

export interface DeliveryPipelineStackProps extends StackProps {
  /** owner/name of the GitHub repository. */
  readonly repository: string;
  readonly branch: string;
  /** The CodeConnections connection to GitHub, in this stack's account and region. */
  readonly connectionArn: string;
  /** Name prefix, e.g. kvdc. */
  readonly prefix: string;
  /** Retention of the build logs: the council's minimum log retention. */
  readonly logRetention: logs.RetentionDays;
  /** Tags every resource of the pipeline and its cross-region support stacks carries. */
  readonly tags: Readonly<Record<string, string>>;
}

/** The commands the synth step runs: the same checks as CI, then the pipeline's own synth and gate. */
export const PIPELINE_SYNTH_COMMANDS: readonly string[] = [
  'pip3 install --quiet cfn-lint==1.51.0',
  'npm ci --no-audit --no-fund',
  'npm run synth',
  'npm run gate -- --no-synth',
  'npm run synth:pipeline',
  'npm run gate:pipeline',
];

/** Where `npm run synth:pipeline` writes the pipeline app's assembly. */
export const PIPELINE_ASSEMBLY_DIR = 'cdk.pipeline.out';

/**
 * CDK Pipelines for councils that keep CI inside AWS: source from GitHub through a CodeConnections
 * connection, synth with every check and the gate, then deploy the landing zone in the stage order
 * of `lz stages`, with a person's approval before the first production stack.
 */
export class DeliveryPipelineStack extends Stack {
  readonly pipeline: CodePipeline;
  readonly artifactKey: kms.Key;
  private readonly supportTags: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: DeliveryPipelineStackProps) {
    // Deployed through the delivery account's bootstrap, whose execution policy creates roles only
    // under the account's permissions boundary (lib/delivery/deployment-permissions.ts).
    super(scope, id, {
      ...props,
      permissionsBoundary: PermissionsBoundary.fromName(PERMISSIONS_BOUNDARY_NAME),
    });
    this.supportTags = props.tags;
    // The artifact store is encrypted with a rotated customer-managed key, versioned and retained,
    // so the record of what was deployed outlives the pipeline.
    this.artifactKey = councilKey(this, 'ArtifactKey', {
      description: `Encrypts the ${props.prefix} landing-zone pipeline artifacts`,
    });
    const artifactBucket = new s3.Bucket(this, 'ArtifactBucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.artifactKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // Old artifact versions are only history of past runs; keep them for three months.
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // EventBridge notifications set on the CloudFormation resource: the L2 option would add a
    // custom-resource Lambda function just to switch them on.
    const cfnBucket = artifactBucket.node.defaultChild;
    if (cfnBucket instanceof s3.CfnBucket) {
      cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    }
    acknowledgeArtifactBucket(artifactBucket);
    // Every build (synth, self-mutation, asset publishing) logs to one encrypted, retained log group.
    const logKey = councilKey(this, 'BuildLogKey', {
      description: `Encrypts the ${props.prefix} landing-zone pipeline build logs`,
    });
    allowCloudWatchLogs(logKey, 'AllowCloudWatchLogsForBuildLogs');
    const buildLogs = new logs.LogGroup(this, 'BuildLogs', {
      logGroupName: `/${props.prefix}/delivery-pipeline/builds`,
      encryptionKey: logKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: `${props.prefix}-landing-zone`,
      artifactBucket,
      // Cross-account deployment needs the artifacts encrypted with a key the target accounts can use.
      crossAccountKeys: true,
      enableKeyRotation: true,
      selfMutation: true,
      // Pinned, not "latest from npm": these run with the pipeline's deploy rights.
      cliVersion: PIPELINE_CDK_CLI_VERSION,
      cdkAssetsCliVersion: PIPELINE_CDK_ASSETS_VERSION,
      codeBuildDefaults: {
        buildEnvironment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: false },
        logging: { cloudWatch: { logGroup: buildLogs } },
      },
      synth: new CodeBuildStep('Synth', {
        input: CodePipelineSource.connection(props.repository, props.branch, {
          connectionArn: props.connectionArn,
        }),
        commands: [...PIPELINE_SYNTH_COMMANDS],
        primaryOutputDirectory: PIPELINE_ASSEMBLY_DIR,
      }),
    });
  }

  /**
   * Adds the landing zone in the stage order: every stack of a stage waits for every stack of the
   * stage before it, and one approval comes before the first production stack.
   */
  deployInOrder(stage: LandingZoneStage, stages: readonly DeploymentStage[]): void {
    const deployment = this.pipeline.addStage(stage);
    const pathOf = new Map(stacksOf(stage).map((s) => [s.artifactId, s.node.path]));
    const byPath = new Map(deployment.stacks.map((s) => [s.constructPath, s]));
    const deploymentsOf = (planned: DeploymentStage) =>
      planned.stacks.map((id) => {
        const found = byPath.get(pathOf.get(id) ?? '');
        if (!found) {
          throw new Error(`stack ${id} of stage ${planned.id} is not in the pipeline's stage`);
        }
        return found;
      });
    const approval = new ManualApprovalStep('ApproveProduction', {
      comment: 'Review the gate evidence and the change sets, then approve deploying to production.',
    });
    let approvalPlaced = false;
    stages.forEach((planned, index) => {
      const current = deploymentsOf(planned);
      const previous = index > 0 ? deploymentsOf(stages[index - 1] ?? planned) : [];
      for (const stack of current) {
        for (const before of previous) {
          stack.addStackDependency(before);
        }
        // One approval step object, so one approval action: every stack of the first production
        // stage waits for it, and later production stages wait for those stacks.
        if (planned.production && !approvalPlaced) {
          stack.addStackSteps([approval], [], []);
        }
      }
      approvalPlaced ||= planned.production;
    });
    this.finish();
  }

  /**
   * Builds the pipeline now rather than during synthesis, so its generated roles and the
   * cross-region support stacks (one per region the landing zone deploys to outside this one)
   * exist to be tagged, protected and acknowledged like everything else.
   */
  private finish(): void {
    this.pipeline.buildPipeline();
    acknowledgeGeneratedPolicies(this);
    Aspects.of(this).add(new KeyGrantsOnlyForAwsServices());
    for (const support of Object.values(this.pipeline.pipeline.crossRegionSupport)) {
      const stack = support.stack;
      Aspects.of(stack).add(new KeyGrantsOnlyForAwsServices());
      for (const [key, value] of Object.entries(this.supportTags)) {
        Tags.of(stack).add(key, value);
      }
      for (const child of stack.node.findAll()) {
        if (child instanceof kms.CfnKey) {
          child.applyRemovalPolicy(RemovalPolicy.RETAIN);
        }
        if (child instanceof s3.CfnBucket) {
          child.versioningConfiguration = { status: 'Enabled' };
          child.lifecycleConfiguration = {
            rules: [
              {
                status: 'Enabled',
                noncurrentVersionExpiration: { noncurrentDays: 90 },
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
              },
            ],
          };
          child.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
          acknowledgeArtifactBucket(child);
        }
      }
      acknowledgeGeneratedPolicies(stack);
    }
  }
}
