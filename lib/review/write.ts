import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `outDir` with a directory holding exactly `files`, all or nothing: the files are written
 * into a sibling temporary directory first and swapped in with renames, so a failure part-way leaves
 * the previous pack (or nothing) in place, never a mix of old and new.
 */
export function writeDirectoryAtomically(outDir: string, files: Readonly<Record<string, string>>): string[] {
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(outDir)}-new-`));
  try {
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(staging, name), content);
    }
    const previous = existsSync(outDir) ? `${staging}-old` : undefined;
    if (previous) {
      renameSync(outDir, previous);
    }
    renameSync(staging, outDir);
    if (previous) {
      rmSync(previous, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return Object.keys(files).map((name) => join(outDir, name));
}
