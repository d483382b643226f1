import { CfnTag } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import { acknowledgeMgnResourceType } from './acknowledge-mgn';

/** MGN runs at most ten SSM documents after a launch (PostLaunchActions.ssmDocuments). */
const MAX_POST_LAUNCH_DOCUMENTS = 10;

/** An SSM document MGN runs on each test and cutover instance, in order. */
export interface PostLaunchAction {
  /** Shown in the MGN console. */
  readonly name: string;
  /** The document's name (or ARN). */
  readonly documentName: string;
  /** Whether a failure blocks the cutover. @default true */
  readonly mustSucceedForCutover?: boolean;
  /** @default 900 */
  readonly timeoutSeconds?: number;
}

export interface MgnLaunchTemplateProps {
  /** Launch with the source's own operating-system licence (Linux subscriptions that move). @default false: licence-included */
  readonly osByol?: boolean;
  /**
   * NONE keeps the instance type the import file sets per server; BASIC lets MGN pick one from the
   * source's CPU and memory. @default 'NONE'
   */
  readonly rightSizing?: 'NONE' | 'BASIC' | 'IN_AWS';
  /** Documents run after launch (CloudWatch agent, SSM agent, hardening), at most ten. @default - none */
  readonly postLaunchActions?: readonly PostLaunchAction[];
  /** The log group the post-launch commands write to. @default - none */
  readonly postLaunchLogGroupName?: string;
  /** Encrypts the SSM parameters of the post-launch actions. @default - not encrypted */
  readonly parametersKey?: kms.IKey;
  /** @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * An AWS Application Migration Service launch configuration template: how the test and cutover
 * instances start. Secure by default: no public IP, the source's private IP not copied (the target
 * subnet has its own range), source tags copied, gp3 volumes, started so the post-launch actions
 * run, and those actions run on test and cutover alike so the cutover repeats what was tested.
 */
export class MgnLaunchTemplate extends Construct {
  readonly template: mgn.CfnLaunchConfigurationTemplate;

  constructor(scope: Construct, id: string, props: MgnLaunchTemplateProps) {
    super(scope, id);
    const actions = props.postLaunchActions ?? [];
    if (actions.length > MAX_POST_LAUNCH_DOCUMENTS) {
      throw new Error(
        `MgnLaunchTemplate ${id}: MGN runs at most ${MAX_POST_LAUNCH_DOCUMENTS} post-launch documents, got ${actions.length}`,
      );
    }
    const volume = { volumeType: 'gp3' };
    this.template = new mgn.CfnLaunchConfigurationTemplate(this, 'Template', {
      launchDisposition: 'STARTED',
      targetInstanceTypeRightSizingMethod: props.rightSizing ?? 'NONE',
      copyPrivateIp: false,
      copyTags: true,
      associatePublicIpAddress: false,
      bootMode: 'USE_SOURCE',
      licensing: { osByol: props.osByol ?? false },
      smallVolumeConf: volume,
      largeVolumeConf: volume,
      ...(props.parametersKey
        ? { enableParametersEncryption: true, parametersEncryptionKey: props.parametersKey.keyArn }
        : {}),
      ...(actions.length === 0
        ? {}
        : {
            postLaunchActions: {
              deployment: 'TEST_AND_CUTOVER',
              ...(props.postLaunchLogGroupName === undefined
                ? {}
                : { cloudWatchLogGroupName: props.postLaunchLogGroupName }),
              ssmDocuments: actions.map((a) => ({
                actionName: a.name,
                ssmDocumentName: a.documentName,
                mustSucceedForCutover: a.mustSucceedForCutover ?? true,
                timeoutSeconds: a.timeoutSeconds ?? 900,
              })),
            },
          }),
      tags: Object.entries(props.tags ?? {}).map(([key, value]): CfnTag => ({ key, value })),
    });
    acknowledgeMgnResourceType(this.template);
  }
}
