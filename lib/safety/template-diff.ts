import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import type { StackTemplates } from './change-guard';
import { isStateful } from './stateful-types';

/*
 * An offline diff of the current synth against the accepted baselines, per stack and per resource,
 * for a pull request's summary. The change guard decides; this shows the reviewer everything that
 * changes, with the stateful resources marked so a replacement is never missed in a long list.
 */

export type ResourceAction = 'add' | 'remove' | 'modify' | 'replace' | 'may-replace' | 'orphan';

export interface ResourceChange {
  readonly logicalId: string;
  readonly type: string;
  readonly action: ResourceAction;
  readonly stateful: boolean;
  /** Changed property names (for modify and replace). */
  readonly properties: string[];
}

export interface StackDiff {
  readonly stack: string;
  readonly status: 'new' | 'removed' | 'changed';
  readonly resources: ResourceChange[];
  /** Outputs, parameters, conditions and other template sections that changed. */
  readonly otherChanges: number;
  readonly permissionsChanged: boolean;
}

function actionOf(change: ResourceDifference): ResourceAction {
  if (change.isAddition) return 'add';
  if (change.isRemoval) return change.changeImpact === ResourceImpact.WILL_ORPHAN ? 'orphan' : 'remove';
  switch (change.changeImpact) {
    case ResourceImpact.WILL_REPLACE:
      return 'replace';
    case ResourceImpact.MAY_REPLACE:
      return 'may-replace';
    case ResourceImpact.WILL_ORPHAN:
      return 'orphan';
    default:
      return 'modify';
  }
}

/** Every stack that differs between the baseline and the current synth, in name order. */
export function diffTemplates(baseline: StackTemplates, current: StackTemplates): StackDiff[] {
  const stacks = [...new Set([...Object.keys(baseline), ...Object.keys(current)])].sort();
  const out: StackDiff[] = [];
  for (const stack of stacks) {
    const before = baseline[stack];
    const after = current[stack];
    const diff = fullDiff(before ?? {}, after ?? {});
    if (diff.isEmpty) continue;
    const resources: ResourceChange[] = [];
    diff.resources.forEachDifference((logicalId, change) => {
      const type = change.newResourceType ?? change.oldResourceType ?? '';
      resources.push({
        logicalId,
        type,
        action: actionOf(change),
        stateful: isStateful(type),
        properties: change.isUpdate ? Object.keys(change.propertyUpdates).sort() : [],
      });
    });
    out.push({
      stack,
      status: before === undefined ? 'new' : after === undefined ? 'removed' : 'changed',
      resources,
      otherChanges: diff.differenceCount - diff.resources.differenceCount,
      permissionsChanged: diff.permissionsAnyChanges,
    });
  }
  return out;
}

const ACTION_LABELS: Readonly<Record<ResourceAction, string>> = {
  add: 'added',
  remove: '**deleted**',
  modify: 'modified',
  replace: '**replaced**',
  'may-replace': '**may be replaced**',
  orphan: '**orphaned**',
};

const escapeCell = (text: string): string => text.replace(/\|/g, '\\|');

/** The diff as Markdown for `$GITHUB_STEP_SUMMARY` or a pull-request comment. */
export function diffMarkdown(diffs: readonly StackDiff[], stacksCompared: number): string {
  const lines = ['## Template changes against the accepted baselines', ''];
  if (diffs.length === 0) {
    lines.push(`No change in any of ${String(stacksCompared)} stack(s).`, '');
    return lines.join('\n');
  }
  const risky = diffs.flatMap((d) =>
    d.resources.filter((r) => r.stateful && r.action !== 'add' && r.action !== 'modify'),
  );
  lines.push(
    `${String(diffs.length)} of ${String(stacksCompared)} stack(s) change; ` +
      `${String(risky.length)} stateful resource(s) would be replaced, deleted or orphaned ` +
      '(the change guard blocks these unless the allow-list approves them).',
    '',
  );
  for (const d of diffs) {
    const notes = [
      d.status === 'new' ? 'new stack' : d.status === 'removed' ? '**stack removed**' : '',
      d.permissionsChanged ? 'IAM or security-group changes' : '',
      d.otherChanges > 0 ? `${String(d.otherChanges)} output/parameter/other change(s)` : '',
    ].filter((n) => n !== '');
    lines.push(`### ${d.stack}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`, '');
    if (d.resources.length > 0) {
      lines.push('| Resource | Type | Change | Stateful | Properties |', '| --- | --- | --- | --- | --- |');
      for (const r of d.resources) {
        lines.push(
          `| ${escapeCell(r.logicalId)} | ${escapeCell(r.type)} | ${ACTION_LABELS[r.action]} | ${r.stateful ? 'yes' : ''} | ${escapeCell(r.properties.join(', '))} |`,
        );
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}
