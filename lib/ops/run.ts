import { RunStopped, shared } from './http';

/** How long a read-only `lz ops` command may take in all, unless `--deadline` says otherwise. */
export const DEFAULT_DEADLINE_MS = 120_000;

/** "2m", "1m 30s", "45s", "1.5s", "800ms": a duration as the flags take it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 10_000 && ms % 1000 !== 0) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return (
    [hours > 0 ? `${hours}h` : '', minutes > 0 ? `${minutes}m` : '', seconds > 0 ? `${seconds}s` : '']
      .filter((p) => p !== '')
      .join(' ') || '0s'
  );
}

/** One command's run: its deadline, as a signal every AWS call of the run listens to. */
export interface Deadline {
  /** Aborts when the deadline passes; its reason says so. */
  readonly signal: AbortSignal;
  readonly ms: number;
  /** Whether the deadline has passed. */
  expired(): boolean;
  /** Stops the timer (the run finished in time). */
  clear(): void;
}

/** Starts the clock of a run that may take `ms` in all. */
export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(
      new RunStopped(`the run's deadline (--deadline ${formatDuration(ms)}) passed before it was answered`),
    );
  }, ms);
  return {
    signal: shared(controller.signal),
    ms,
    expired: () => controller.signal.aborted,
    clear: () => {
      clearTimeout(timer);
    },
  };
}

/** Runs `work` with a deadline and always clears its timer. */
export async function withDeadline<T>(ms: number, work: (deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = startDeadline(ms);
  try {
    return await work(deadline);
  } finally {
    deadline.clear();
  }
}
