import { readFileSync } from 'node:fs';

/**
 * The feature flags in cdk.json. The CDK CLI passes them to the app; tests and benchmarks that
 * build the app in-process read them here so they synthesise exactly as `cdk synth` does.
 */
export function cdkJsonContext(file = 'cdk.json'): Record<string, unknown> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const context = parsed !== null && typeof parsed === 'object' && 'context' in parsed ? parsed.context : {};
  return context !== null && typeof context === 'object' ? Object.fromEntries(Object.entries(context)) : {};
}
