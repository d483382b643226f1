import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CloudFormation template as JSON: only the parts the DR check reads are typed. */
export interface Template {
  readonly Resources?: Readonly<Record<string, TemplateResource>>;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly DeletionPolicy?: string;
}

export interface StackTemplate {
  readonly stackId: string;
  /** The CloudFormation stack name (what cross-stack references name), from the manifest. */
  readonly stackName?: string;
  readonly account: string;
  readonly region: string;
  readonly template: Template;
}

interface ManifestArtifact {
  readonly type?: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string; readonly stackName?: string };
}

/** Reads every stack template of a cloud assembly (cdk.out), with the account and region it deploys to. */
export function readAssembly(directory: string): StackTemplate[] {
  const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks: StackTemplate[] = [];
  for (const [stackId, artifact] of Object.entries(manifest.artifacts ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (artifact.type !== 'aws:cloudformation:stack' || artifact.properties?.templateFile === undefined) {
      continue;
    }
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
    const template = JSON.parse(
      readFileSync(join(directory, artifact.properties.templateFile), 'utf8'),
    ) as Template;
    stacks.push({
      stackId,
      stackName: artifact.properties.stackName ?? stackId,
      account: env?.[1] ?? 'unknown-account',
      region: env?.[2] ?? 'unknown-region',
      template,
    });
  }
  return stacks;
}
