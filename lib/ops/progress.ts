import { formatDuration } from './run';

/** One account and region a command reads. */
export interface ScopeLabel {
  readonly account: string;
  readonly region: string;
}

/**
 * What a command tells the person watching while it reads: which account and region, how many are
 * done. Commands report; the reporter decides how (or whether) to show it.
 */
export interface Progress {
  /** Every account and region the run will read, in order. */
  plan(scopes: readonly ScopeLabel[]): void;
  begin(scope: ScopeLabel): void;
  end(scope: ScopeLabel): void;
  /** A line of news worth keeping in a log (the restore drill's steps). */
  note(line: string): void;
}

export const silentProgress: Progress = {
  plan: () => undefined,
  begin: () => undefined,
  end: () => undefined,
  note: () => undefined,
};

/** Reads one scope with progress around it. */
export async function tracked<T>(progress: Progress, scope: ScopeLabel, read: () => Promise<T>): Promise<T> {
  progress.begin(scope);
  try {
    return await read();
  } finally {
    progress.end(scope);
  }
}

interface Stream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const key = (s: ScopeLabel): string => `${s.account} ${s.region}`;

/**
 * Progress on stderr. On a terminal, one status line rewritten in place: the account (n of m) and
 * region being read, how many are done, the time so far. Without a terminal (CI, a scheduled job, a
 * pipe) nothing but whole lines: the notes, and the closing line. `finish` clears the status line and
 * returns the closing line with the elapsed time, to print after the result.
 */
export class StderrProgress implements Progress {
  private scopes: ScopeLabel[] = [];
  private readonly active = new Map<string, ScopeLabel>();
  private done = 0;
  private readonly started: number;
  private timer: NodeJS.Timeout | undefined;
  private shown = false;

  constructor(
    private readonly stream: Stream,
    private readonly command: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  plan(scopes: readonly ScopeLabel[]): void {
    this.scopes = [...scopes];
    if (this.tty && this.timer === undefined) {
      this.timer = setInterval(() => {
        this.draw();
      }, 1000);
      this.timer.unref();
    }
    this.draw();
  }

  begin(scope: ScopeLabel): void {
    this.active.set(key(scope), scope);
    this.draw();
  }

  end(scope: ScopeLabel): void {
    if (this.active.delete(key(scope))) this.done += 1;
    this.draw();
  }

  note(line: string): void {
    this.clearLine();
    this.stream.write(`${line}\n`);
    this.draw();
  }

  /** What the status line says now (also for tests). */
  status(): string {
    const accounts = [...new Set(this.scopes.map((s) => s.account))];
    const current = [...this.active.values()][0];
    const elapsed = formatDuration(this.clock() - this.started);
    const total = this.scopes.length;
    if (current === undefined) return `${this.command}: ${this.done} of ${total} read · ${elapsed}`;
    const n = accounts.indexOf(current.account) + 1;
    const more = this.active.size > 1 ? ` (+${this.active.size - 1} more)` : '';
    return (
      `${this.command}: reading account ${n} of ${accounts.length} (${current.account}), ` +
      `region ${current.region}${more} · ${this.done} of ${total} read · ${elapsed}`
    );
  }

  private draw(): void {
    if (!this.tty) return;
    this.stream.write(`\r\x1b[K${this.status()}`);
    this.shown = true;
  }

  private clearLine(): void {
    if (this.tty && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  /** Stops the status line and returns the closing line (elapsed time), for stderr after the result. */
  finish(): string {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLine();
    const elapsed = formatDuration(this.clock() - this.started);
    const read =
      this.scopes.length === 0
        ? ''
        : ` ${this.done} of ${this.scopes.length} account/region scope(s) finished,`;
    return `${this.command}:${read} ${elapsed} elapsed\n`;
  }
}
