import { prepareExampleAssembly } from './helpers/example-assembly';

/** Once per test run, before any test file: the example council's assembly that tests share. */
export default async function globalSetup(): Promise<void> {
  await prepareExampleAssembly((line) => process.stderr.write(`\n${line}\n`));
}
