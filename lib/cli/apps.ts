import { APP_NAMES, type AppName } from './context';

/*
 * Where each app the project deploys keeps its assembly, its accepted baselines and its gate
 * evidence, so `lz synth --app X` and `lz gate --app X` need no other flag.
 */

export interface AppDefaults {
  readonly assembly: string;
  readonly baselines: string;
  readonly allowList: string;
  readonly gateOut: string;
  /** Whether the app is built from the migration plan as well as the configuration. */
  readonly readsPlan: boolean;
  /** Whether the app is deployed stage by stage from the assembly (its stages are recorded). */
  readonly staged: boolean;
}

export const APP_DEFAULTS: Readonly<Record<AppName, AppDefaults>> = {
  'landing-zone': {
    assembly: 'cdk.out',
    baselines: 'baselines',
    allowList: 'baselines/allow-list.yaml',
    gateOut: 'reports/gate',
    readsPlan: true,
    staged: true,
  },
  'delivery-pipeline': {
    assembly: 'cdk.pipeline.out',
    baselines: 'baselines/pipeline',
    allowList: 'baselines/pipeline/allow-list.yaml',
    gateOut: 'reports/gate-pipeline',
    readsPlan: true,
    staged: false,
  },
  'github-oidc': {
    assembly: 'cdk.oidc.out',
    baselines: 'baselines/github-oidc',
    allowList: 'baselines/github-oidc/allow-list.yaml',
    gateOut: 'reports/gate-github-oidc',
    readsPlan: false,
    staged: false,
  },
};

export { APP_NAMES, type AppName };
