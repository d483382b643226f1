/*
 * The tool versions the CodePipeline installs. Unpinned, CDK Pipelines installs the latest
 * `aws-cdk` and `cdk-assets` from npm in its self-mutation and publishing steps: a compromised or
 * broken release would run with the pipeline's deploy rights in every account.
 */

/** The CDK CLI: the same version package.json pins for `npx cdk` (a test keeps them equal). */
export const PIPELINE_CDK_CLI_VERSION = '2.1148.1';

/** cdk-assets, which publishes file and image assets in the pipeline's publishing steps. */
export const PIPELINE_CDK_ASSETS_VERSION = '4.7.3';
