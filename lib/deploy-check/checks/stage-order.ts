import { stageOrderProblems } from '../../delivery/stages';
import { where } from '../model';
import type { DeployCheck } from './types';

/**
 * Every stack is deployed by exactly one stage, and never before a stack it depends on: a stage
 * that ran first would fail on a missing export, parameter or resource of a later stage.
 */
export const stageOrder: DeployCheck = (model) => {
  const problems = [...model.record.problems];
  for (const placed of model.stacks.filter((p) => p.stageId === undefined)) {
    problems.push(`${where(placed)} is deployed by no stage: neither pipeline would ever deploy it`);
  }
  const inAssembly = new Set(model.stacks.map((p) => p.stack.stackId));
  for (const stage of model.record.stages) {
    for (const id of stage.stacks.filter((s) => !inAssembly.has(s))) {
      problems.push(`stage ${stage.id} deploys ${id}, which is not in the assembly`);
    }
  }
  problems.push(
    ...stageOrderProblems(
      model.record.stages,
      new Map(model.stacks.map((p) => [p.stack.stackId, p.stack.dependencies])),
    ),
  );
  return {
    id: 'stage-order',
    title: 'Every stack in one stage, none before a stack it depends on',
    prevents: 'a stage that fails because something it needs is only created by a later stage',
    problems: [...new Set(problems)],
    notes: [],
  };
};
