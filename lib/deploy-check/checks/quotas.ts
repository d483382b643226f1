import { where } from '../model';
import type { DeployCheck } from './types';

/** CloudFormation's per-template quotas (AWS CloudFormation User Guide, "Quotas"). */
export const TEMPLATE_QUOTAS = {
  resources: 500,
  outputs: 200,
  parameters: 200,
  mappings: 200,
  /** A template uploaded to S3, as `cdk deploy` does through the bootstrap bucket. */
  bytesFromS3: 1_000_000,
  /** A template passed in the API call itself. */
  bytesInline: 51_200,
} as const;

/** Share of a quota above which the check notes that a stack is close to it. */
const NEAR = 0.8;

export const templateQuotas: DeployCheck = (model) => {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const placed of model.stacks) {
    const t = placed.stack.template;
    const counts: [string, number, number][] = [
      ['resources', Object.keys(t.Resources ?? {}).length, TEMPLATE_QUOTAS.resources],
      ['outputs', Object.keys(t.Outputs ?? {}).length, TEMPLATE_QUOTAS.outputs],
      ['parameters', Object.keys(t.Parameters ?? {}).length, TEMPLATE_QUOTAS.parameters],
      ['mappings', Object.keys(t.Mappings ?? {}).length, TEMPLATE_QUOTAS.mappings],
    ];
    // `cdk deploy` uploads every template to the bootstrap bucket (the manifest names its asset URL).
    const limit = placed.stack.uploadedTemplate ? TEMPLATE_QUOTAS.bytesFromS3 : TEMPLATE_QUOTAS.bytesInline;
    counts.push(['template bytes', placed.stack.templateBytes, limit]);
    for (const [what, count, quota] of counts) {
      if (count > quota) {
        problems.push(
          `${where(placed)}: ${count} ${what}, over CloudFormation's limit of ${quota} per stack`,
        );
      } else if (count > quota * NEAR) {
        notes.push(`${where(placed)}: ${count} ${what}, close to CloudFormation's limit of ${quota}`);
      }
    }
  }
  return {
    id: 'quotas',
    title:
      "Every template within CloudFormation's quotas (500 resources, 200 outputs, parameters and mappings, size)",
    prevents:
      'a stack that CloudFormation rejects before creating anything because its template is too large',
    problems,
    notes,
  };
};
