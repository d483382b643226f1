import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readValidationReport, type ValidationReport } from './validation-report';
import { cannotRead, InputError } from '../errors';
import { isRecord, parseTemplate, type CfnTemplate } from './template';

/*
 * The one reader of a synthesised cloud assembly (cdk.out): the manifest's stacks with where each
 * deploys, their templates, the validation report and the deployment record the synth wrote. It
 * does not judge whether the assembly is current: lib/assembly/open.ts does that for every command.
 */

export const MANIFEST_FILE = 'manifest.json';
export const VALIDATION_REPORT_FILE = 'validation-report.json';

export interface AssemblyStack {
  /** The artifact id, the name `cdk deploy` takes. */
  readonly stackId: string;
  /** The CloudFormation stack name (what cross-stack references name). */
  readonly stackName: string;
  readonly account: string;
  readonly region: string;
  /** The template file, relative to the assembly directory. */
  readonly templateFile: string;
  readonly templateBytes: number;
  /** The template's typed view (resources, outputs and parameters parsed). */
  readonly template: CfnTemplate;
  /** The template exactly as written, for diffs that must see every key. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Artifact ids of the stacks this one depends on (references and explicit dependencies). */
  readonly dependencies: readonly string[];
  /** The role CloudFormation deploys with, as the synthesizer wrote it (qualifier and account). */
  readonly deployRoleArn?: string;
  /** The bootstrap stack version the stack needs, when the synthesizer declared one. */
  readonly requiresBootstrapStackVersion?: number;
  /** The lookup role's bootstrap version, when the stack has one. */
  readonly lookupRoleBootstrapVersion?: number;
  /** True when `cdk deploy` uploads the template to the bootstrap bucket (not passed inline). */
  readonly uploadedTemplate: boolean;
}

export interface Assembly {
  readonly dir: string;
  readonly stacks: readonly AssemblyStack[];
  /** Present when the synth ran the validation plugins. */
  readonly validationReport?: ValidationReport;
}

const Artifact = z.looseObject({
  type: z.string(),
  environment: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  properties: z
    .looseObject({
      templateFile: z.string().optional(),
      stackName: z.string().optional(),
      assumeRoleArn: z.string().optional(),
      requiresBootstrapStackVersion: z.number().optional(),
      stackTemplateAssetObjectUrl: z.string().optional(),
      lookupRole: z.looseObject({ requiresBootstrapStackVersion: z.number().optional() }).optional(),
    })
    .optional(),
});
const Manifest = z.looseObject({ artifacts: z.record(z.string(), Artifact).default({}) });

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(cannotRead(file, error));
  }
}

/** Reads an assembly directory; throws InputError naming the file when it is missing or malformed. */
export function readAssembly(dir: string): Assembly {
  const manifestFile = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) {
    throw new InputError(
      `${dir} has no ${MANIFEST_FILE}: there is no synthesised assembly. Run \`npm run synth\`.`,
    );
  }
  const manifest = Manifest.safeParse(readJson(manifestFile));
  if (!manifest.success) {
    throw new InputError(`${manifestFile} is not a cloud assembly manifest: ${manifest.error.message}`);
  }
  const artifacts = manifest.data.artifacts;
  const stackIds = new Set(
    Object.entries(artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id]) => id),
  );
  const stacks: AssemblyStack[] = [];
  for (const [stackId, artifact] of Object.entries(artifacts).sort(([a], [b]) => a.localeCompare(b))) {
    const templateFile = artifact.properties?.templateFile;
    if (artifact.type !== 'aws:cloudformation:stack' || templateFile === undefined) {
      continue;
    }
    const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
    const file = join(dir, templateFile);
    const raw = readJson(file);
    const parsed = parseTemplate(artifact.properties?.stackName ?? stackId, raw);
    // The parsed sections replace the raw ones, so nothing malformed is passed on as typed.
    const template: CfnTemplate = {
      ...(isRecord(raw) ? raw : {}),
      Resources: parsed.resources,
      Outputs: parsed.outputs,
      Parameters: parsed.parameters,
    };
    stacks.push({
      stackId,
      stackName: artifact.properties?.stackName ?? stackId,
      account: env?.[1] ?? 'unknown-account',
      region: env?.[2] ?? 'unknown-region',
      templateFile,
      templateBytes: statSync(file).size,
      template,
      raw: isRecord(raw) ? raw : {},
      dependencies: (artifact.dependencies ?? []).filter((d) => stackIds.has(d)),
      uploadedTemplate: artifact.properties?.stackTemplateAssetObjectUrl !== undefined,
      ...(artifact.properties?.lookupRole?.requiresBootstrapStackVersion === undefined
        ? {}
        : { lookupRoleBootstrapVersion: artifact.properties.lookupRole.requiresBootstrapStackVersion }),
      ...(artifact.properties?.assumeRoleArn === undefined
        ? {}
        : { deployRoleArn: artifact.properties.assumeRoleArn }),
      ...(artifact.properties?.requiresBootstrapStackVersion === undefined
        ? {}
        : { requiresBootstrapStackVersion: artifact.properties.requiresBootstrapStackVersion }),
    });
  }
  const reportFile = join(dir, VALIDATION_REPORT_FILE);
  return {
    dir,
    stacks,
    ...(existsSync(reportFile) ? { validationReport: readValidationReport(reportFile) } : {}),
  };
}

/** The templates by artifact id, as the change guard and the diff compare them. */
export function templatesById(assembly: Assembly): Record<string, Record<string, unknown>> {
  return Object.fromEntries(assembly.stacks.map((s) => [s.stackId, { ...s.raw }]));
}
