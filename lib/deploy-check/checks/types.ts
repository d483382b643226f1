import type { DeploymentModel } from '../model';

/** One check of the deployment: what it prevents, and every problem it found. */
export interface DeployCheckResult {
  readonly id: string;
  readonly title: string;
  /** The failure on a real deployment that this check prevents (docs/deploy-check.md). */
  readonly prevents: string;
  readonly problems: readonly string[];
  /** Worth reading, never failing: what could not be judged offline, what is close to a limit. */
  readonly notes: readonly string[];
}

export type DeployCheck = (model: DeploymentModel) => DeployCheckResult;
