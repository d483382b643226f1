import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenedAssembly } from '../assembly/open';
import type { AssemblyStack } from '../assembly/read';
import { REPOSITORY_ROOT } from '../assembly/provenance';
import type { LandingZoneConfig } from '../config/schema';
import {
  BOOTSTRAP_QUALIFIER,
  deploymentEnvironments,
  type DeploymentEnvironment,
} from '../delivery/environments';
import type { DeploymentRecord } from '../delivery/record';
import type { PipelineModel } from './pipelines';

/*
 * The deployment as CloudFormation will run it: every stack of the assembly with the account,
 * region and stage it deploys in, the pipelines that deploy it, and the accounts and regions the
 * documented bootstrap prepares. The checks in ./checks read only this.
 */

export interface PlacedStack {
  readonly stack: AssemblyStack;
  /** Position of its stage in the deployment order; undefined when no stage deploys it. */
  readonly stageIndex?: number;
  readonly stageId?: string;
}

export interface DeploymentModel {
  readonly stacks: readonly PlacedStack[];
  readonly record: DeploymentRecord;
  readonly pipelines: readonly PipelineModel[];
  /** What the bootstrap commands prepare (lz bootstrap, docs/delivery.md). */
  readonly environments: readonly DeploymentEnvironment[];
  readonly bootstrap: { readonly qualifier: string; readonly templateVersion: number };
}

/** The bootstrap template version the pinned CDK CLI installs (its own template says). */
export function pinnedBootstrapVersion(): number {
  const template = readFileSync(
    join(REPOSITORY_ROOT, 'node_modules', 'aws-cdk', 'lib', 'api', 'bootstrap', 'bootstrap-template.yaml'),
    'utf8',
  );
  const match = /CdkBootstrapVersion:[\s\S]*?Value:\s*'?(\d+)'?/.exec(template);
  if (!match?.[1]) {
    throw new Error('cannot read the bootstrap template version of the pinned aws-cdk CLI');
  }
  return Number(match[1]);
}

export function deploymentModel(
  assembly: OpenedAssembly,
  record: DeploymentRecord,
  config: LandingZoneConfig,
  pipelines: readonly PipelineModel[],
  templateVersion: number = pinnedBootstrapVersion(),
): DeploymentModel {
  const stageOf = new Map<string, { index: number; id: string }>();
  record.stages.forEach((stage, index) => {
    for (const id of stage.stacks) {
      stageOf.set(id, { index, id: stage.id });
    }
  });
  return {
    stacks: assembly.stacks.map((stack) => {
      const stage = stageOf.get(stack.stackId);
      return stage === undefined ? { stack } : { stack, stageIndex: stage.index, stageId: stage.id };
    }),
    record,
    pipelines,
    environments: deploymentEnvironments(config),
    bootstrap: { qualifier: BOOTSTRAP_QUALIFIER, templateVersion },
  };
}

/** "KvdcVpcProduction (111111111111 eu-west-2, stage network-network)" */
export function where(placed: PlacedStack): string {
  const s = placed.stack;
  return `${s.stackId} (${s.account} ${s.region}${placed.stageId === undefined ? '' : `, stage ${placed.stageId}`})`;
}
