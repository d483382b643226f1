/*
 * Sample outputs in the README and docs/ are never typed: each is a block that follows a marker
 * (prettier may put a blank line between them)
 *
 *   <!-- sample: lz validate --config test/fixtures/configs/three-mistakes.yaml -->
 *   ```console
 *   $ npx lz validate --config test/fixtures/configs/three-mistakes.yaml
 *   ...what the command printed...
 *   ```
 *
 * and `npm run docs:samples` runs the command and writes what it printed into the block. The marker
 * may end in `2>&1` to show stderr as well. A marker `<!-- sample: npm run -s SCRIPT ARGS -->` runs
 * one of package.json's scripts instead, for runs that are not an `lz` command alone (the service
 * report against its fixture month). What changes from run to run without the meaning changing
 * (assembly digests, elapsed times, dates of synthesis) is normalised, so a test can compare the
 * committed blocks with a fresh run.
 */

export interface Sample {
  /** The file the block is in. */
  readonly file: string;
  /** What runs: an `lz` command, or an npm script (its name is the first argument). */
  readonly tool: 'lz' | 'npm';
  /** The arguments after `lz` or `npm run -s`, as the marker gives them (without `2>&1`). */
  readonly args: readonly string[];
  /** Whether the block shows stderr too. */
  readonly withStderr: boolean;
  /** The whole fenced block as it stands, the `$` line included. */
  readonly current: string;
  /** Offsets of the fenced block in the file, for rewriting it. */
  readonly start: number;
  readonly end: number;
}

const MARKER = /<!-- sample: (lz|npm run -s) (.*?) -->\n\n?(```console\n[\s\S]*?```)/g;
const PREFIX = { lz: 'npx lz', npm: 'npm run -s' } as const;

/** Splits a marker's command line into arguments, honouring single and double quotes. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  for (const match of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    args.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return args;
}

export function findSamples(file: string, text: string): Sample[] {
  const samples: Sample[] = [];
  for (const match of text.matchAll(MARKER)) {
    const tool = match[1] === 'lz' ? 'lz' : 'npm';
    const command = (match[2] ?? '').trim();
    const withStderr = command.endsWith('2>&1');
    const block = match[3] ?? '';
    const end = match.index + match[0].length;
    samples.push({
      file,
      tool,
      args: splitArgs(withStderr ? command.slice(0, -4).trim() : command),
      withStderr,
      current: block,
      start: end - block.length,
      end,
    });
  }
  return samples;
}

/** What varies between runs without changing the meaning, made stable. */
export function normaliseOutput(text: string): string {
  return (
    text
      // Colour codes: picocolors colours output whenever CI is set, which a document never shows.
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-9;]*m/g, '')
      .replace(/sha256:[0-9a-f]{12,64}/g, 'sha256:…')
      .replace(/\b\d+(\.\d+)? s\b(?=\)?$|;| in )/gm, '… s')
      .replace(/\(\d{4}-\d{2}-\d{2}T[\d:.]+Z\)/g, '(…)')
      // One line per timing of a long command (`gate: 15.3 s`): not part of the result.
      .split('\n')
      .filter((line) => !/^(gate|synth|lz [a-z-]+): … s$/.test(line))
      .join('\n')
  );
}

/** The fenced block a sample should hold, given what its command printed. */
export function sampleBlock(sample: Sample, output: string): string {
  const command = `${PREFIX[sample.tool]} ${sample.args.map((a) => (/[\s'"]/.test(a) ? `'${a}'` : a)).join(' ')}${sample.withStderr ? ' 2>&1' : ''}`;
  const body = normaliseOutput(output).replace(/\n*$/, '\n');
  return `\`\`\`console\n$ ${command}\n${body}\`\`\``;
}

/** The file's text with every sample block replaced by the given blocks. */
export function rewriteSamples(text: string, samples: readonly Sample[], blocks: readonly string[]): string {
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i];
    const block = blocks[i];
    if (sample === undefined || block === undefined) continue;
    out = `${out.slice(0, sample.start)}${block}${out.slice(sample.end)}`;
  }
  return out;
}
