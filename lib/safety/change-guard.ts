import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import type { AllowEntry, ChangeKind } from './allow-list';
import { isStateful } from './stateful-types';

export interface StackTemplates {
  /** Stack artifact id → parsed template. */
  readonly [stack: string]: Record<string, unknown>;
}

export interface StatefulChange {
  readonly stack: string;
  readonly logicalId: string;
  readonly type: string;
  readonly change: ChangeKind;
  /** True when CloudFormation may (not will) replace the resource. */
  readonly possible: boolean;
  /** Properties whose change causes a replacement. */
  readonly causes: string[];
  /** Set when a new resource of the same type appeared in the stack: probably a renamed construct. */
  readonly renamedTo?: string;
  /** The allow-list entry that accepts this change, if any. */
  readonly allowedBy?: AllowEntry;
}

export interface GuardResult {
  readonly changes: StatefulChange[];
  readonly blocked: StatefulChange[];
  /** Allow-list entries that matched nothing: stale exceptions to remove. */
  readonly unusedAllowances: AllowEntry[];
  readonly stacksCompared: number;
}

function kindOf(impact: ResourceImpact): { change: ChangeKind; possible: boolean } | undefined {
  switch (impact) {
    case ResourceImpact.WILL_REPLACE:
      return { change: 'replace', possible: false };
    case ResourceImpact.MAY_REPLACE:
      return { change: 'replace', possible: true };
    case ResourceImpact.WILL_DESTROY:
      return { change: 'destroy', possible: false };
    case ResourceImpact.WILL_ORPHAN:
      return { change: 'orphan', possible: false };
    default:
      return undefined;
  }
}

function resourcesOf(template: Record<string, unknown> | undefined): Record<string, { Type?: unknown }> {
  const resources = template?.['Resources'];
  return resources !== null && typeof resources === 'object'
    ? Object.fromEntries(Object.entries(resources))
    : {};
}

/** A replacement, deletion or orphaning of any resource, stateful or not (the review pack lists both). */
export interface ResourceChange extends Omit<StatefulChange, 'allowedBy'> {
  readonly stateful: boolean;
}

/**
 * Every resource that deploying the current synth would replace, delete or orphan compared with the
 * baseline, stateful or not. A stack missing from the current synth counts as deleting all of it.
 */
export function resourceChanges(baseline: StackTemplates, current: StackTemplates): ResourceChange[] {
  const changes: ResourceChange[] = [];
  for (const stack of Object.keys(baseline).sort()) {
    const before = baseline[stack] ?? {};
    const after = current[stack] ?? { Resources: {} };
    const diff = fullDiff(before, after);
    // New resources by type, in template order, to pair each removed resource with its likely rename.
    const addedByType = new Map<string, string[]>();
    for (const [id, r] of Object.entries(resourcesOf(after))) {
      if (!(id in resourcesOf(before)) && typeof r.Type === 'string') {
        addedByType.set(r.Type, [...(addedByType.get(r.Type) ?? []), id]);
      }
    }
    diff.resources.forEachDifference((logicalId, change) => {
      const type = change.oldResourceType ?? change.newResourceType ?? '';
      const kind = kindOf(change.changeImpact);
      if (!kind) {
        return;
      }
      const causes = Object.entries(change.propertyUpdates)
        .filter(
          ([, update]) =>
            update.changeImpact === ResourceImpact.WILL_REPLACE ||
            update.changeImpact === ResourceImpact.MAY_REPLACE,
        )
        .map(([name]) => name);
      const stateful = isStateful(type);
      // Only a stateful removal is paired with a rename, as before: the pairing consumes candidates.
      const renamedTo = change.isRemoval && stateful ? addedByType.get(type)?.shift() : undefined;
      changes.push({ stack, logicalId, type, ...kind, causes, renamedTo, stateful });
    });
  }
  return changes;
}

/**
 * Compares the current synth with the accepted baseline and lists every stateful resource that
 * would be replaced, deleted or orphaned (removed from CloudFormation's care) by deploying it.
 * A stack missing from the current synth counts as deleting everything stateful in it.
 */
export function guardChanges(
  baseline: StackTemplates,
  current: StackTemplates,
  allowList: readonly AllowEntry[],
): GuardResult {
  const changes: StatefulChange[] = resourceChanges(baseline, current)
    .filter((c) => c.stateful)
    .map((c) => ({
      stack: c.stack,
      logicalId: c.logicalId,
      type: c.type,
      change: c.change,
      possible: c.possible,
      causes: c.causes,
      renamedTo: c.renamedTo,
    }));
  const used = new Set<AllowEntry>();
  const withAllowances = changes.map((c) => {
    const entry = allowList.find(
      (a) => a.stack === c.stack && a.logicalId === c.logicalId && a.change === c.change,
    );
    if (entry) {
      used.add(entry);
    }
    return entry ? { ...c, allowedBy: entry } : c;
  });
  return {
    changes: withAllowances,
    blocked: withAllowances.filter((c) => c.allowedBy === undefined),
    unusedAllowances: allowList.filter((a) => !used.has(a)),
    stacksCompared: Object.keys(baseline).length,
  };
}

export function describeChange(c: StatefulChange): string {
  const verb = {
    replace: c.possible ? 'may be REPLACED' : 'will be REPLACED',
    destroy: 'will be DELETED',
    orphan: 'will be ORPHANED (removed from the stack, left running unmanaged)',
  }[c.change];
  const why =
    c.causes.length > 0
      ? ` because ${c.causes.join(', ')} changed`
      : c.renamedTo
        ? `: its construct appears to have been renamed (new logical id ${c.renamedTo}); restore the old construct ID`
        : '';
  return `${c.stack}/${c.logicalId} (${c.type}) ${verb}${why}`;
}
