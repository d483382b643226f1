import type { ValidationReport } from '../assembly/validation-report';

/** One acknowledged finding: what rule, on what, why, and where in the code the decision sits. */
export interface Acknowledgement {
  readonly plugin: string;
  readonly rule: string;
  readonly resource: string;
  readonly reason: string;
  readonly acknowledgedAt: string;
  /** Source file and line of the `Validations.of(...).acknowledge` call, when the report has it. */
  readonly source: string;
}

function sourceOf(stackTrace: string | undefined): string {
  if (stackTrace === undefined) {
    return '';
  }
  // The first frame outside aws-cdk-lib is the project's own acknowledge call.
  for (const line of stackTrace.split('\n')) {
    const match = /\(?([^\s()]+\.ts):(\d+):\d+\)?\s*$/.exec(line.trim());
    if (match?.[1] && !match[1].includes('node_modules')) {
      const file = match[1].replace(/^.*?\/((?:lib|stacks|bin|test)\/)/, '$1');
      return `${file}:${match[2] ?? ''}`;
    }
  }
  return '';
}

/** The register an auditor reads: every acknowledgement in the validation report, one row each. */
export function acknowledgementRegister(report: ValidationReport): Acknowledgement[] {
  const rows = report.pluginReports.flatMap((plugin) =>
    plugin.suppressedViolations.flatMap((s) =>
      (s.violatingConstructs.length > 0 ? s.violatingConstructs : [{}]).map(
        (c: { constructPath?: string }) => ({
          plugin: plugin.pluginName,
          rule: s.acknowledgedId ?? s.ruleName,
          resource: c.constructPath ?? '',
          reason: s.reason,
          acknowledgedAt: s.acknowledgedAt ?? '',
          source: sourceOf(s.acknowledgedStackTrace),
        }),
      ),
    ),
  );
  return rows.sort((a, b) => a.rule.localeCompare(b.rule) || a.resource.localeCompare(b.resource));
}
