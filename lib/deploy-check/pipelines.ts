import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/*
 * What each pipeline hands CloudFormation besides the templates: the parameter values it supplies.
 * GitHub Actions deploys with `cdk deploy --app cdk.out` in .github/workflows/deploy-stage.yml, so
 * its `--parameters` flags are read from that file. CodePipeline is CDK Pipelines, whose
 * CloudFormation actions take no parameter overrides (test/synth/delivery-pipeline.test.ts pins that
 * against the synthesised pipeline), so it supplies none.
 */

export interface PipelineModel {
  /** How the pipeline is named in messages. */
  readonly name: string;
  /** Whether the pipeline passes a value for `parameter` to the stack `stackId`. */
  supplies(stackId: string, parameter: string): boolean;
}

export const GITHUB_DEPLOY_WORKFLOW = '.github/workflows/deploy-stage.yml';

const Workflow = z.looseObject({
  jobs: z.record(
    z.string(),
    z.looseObject({ steps: z.array(z.looseObject({ run: z.string().optional() })).optional() }),
  ),
});

/** `--parameters [Stack:]Name=value` flags of every `cdk deploy` command in the text. */
export function deployParameters(script: string): { stack?: string; name: string }[] {
  const found: { stack?: string; name: string }[] = [];
  for (const line of script.split('\n').filter((l) => /\bcdk\s+deploy\b/.test(l))) {
    for (const match of line.matchAll(/--parameters[=\s]+["']?(?:([\w-]+):)?([A-Za-z0-9]+)=/g)) {
      found.push({ ...(match[1] === undefined ? {} : { stack: match[1] }), name: match[2] ?? '' });
    }
  }
  return found;
}

export function githubActionsPipeline(file = GITHUB_DEPLOY_WORKFLOW): PipelineModel {
  const name = `GitHub Actions (${file})`;
  if (!existsSync(file)) {
    return { name, supplies: () => false };
  }
  const workflow = Workflow.safeParse(parse(readFileSync(file, 'utf8')));
  const scripts = workflow.success
    ? Object.values(workflow.data.jobs).flatMap((job) => (job.steps ?? []).map((s) => s.run ?? ''))
    : [];
  const supplied = scripts.flatMap(deployParameters);
  return {
    name,
    supplies: (stackId, parameter) =>
      supplied.some((p) => p.name === parameter && (p.stack === undefined || p.stack === stackId)),
  };
}

export const CODEPIPELINE: PipelineModel = {
  name: 'CodePipeline (CDK Pipelines, which passes no parameters)',
  supplies: () => false,
};
