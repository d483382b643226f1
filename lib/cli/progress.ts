/*
 * What a long command is doing, for the person watching it. On a terminal the current phase is
 * redrawn on one line of stderr; without one (CI, a pipe) nothing is drawn, so logs stay
 * line-oriented. Either way the command can print how long each phase took and the elapsed time.
 */

export interface ProgressSink {
  /** Where progress goes: stderr. */
  write(text: string): void;
  /** True when that is a terminal. */
  readonly isTTY: boolean;
}

export interface PhaseTiming {
  readonly phase: string;
  readonly ms: number;
}

export class Progress {
  private readonly started: number;
  private current?: { phase: string; at: number };
  private readonly done: PhaseTiming[] = [];

  constructor(
    private readonly sink: ProgressSink | undefined,
    private readonly label: string,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.started = clock();
  }

  /** Starts a phase, ending the one before. */
  phase(name: string): void {
    this.end();
    this.current = { phase: name, at: this.clock() };
    if (this.sink?.isTTY === true) {
      this.sink.write(`\r\x1b[K${this.label}: ${name}…`);
    }
  }

  private end(): void {
    if (this.current !== undefined) {
      this.done.push({ phase: this.current.phase, ms: this.clock() - this.current.at });
      this.current = undefined;
    }
  }

  /** Ends the last phase, clears the progress line, and returns every phase's time. */
  finish(): { timings: PhaseTiming[]; elapsedMs: number } {
    this.end();
    if (this.sink?.isTTY === true) {
      this.sink.write('\r\x1b[K');
    }
    return { timings: [...this.done], elapsedMs: this.clock() - this.started };
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** A table of phase times for --timings. */
export function formatTimings(label: string, timings: readonly PhaseTiming[], elapsedMs: number): string {
  const width = Math.max(...timings.map((t) => t.phase.length), 5);
  return (
    `${label} timings:\n` +
    timings.map((t) => `  ${t.phase.padEnd(width)}  ${seconds(t.ms).padStart(8)}\n`).join('') +
    `  ${'total'.padEnd(width)}  ${seconds(elapsedMs).padStart(8)}\n`
  );
}
