import { resolve } from 'node:path';

/** An expected failure with a message for the user and no stack trace: the CLI exits 2 with it. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'it is a file, not a folder',
};

/** Why a file or folder could not be read, in words, naming the absolute path that was tried. */
export function cannotRead(path: string, error: unknown): string {
  const code = error !== null && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  return `cannot read ${resolve(path)}: ${reason}`;
}
