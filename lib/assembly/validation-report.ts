import { readFileSync } from 'node:fs';
import { z } from 'zod';

/*
 * The policy-validation report every synth writes (cdk.out/validation-report.json): each plugin's
 * violations and the acknowledgements that suppressed others, with their reasons. Parsed with a
 * schema rather than trusted, because other tools (the gate, the review pack) read it too.
 */

const Construct = z.looseObject({
  constructPath: z.string().optional(),
  cloudFormationResource: z
    .looseObject({ logicalId: z.string().optional(), templatePath: z.string().optional() })
    .optional(),
});

const Violation = z.looseObject({
  ruleName: z.string(),
  description: z.string().default(''),
  severity: z.string().optional(),
  violatingConstructs: z.array(Construct).default([]),
});

const Suppressed = Violation.extend({
  acknowledgedId: z.string().optional(),
  reason: z.string().default(''),
  acknowledgedAt: z.string().optional(),
  acknowledgedStackTrace: z.string().optional(),
});

const ReportSchema = z.looseObject({
  pluginReports: z.array(
    z.looseObject({
      pluginName: z.string(),
      conclusion: z.string().optional(),
      // Set when the plugin itself failed (the CDK catches its exception and reports it here).
      metadata: z.looseObject({ error: z.string().optional() }).optional(),
      violations: z.array(Violation).default([]),
      suppressedViolations: z.array(Suppressed).default([]),
    }),
  ),
});

export type ValidationReport = z.infer<typeof ReportSchema>;
export type PluginReport = ValidationReport['pluginReports'][number];

export function readValidationReport(file: string): ValidationReport {
  return ReportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly description: string;
  readonly resource: string;
}

/** The rule name a plugin that failed to run is reported under. */
export const PLUGIN_FAILED_RULE = 'plugin-failed';

/**
 * Every unacknowledged violation, whatever each plugin concluded: the cfn-guard plugin reports
 * "success" even when it lists error-severity violations, so the conclusion alone is not trusted.
 * A plugin that failed to run is a finding too: it reports no violations, and silence from a rule
 * pack that never looked is not a pass.
 */
export function unacknowledgedFindings(report: ValidationReport): Finding[] {
  const failedPlugins = report.pluginReports.flatMap((plugin) =>
    plugin.metadata?.error === undefined
      ? []
      : [
          {
            plugin: plugin.pluginName,
            rule: PLUGIN_FAILED_RULE,
            description: `the plugin failed and checked nothing: ${plugin.metadata.error.replace(/\s+/g, ' ').trim()}`,
            resource: '(every stack)',
          },
        ],
  );
  return failedPlugins.concat(violationFindings(report));
}

function violationFindings(report: ValidationReport): Finding[] {
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) =>
      (v.violatingConstructs.length > 0 ? v.violatingConstructs : [{}]).map(
        (c: z.infer<typeof Construct>) => ({
          plugin: plugin.pluginName,
          rule: v.ruleName,
          description: v.description,
          resource:
            c.constructPath ||
            [c.cloudFormationResource?.templatePath, c.cloudFormationResource?.logicalId]
              .filter(Boolean)
              .join(' ') ||
            '(resource not reported)',
        }),
      ),
    ),
  );
}
