import { StderrProgress } from '../../../lib/ops/progress';
import { formatDuration } from '../../../lib/ops/run';

function stream(isTTY: boolean): { isTTY: boolean; text: string; write(t: string): boolean } {
  return {
    isTTY,
    text: '',
    write(t: string) {
      this.text += t;
      return true;
    },
  };
}

describe('progress of the ops commands', () => {
  const scopes = [
    { account: 'production', region: 'eu-west-2' },
    { account: 'non-production', region: 'eu-west-2' },
    { account: 'backup', region: 'eu-west-1' },
  ];

  it('on a terminal: one status line, rewritten, naming account n of m and the region', () => {
    let now = 0;
    const out = stream(true);
    const progress = new StderrProgress(out, 'lz ops db-health', () => now);
    progress.plan(scopes);
    progress.begin({ account: 'production', region: 'eu-west-2' });
    now = 1500;
    expect(progress.status()).toBe(
      'lz ops db-health: reading account 1 of 3 (production), region eu-west-2 · 0 of 3 read · 1.5s',
    );
    progress.end({ account: 'production', region: 'eu-west-2' });
    progress.begin({ account: 'backup', region: 'eu-west-1' });
    expect(progress.status()).toContain('reading account 3 of 3 (backup), region eu-west-1 · 1 of 3 read');
    expect(out.text).toContain('\r\x1b[K');
    expect(out.text).not.toContain('\n');
    now = 65_000;
    expect(progress.finish()).toBe(
      'lz ops db-health: 1 of 3 account/region scope(s) finished, 1m 5s elapsed\n',
    );
    expect(out.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('without a terminal: quiet, whole lines only (notes), and the closing line with the elapsed time', () => {
    const out = stream(false);
    const progress = new StderrProgress(out, 'lz ops restore-drill', () => 0);
    progress.plan(scopes);
    progress.begin({ account: 'production', region: 'eu-west-2' });
    progress.end({ account: 'production', region: 'eu-west-2' });
    progress.note('created security group sg-1');
    expect(out.text).toBe('created security group sg-1\n');
    expect(progress.finish()).toBe(
      'lz ops restore-drill: 1 of 3 account/region scope(s) finished, 0ms elapsed\n',
    );
  });

  it.each([
    [800, '800ms'],
    [2500, '2.5s'],
    [10_000, '10s'],
    [120_000, '2m'],
    [7_200_000, '2h'],
    [3_725_000, '1h 2m 5s'],
  ])('formatDuration(%i) is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
