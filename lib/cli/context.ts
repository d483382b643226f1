import type { SynthChecks } from '../assembly/synthesise';
import type { LandingZoneConfig } from '../config/schema';
import type { MigrationPlan } from '../waves/migration-plan';
import type { CommandOutput } from './output';
import type { ProgressSink } from './progress';

/** The apps the project deploys, each synthesised into its own assembly. */
export const APP_NAMES = ['landing-zone', 'delivery-pipeline', 'github-oidc'] as const;
export type AppName = (typeof APP_NAMES)[number];

/**
 * What the CDK app itself provides to the CLI. The commands live in lib/ and may not import the
 * stacks that compose the app, so bin/ hands these in.
 */
export interface AppFactories {
  /** Synthesises one app with every check registered into `outdir`, never failing on findings. */
  synthesise(options: {
    app: AppName;
    config: LandingZoneConfig;
    plan?: MigrationPlan;
    outdir: string;
    progress?: (phase: string) => void;
  }): SynthChecks;
}

/** Everything a command definition needs from outside: defaults that bin/ read from the environment. */
export interface CliContext {
  readonly defaults: {
    /** LZ_CONFIG, or config/landing-zone.yaml. */
    readonly config: string;
    /** LZ_WAVES, or migration-waves. */
    readonly waves: string;
  };
  /** Today's date, YYYY-MM-DD: the default of every --as-of. */
  readonly today: string;
  readonly app: AppFactories;
  /** Writes a command's output and sets the exit code. */
  emit(output: CommandOutput): void;
  /** LZ_DEBUG: show the stack of an unexpected error. */
  readonly debug: boolean;
  /** stderr, for progress on a terminal. */
  readonly progress: ProgressSink;
  /** The terminal's width when stdout is one; undefined for files, pipes and CI logs. */
  readonly columns?: number;
}
