/* eslint-disable @typescript-eslint/no-deprecated --
   The package's CfnGuardValidator implements the Beta1 plugin interfaces; this wrapper hands its
   context straight to it, so it speaks the same ones. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, parse, resolve } from 'node:path';
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

const Template = z.looseObject({
  Resources: z.record(z.string(), z.looseObject({ Type: z.string() })).optional(),
});
type Template = z.infer<typeof Template>;

function readTemplate(templatePath: string): Template | undefined {
  try {
    const parsed = Template.safeParse(JSON.parse(readFileSync(templatePath, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** One cfn-guard run: some controls over some templates, each cut down to the resources they inspect. */
export interface GuardRun {
  readonly rules: string[];
  /** Per template: the resource types kept in the view the controls see; `all` keeps the template whole. */
  readonly views: { readonly template: string; readonly types: ReadonlySet<string> | 'all' }[];
}

/**
 * The cfn-guard runs that check these templates: one per set of resource types that controls
 * select, over a view of each template holding only resources of those types (every other
 * top-level section kept). Control Tower controls are written to evaluate one resource at a time
 * (each also runs as a CloudFormation hook, which sees a single resource), so a control sees the
 * same resources in the view as in the whole template. A control that names no type, and a template
 * that cannot be read, are run whole.
 */
export function planGuardRuns(
  templatePaths: readonly string[],
  rules: readonly GuardRuleFile[],
  read: (path: string) => Template | undefined = readTemplate,
): GuardRun[] {
  const templates = templatePaths.map((path) => ({ path, template: read(path) }));
  const readable = templates.filter((t) => t.template !== undefined);
  const unreadable = templates.filter((t) => t.template === undefined).map((t) => t.path);
  const runs = new Map<string, GuardRun>();
  for (const rule of rules) {
    const key = [...rule.resourceTypes].sort().join(' ');
    let run = runs.get(key);
    if (run === undefined) {
      const views = readable
        .filter(
          (t) =>
            rule.resourceTypes.size === 0 ||
            Object.values(t.template?.Resources ?? {}).some((r) => rule.resourceTypes.has(r.Type)),
        )
        .map((t) => ({
          template: t.path,
          types: rule.resourceTypes.size === 0 ? ('all' as const) : rule.resourceTypes,
        }));
      run = { rules: [], views };
      runs.set(key, run);
    }
    run.rules.push(rule.path);
  }
  const planned = [...runs.values()].filter((r) => r.views.length > 0);
  if (unreadable.length > 0) {
    planned.push({
      rules: rules.map((r) => r.path),
      views: unreadable.map((template) => ({ template, types: 'all' })),
    });
  }
  return planned;
}

/** Writes a run's views into `dir`; returns each view file with the template it stands for. */
function writeViews(
  run: GuardRun,
  dir: string,
  index: number,
  read: (path: string) => Template | undefined,
): Map<string, string> {
  const files = new Map<string, string>();
  run.views.forEach((view, i) => {
    const types = view.types;
    if (types === 'all') {
      files.set(view.template, view.template);
      return;
    }
    const template = read(view.template) ?? {};
    const resources = Object.entries(template.Resources ?? {}).filter(([, r]) => types.has(r.Type));
    const file = join(dir, `run${String(index)}-${String(i)}-${basename(view.template)}`);
    writeFileSync(file, JSON.stringify({ ...template, Resources: Object.fromEntries(resources) }));
    // cfn-guard names each data file by its absolute path; so does the view's stand-in.
    files.set(file, resolve(view.template));
  });
  return files;
}

export interface ControlTowerGuardProps {
  /** Control file names (without `.guard`) not to run, e.g. `ct-rds-pr-14`. */
  readonly disabledRules?: readonly string[];
  /** Largest cfn-guard report one run may print, in bytes. */
  readonly maxBuffer?: number;
}

/**
 * The AWS Control Tower proactive controls of `@cdklabs/cdk-validator-cfnguard`, with the same
 * name, rules and findings, but each control run only over the resources of the types it inspects
 * (`planGuardRuns`). The bundled cfn-guard binary's time grows with the size of the document times
 * the number of controls (about 7 s for one 87-resource workload template against all 237 controls
 * here), so running every control over every template was most of a large synth.
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
    const dir = mkdtempSync(join(tmpdir(), 'lz-guard-'));
    try {
      // Each template is parsed once, however many views are cut from it.
      const parsed = new Map<string, Template | undefined>();
      const read = (path: string): Template | undefined => {
        if (!parsed.has(path)) parsed.set(path, readTemplate(path));
        return parsed.get(path);
      };
      const reports = planGuardRuns(context.templatePaths, this.rules, read).map((run, index) => {
        const files = writeViews(run, dir, index, read);
        const report = new CfnGuardValidator({
          controlTowerRulesEnabled: false,
          rules: run.rules,
          disabledRules: this.disabledRules,
          ...(this.maxBuffer === undefined ? {} : { maxBuffer: this.maxBuffer }),
        }).validate({ ...context, templatePaths: [...files.keys()] });
        // Findings name the template the view was cut from, so they attach to its constructs.
        return {
          success: report.success,
          violations: report.violations.map((v) => ({
            ...v,
            violatingResources: v.violatingResources.map((r) => ({
              ...r,
              templatePath: files.get(r.templatePath) ?? r.templatePath,
            })),
          })),
        };
      });
      return {
        success: reports.every((r) => r.success),
        violations: reports.flatMap((r) => r.violations),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
