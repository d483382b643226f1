/** One check of the pre-deployment gate, as every check module reports it. */
export type CheckStatus = 'pass' | 'fail';

export interface GateCheck {
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly summary: string;
  /** One line per problem that fails the check. */
  readonly problems: string[];
  /** Lines worth reading that do not fail the check (cfn-lint warnings, allowed changes). */
  readonly notes: string[];
}
