import type { LandingZoneConfig } from '../config/schema';
import type { DeploymentStage } from '../delivery/stages';
import type { WavePlan } from '../waves/load';
import type { CommandOutput } from './output';

/**
 * What the CDK app itself provides to the CLI. The commands live in lib/ and may not import the
 * stacks that compose the app, so bin/ hands these in.
 */
export interface AppFactories {
  /** Synthesises the landing zone with every check registered into `outdir`, never failing on findings. */
  synthesise(options: { config: LandingZoneConfig; plan: WavePlan; outdir: string }): void;
  /** The ordered deployment stages of the app, from a synthesis without the rule packs. */
  planStages(config: LandingZoneConfig, plan: WavePlan): DeploymentStage[];
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
}
