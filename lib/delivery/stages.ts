import type { AccountConfig, AccountRole } from '../config/schema';

/*
 * The one source of the deployment order, used by `lz stages`, the GitHub Actions deploy workflow
 * and the CodePipeline stack. Every stack is placed in exactly one stage: a phase in one account.
 * Phases go in a fixed order (the security baseline and organisation-wide detection first, then
 * network and connectivity, data and backup, then the migration waves); within a phase, shared accounts deploy before workload accounts, and
 * non-production before production, so every change is rehearsed before it reaches live services.
 */

export const DEPLOYMENT_PHASES = ['baseline', 'detection', 'network', 'data', 'waves'] as const;
export type DeploymentPhase = (typeof DEPLOYMENT_PHASES)[number];

export const PHASE_TITLES: Readonly<Record<DeploymentPhase, string>> = {
  baseline:
    'security baseline: log archive, security tooling, then the management account’s organisation trail, guardrails and delegated administrators, then every account’s Config, hygiene defaults and alarm forwarding',
  detection:
    'organisation-wide detection from the security account: GuardDuty, Security Hub, IAM Access Analyzer and the Config aggregator',
  network: 'network and connectivity: Transit Gateway hub, VPCs, site-to-site VPNs, hybrid DNS',
  data: 'data and backup: backup-account vaults, then each workload account’s databases and backup plans, and the operations roles',
  waves: 'migration waves: MGN wave records and the target infrastructure of each migrating workload',
};

/** Account roles in deployment order within a phase. */
const ROLE_ORDER: readonly AccountRole[] = [
  // The security baseline's order: the archive first (everything writes to it), the security
  // account's tooling before the management account makes it the delegated administrator.
  'log-archive',
  'security',
  'management',
  'delivery',
  'network',
  'shared-services',
  'backup',
  'non-production',
  'production',
];

/** One stack as the stage plan sees it: its artifact id, where it deploys and its phase. */
export interface PlacedStack {
  /** The stack's artifact id, the name `cdk deploy` takes. */
  readonly id: string;
  readonly accountId: string;
  readonly region: string;
  readonly phase: DeploymentPhase;
}

export interface DeploymentStage {
  /** `<phase>-<account name>`, e.g. `data-production`; also the GitHub deploy job's suffix. */
  readonly id: string;
  readonly phase: DeploymentPhase;
  /** The account's name in configuration, which is also its GitHub environment. */
  readonly account: string;
  readonly accountId: string;
  readonly role: AccountRole;
  /** True for a production-role account: deploys only after a person approves. */
  readonly production: boolean;
  readonly regions: string[];
  /** Artifact ids, sorted; `cdk deploy` orders them by their dependencies within the stage. */
  readonly stacks: string[];
}

/** A stack whose account is not in configuration, or whose kind no phase claims. */
export class StagePlanError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the deployment stages cannot be planned:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StagePlanError';
  }
}

/** Groups stacks into ordered stages; throws with every problem at once. */
export function orderStages(
  stacks: readonly PlacedStack[],
  accounts: readonly AccountConfig[],
): DeploymentStage[] {
  const problems: string[] = [];
  const groups = new Map<string, { phase: DeploymentPhase; account: AccountConfig; stacks: PlacedStack[] }>();
  for (const stack of stacks) {
    const account = accounts.find((a) => a.id === stack.accountId);
    if (!account) {
      problems.push(`${stack.id} deploys to account ${stack.accountId}, which is not in accounts`);
      continue;
    }
    const key = `${stack.phase}-${account.name}`;
    const group = groups.get(key) ?? { phase: stack.phase, account, stacks: [] };
    group.stacks.push(stack);
    groups.set(key, group);
  }
  if (problems.length > 0) {
    throw new StagePlanError(problems);
  }
  const rank = (g: { phase: DeploymentPhase; account: AccountConfig }): [number, number, string] => [
    DEPLOYMENT_PHASES.indexOf(g.phase),
    ROLE_ORDER.indexOf(g.account.role),
    g.account.name,
  ];
  return [...groups.entries()]
    .sort(([, a], [, b]) => {
      const [pa, ra, na] = rank(a);
      const [pb, rb, nb] = rank(b);
      return pa - pb || ra - rb || na.localeCompare(nb);
    })
    .map(([id, g]) => ({
      id,
      phase: g.phase,
      account: g.account.name,
      accountId: g.account.id,
      role: g.account.role,
      production: g.account.role === 'production',
      regions: [...new Set(g.stacks.map((s) => s.region))].sort(),
      stacks: g.stacks.map((s) => s.id).sort(),
    }));
}

/**
 * Every dependency that the order would break: a stack deployed in a stage before a stack it
 * depends on (a cross-stack reference or an explicit dependency from the assembly manifest), or a
 * dependency on a stack no stage deploys.
 */
export function stageOrderProblems(
  stages: readonly DeploymentStage[],
  dependencies: ReadonlyMap<string, readonly string[]>,
): string[] {
  const stageIndex = new Map<string, number>();
  stages.forEach((stage, index) => {
    for (const stack of stage.stacks) {
      stageIndex.set(stack, index);
    }
  });
  const problems: string[] = [];
  stages.forEach((stage, index) => {
    for (const stack of stage.stacks) {
      for (const dependency of dependencies.get(stack) ?? []) {
        const at = stageIndex.get(dependency);
        if (at === undefined) {
          problems.push(`${stack} (stage ${stage.id}) depends on ${dependency}, which no stage deploys`);
        } else if (at > index) {
          problems.push(
            `${stack} (stage ${stage.id}) depends on ${dependency}, which deploys later in stage ${stages[at]?.id ?? ''}`,
          );
        }
      }
    }
  });
  return problems;
}
