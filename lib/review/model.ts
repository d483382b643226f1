import { parseTemplate } from '../assembly/template';
import { TemplateSet } from '../analysis/templates';
import { unacknowledgedFindings, type Finding } from '../assembly/validation-report';
import type { LandingZoneConfig } from '../config/schema';
import type { CostReport } from '../figures/format';
import type { OpenedAssembly } from '../assembly/open';
import { templatesById, type AssemblyStack } from '../assembly/read';
import { assessAssembly, type DrReport } from '../dr/assess';
import { extractFacts } from '../dr/model';
import { acknowledgementRegister, type Acknowledgement } from '../gate/acknowledgements';
import type { AllowEntry } from '../safety/allow-list';
import { readTemplates } from '../safety/baseline-files';
import { guardChanges, resourceChanges, type ResourceChange } from '../safety/change-guard';
import { isStateful } from '../safety/stateful-types';
import { networkView, type NetworkView } from './network';

/*
 * Everything the architect's review pack shows, read from the synthesised assembly (templates,
 * manifest, validation report), the accepted baselines and the cost estimate. Pure apart from reading
 * those files; the HTML page and the Markdown summary both render this one model.
 */

export interface StackSummary {
  readonly id: string;
  readonly stackName: string;
  readonly region: string;
  readonly resources: number;
  readonly stateful: number;
}

export interface AccountSummary {
  readonly account: string;
  /** The account's name in the configuration, or "" when the configuration does not name it. */
  readonly name: string;
  readonly stacks: readonly StackSummary[];
  readonly resources: number;
}

export interface PluginSummary {
  readonly plugin: string;
  readonly findings: number;
  readonly acknowledged: number;
}

export interface ReviewChange extends ResourceChange {
  readonly allowedBy?: AllowEntry;
}

export interface ReviewModel {
  readonly title: string;
  readonly asOf: string;
  readonly assembly: string;
  /** Why the assembly is not current, when --allow-stale let it through; empty otherwise. */
  readonly stale: readonly string[];
  readonly accounts: readonly AccountSummary[];
  readonly totals: { readonly accounts: number; readonly stacks: number; readonly resources: number };
  readonly network: NetworkView;
  readonly security: {
    readonly findings: readonly Finding[];
    readonly acknowledgements: readonly Acknowledgement[];
    readonly plugins: readonly PluginSummary[];
  };
  readonly dr: DrReport;
  readonly changes: {
    readonly baselineStacks: number;
    /** Stateful first, then by stack and logical id. */
    readonly list: readonly ReviewChange[];
    /** Stateful changes with no allow-list entry: what the change guard blocks. */
    readonly blocked: number;
  };
  readonly cost: CostReport;
}

export interface ReviewInputs {
  readonly assembly: OpenedAssembly;
  readonly config: LandingZoneConfig;
  readonly baselines: string;
  readonly allowList: readonly AllowEntry[];
  readonly cost: CostReport;
  readonly asOf: string;
}

function accountsOf(stacks: readonly AssemblyStack[], config: LandingZoneConfig): AccountSummary[] {
  const names = new Map(config.accounts.map((a) => [a.id, a.name] as const));
  const byAccount = new Map<string, StackSummary[]>();
  for (const s of stacks) {
    const resources = Object.values(s.template.Resources ?? {});
    byAccount.set(s.account, [
      ...(byAccount.get(s.account) ?? []),
      {
        id: s.stackId,
        stackName: s.stackName,
        region: s.region,
        resources: resources.length,
        stateful: resources.filter((r) => isStateful(r.Type)).length,
      },
    ]);
  }
  return [...byAccount.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, list]) => ({
      account,
      name: names.get(account) ?? '',
      stacks: list,
      resources: list.reduce((n, s) => n + s.resources, 0),
    }));
}

function plugins(findings: readonly Finding[], acks: readonly Acknowledgement[]): PluginSummary[] {
  const names = [...new Set([...findings.map((f) => f.plugin), ...acks.map((a) => a.plugin)])].sort();
  return names.map((plugin) => ({
    plugin,
    findings: findings.filter((f) => f.plugin === plugin).length,
    acknowledged: acks.filter((a) => a.plugin === plugin).length,
  }));
}

export function buildReviewModel(inputs: ReviewInputs): ReviewModel {
  const stacks = inputs.assembly.stacks;
  const report = inputs.assembly.validationReport;
  if (report === undefined) {
    throw new Error(`${inputs.assembly.dir} has no validation report: it was synthesised without the checks`);
  }
  const findings = unacknowledgedFindings(report);
  const acknowledgements = acknowledgementRegister(report);
  const set = new TemplateSet(stacks.map((s) => parseTemplate(s.stackName, s.template)));

  const baseline = readTemplates(inputs.baselines);
  const current = templatesById(inputs.assembly);
  const guard = guardChanges(baseline, current, inputs.allowList);
  const allowed = new Map(
    guard.changes.flatMap((c) => (c.allowedBy ? [[`${c.stack}/${c.logicalId}`, c.allowedBy] as const] : [])),
  );
  const list = resourceChanges(baseline, current)
    .map((c): ReviewChange => {
      const entry = allowed.get(`${c.stack}/${c.logicalId}`);
      return entry ? { ...c, allowedBy: entry } : c;
    })
    .sort(
      (a, b) =>
        Number(b.stateful) - Number(a.stateful) ||
        a.stack.localeCompare(b.stack) ||
        a.logicalId.localeCompare(b.logicalId),
    );

  const accounts = accountsOf(stacks, inputs.config);
  return {
    title: `${inputs.config.organisation.name}: architecture review pack`,
    asOf: inputs.asOf,
    assembly: inputs.assembly.dir,
    stale: inputs.assembly.stale,
    accounts,
    totals: {
      accounts: accounts.length,
      stacks: stacks.length,
      resources: accounts.reduce((n, a) => n + a.resources, 0),
    },
    network: networkView(set),
    security: { findings, acknowledgements, plugins: plugins(findings, acknowledgements) },
    dr: assessAssembly(extractFacts(stacks)),
    changes: { baselineStacks: Object.keys(baseline).length, list, blocked: guard.blocked.length },
    cost: inputs.cost,
  };
}
