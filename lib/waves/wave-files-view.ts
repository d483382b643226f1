import type { PathSegment } from '../config/diagnostics';
import type { LandingZoneConfig } from '../config/schema';
import type { EndOfSupportTable } from '../lifecycle/schema';
import type { DmsGroup } from './dms-plan';
import type { ReplicationGroup } from './replication';
import type { ProgrammeConfig, WaveHeaderConfig, WorkloadConfig, CutoverWindowConfig } from './schema';
import type { WorkloadTarget } from './resolve';
import { windowInterval, type Interval } from './time';

/** Where a value sits: the file and the field path inside it. */
export interface Location {
  readonly file: string;
  readonly path: readonly PathSegment[];
}

export interface WaveEntry {
  readonly file: string;
  /** The wave header, when it passed its own schema. */
  readonly header?: WaveHeaderConfig;
  /** Workloads that passed their own schema. */
  readonly workloads: PlacedWorkload[];
  /** Position of the wave in the programme, from its id (wave-03 is 3). */
  readonly number?: number;
}

export interface PlacedWorkload {
  readonly value: WorkloadConfig;
  /** Its target resolved in the landing zone, once (lib/waves/resolve.ts). */
  readonly target: WorkloadTarget;
  readonly wave: WaveEntry;
  readonly file: string;
  readonly index: number;
  /** Location of a field of this workload. */
  at(...path: PathSegment[]): Location;
  /** The workload's own cutover window, or its wave's, and where it is written. */
  readonly window?: {
    readonly config: CutoverWindowConfig;
    readonly interval?: Interval;
    readonly at: Location;
  };
}

/**
 * The individually valid parts of the whole plan, across every file. Rules run on this view, so a
 * typo in one workload never hides a dependency problem in another: every mistake at once.
 */
export interface WaveFilesView {
  readonly landingZone: LandingZoneConfig;
  readonly programme?: ProgrammeConfig;
  readonly programmeFile: string;
  readonly waves: readonly WaveEntry[];
  readonly workloads: readonly PlacedWorkload[];
  /** First valid workload of each id. */
  readonly byId: ReadonlyMap<string, PlacedWorkload>;
  /** Every id written in any file, valid or not, so a broken workload is not also "unknown". */
  readonly allIds: ReadonlySet<string>;
  /** Server and database transfer per site and wave (lib/waves/replication.ts), worked out once. */
  readonly replication: readonly ReplicationGroup[];
  /** The databases AWS DMS moves, by account, VPC and wave (lib/waves/dms-plan.ts). */
  readonly dms: readonly DmsGroup[];
  /** The end-of-support table the support-dates rule reads. */
  readonly lifecycle: EndOfSupportTable;
}

export function placeWorkload(
  wave: WaveEntry,
  value: WorkloadConfig,
  index: number,
  target: WorkloadTarget,
): PlacedWorkload {
  const at = (...path: PathSegment[]): Location => ({ file: wave.file, path: ['workloads', index, ...path] });
  let window: PlacedWorkload['window'];
  if (value.cutoverWindow) {
    window = {
      config: value.cutoverWindow,
      interval: windowInterval(value.cutoverWindow),
      at: at('cutoverWindow'),
    };
  } else if (wave.header) {
    window = {
      config: wave.header.cutoverWindow,
      interval: windowInterval(wave.header.cutoverWindow),
      at: { file: wave.file, path: ['wave', 'cutoverWindow'] },
    };
  }
  return { value, wave, file: wave.file, index, at, window, target };
}
