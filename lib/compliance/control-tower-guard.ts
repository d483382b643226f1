/* eslint-disable @typescript-eslint/no-deprecated --
   The package's CfnGuardValidator implements the Beta1 plugin interfaces; this wrapper hands its
   context straight to it, so it speaks the same ones. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
} from 'aws-cdk-lib';
import { z } from 'zod';

/** Where the package keeps its AWS Control Tower proactive controls, one `.guard` file per control. */
export const CONTROL_TOWER_RULES_DIR = join(
  dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')),
  'rules',
  'control-tower',
  'cfn-guard',
);

/** One control: its file, and the CloudFormation resource types it inspects (empty: unknown, so every template). */
export interface GuardRuleFile {
  readonly path: string;
  readonly resourceTypes: ReadonlySet<string>;
}

const RESOURCE_TYPE = /["'](AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)["']/g;

function guardFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return guardFiles(path);
    return entry.name.endsWith('.guard') ? [path] : [];
  });
}

/**
 * Every control under `dir` except the disabled ones, with the resource types it names outside
 * comments. Each control selects its resources with `Resources.*[ Type == <a constant> ]`, so a
 * control that names none of a template's types has nothing to inspect there.
 */
export function readGuardRules(dir: string, disabled: readonly string[]): GuardRuleFile[] {
  return guardFiles(dir)
    .filter((path) => !disabled.includes(parse(path).name))
    .sort()
    .map((path) => {
      const resourceTypes = new Set<string>();
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (line.trimStart().startsWith('#')) continue;
        for (const match of line.matchAll(RESOURCE_TYPE)) resourceTypes.add(match[1] ?? '');
      }
      return { path, resourceTypes };
    });
}

const TemplateResources = z.looseObject({
  Resources: z.record(z.string(), z.looseObject({ Type: z.string() })).optional(),
});

/** The resource types a template declares; undefined when it cannot be read, so every control runs on it. */
function templateResourceTypes(templatePath: string): Set<string> | undefined {
  try {
    const parsed = TemplateResources.safeParse(JSON.parse(readFileSync(templatePath, 'utf8')));
    return parsed.success
      ? new Set(Object.values(parsed.data.Resources ?? {}).map((r) => r.Type))
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Templates grouped by the controls that can apply to them: each group is one cfn-guard run with
 * only those controls. Templates that no control applies to are left out.
 */
export function groupTemplatesByRules(
  templatePaths: readonly string[],
  rules: readonly GuardRuleFile[],
): { rules: string[]; templates: string[] }[] {
  const groups = new Map<string, { rules: string[]; templates: string[] }>();
  for (const template of templatePaths) {
    const types = templateResourceTypes(template);
    const selected = rules
      .filter(
        (r) =>
          types === undefined || r.resourceTypes.size === 0 || [...r.resourceTypes].some((t) => types.has(t)),
      )
      .map((r) => r.path);
    if (selected.length === 0) continue;
    const key = selected.join('\n');
    const group = groups.get(key) ?? { rules: selected, templates: [] };
    group.templates.push(template);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export interface ControlTowerGuardProps {
  /** Control file names (without `.guard`) not to run, e.g. `ct-rds-pr-14`. */
  readonly disabledRules?: readonly string[];
  /** Largest cfn-guard report one run may print, in bytes. */
  readonly maxBuffer?: number;
}

/**
 * The AWS Control Tower proactive controls of `@cdklabs/cdk-validator-cfnguard`, with the same
 * name, rules and findings, but each template checked only against the controls for the resource
 * types it declares. The bundled cfn-guard binary spends about 75 ms per resource per full rule
 * set here (it is allocator-bound), so running all 237 controls over every resource made the
 * controls most of a large synth; a workload template needs about 40 of them.
 */
export class ControlTowerGuardValidator implements IPolicyValidationPluginBeta1 {
  readonly name: string;
  readonly version?: string;
  readonly ruleIds?: string[];
  private readonly disabledRules: string[];
  private readonly maxBuffer: number | undefined;
  private rules: GuardRuleFile[] | undefined;

  constructor(props: ControlTowerGuardProps = {}) {
    this.disabledRules = [...(props.disabledRules ?? [])];
    this.maxBuffer = props.maxBuffer;
    // The package's own plugin names the findings (`cdk-validator-cfnguard::<rule>`), so
    // acknowledgements written against it keep matching.
    const full = new CfnGuardValidator({ controlTowerRulesEnabled: true, disabledRules: this.disabledRules });
    this.name = full.name;
    this.version = full.version;
    this.ruleIds = full.ruleIds;
  }

  validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    this.rules ??= readGuardRules(CONTROL_TOWER_RULES_DIR, this.disabledRules);
    const reports = groupTemplatesByRules(context.templatePaths, this.rules).map((group) =>
      new CfnGuardValidator({
        controlTowerRulesEnabled: false,
        rules: group.rules,
        disabledRules: this.disabledRules,
        ...(this.maxBuffer === undefined ? {} : { maxBuffer: this.maxBuffer }),
      }).validate({ ...context, templatePaths: group.templates }),
    );
    return {
      success: reports.every((r) => r.success),
      violations: reports.flatMap((r) => r.violations),
    };
  }
}
