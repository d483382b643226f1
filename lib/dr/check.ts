import { assessAssembly, type DrReport } from './assess';
import { readAssembly } from './assembly';
import { extractFacts } from './model';

/** Reads a cloud assembly and assesses every database in it. */
export function checkAssembly(directory: string): DrReport {
  return assessAssembly(extractFacts(readAssembly(directory)));
}
