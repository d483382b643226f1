/*
 * What every `lz` command returns, and the exit codes they share. A command never writes to the
 * process itself: it returns its output, so tests call it directly and bin/ writes it.
 */

export interface CommandOutput {
  readonly exitCode: number;
  /** The result: a report, a table, or JSON with nothing else mixed in. */
  readonly stdout: string;
  /** Diagnostics, progress and errors. */
  readonly stderr: string;
}

/**
 * One exit-code table for every command (docs/cli.md):
 * 0 the check passed; 1 it ran and found something (findings, a blocked change, a breach, degraded
 * service); 2 it could not run or could not read what it needed (a usage error, an invalid or
 * missing input, an unreadable or stale assembly, AWS calls that failed).
 */
export const EXIT = { ok: 0, findings: 1, cannotRun: 2 } as const;

export { InputError } from '../errors';

/** Output for a command that could not run: the message on stderr, exit 2. */
export function failure(message: string, exitCode: number = EXIT.cannotRun): CommandOutput {
  return { exitCode, stdout: '', stderr: message.endsWith('\n') ? message : `${message}\n` };
}

/** Output for a command that produced `stdout`, with `exitCode` (0 unless it found something). */
export function result(stdout: string, exitCode: number = EXIT.ok, stderr = ''): CommandOutput {
  return { exitCode, stdout, stderr };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** JSON output: pretty-printed, one trailing newline, nothing else on stdout. */
export function json(value: unknown, exitCode: number = EXIT.ok): CommandOutput {
  return { exitCode, stdout: `${JSON.stringify(value, null, 2)}\n`, stderr: '' };
}
