import {
  findSamples,
  normaliseOutput,
  rewriteSamples,
  sampleBlock,
  splitArgs,
} from '../../../lib/docs/samples';

const DOC = [
  '# Title',
  '',
  '<!-- sample: lz validate --config "a b.yaml" 2>&1 -->',
  '```console',
  '$ npx lz validate',
  'old output',
  '```',
  '',
  'Text between.',
  '',
  '<!-- sample: lz stages -->',
  '```console',
  '$ npx lz stages',
  'old',
  '```',
  '',
].join('\n');

describe('sample output blocks in the docs', () => {
  it('finds each block with its command, quoted arguments and whether it shows stderr', () => {
    const samples = findSamples('doc.md', DOC);
    expect(samples.map((s) => [s.args, s.withStderr])).toEqual([
      [['validate', '--config', 'a b.yaml'], true],
      [['stages'], false],
    ]);
    expect(splitArgs(`gate --stacks 'A B' "C"`)).toEqual(['gate', '--stacks', 'A B', 'C']);
  });

  it('rewrites every block, the command line included, and nothing else', () => {
    const samples = findSamples('doc.md', DOC);
    const blocks = samples.map((s, i) => sampleBlock(s, `new output ${i}\n`));
    const out = rewriteSamples(DOC, samples, blocks);
    expect(out).toContain("```console\n$ npx lz validate --config 'a b.yaml' 2>&1\nnew output 0\n```");
    expect(out).toContain('```console\n$ npx lz stages\nnew output 1\n```');
    expect(out).toContain('Text between.');
    expect(findSamples('doc.md', out).map((s, i) => s.current === blocks[i])).toEqual([true, true]);
  });

  it('runs an npm script for a `npm run -s` marker and shows it with that command line', () => {
    const doc = '<!-- sample: npm run -s service-report:fixture -->\n\n```console\n$ old\n```\n';
    const [sample] = findSamples('doc.md', doc);
    expect(sample).toMatchObject({ tool: 'npm', args: ['service-report:fixture'], withStderr: false });
    if (sample === undefined) throw new Error('no sample found');
    expect(sampleBlock(sample, 'report\n')).toBe(
      '```console\n$ npm run -s service-report:fixture\nreport\n```',
    );
    expect(findSamples('doc.md', DOC).map((s) => s.tool)).toEqual(['lz', 'lz']);
  });

  it('drops colour codes, which picocolors adds whenever CI is set (the fresh-clone check caught it)', () => {
    expect(normaliseOutput('\u001b[32mPASS\u001b[39m  cfn-lint\n\u001b[32mgate: passed\u001b[39m')).toBe(
      'PASS  cfn-lint\ngate: passed',
    );
  });

  it('normalises what changes between runs without changing the meaning', () => {
    expect(
      normaliseOutput(
        'assembly: cdk.out sha256:0b1aa49d99b992f7855269a6a48375bbd4cdf692537833e65c2db8b1d087c930\n' +
          'synth: landing-zone → cdk.out: 55 template(s) in 12.3 s; provenance sha256:2af0c085f2be\n' +
          'gate: 15.3 s\n' +
          'it is stale: since it was synthesised (2026-12-02T10:56:08.699Z) the working tree changed x',
      ),
    ).toBe(
      'assembly: cdk.out sha256:…\nsynth: landing-zone → cdk.out: 55 template(s) in … s; provenance sha256:…\n' +
        'it is stale: since it was synthesised (…) the working tree changed x',
    );
  });
});
