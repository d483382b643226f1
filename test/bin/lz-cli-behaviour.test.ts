import { spawnSync } from 'node:child_process';
import { bashCompletion } from '../../lib/cli/completion-command';
import { createProgram } from '../../lib/cli/program';
import { testCliContext } from '../helpers/cli-context';

describe('lz as a command-line tool', () => {
  it('runs as `npx lz` from any folder of the repository, with paths relative to where it is called', () => {
    const run = spawnSync('npx', ['--no-install', 'lz', 'validate', '--config', 'landing-zone.yaml'], {
      cwd: 'config',
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.stderr).not.toMatch(/Error|at /);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('landing-zone.yaml: valid');
  });

  it('completes commands and options in bash from the program itself', () => {
    const script = bashCompletion(createProgram(testCliContext()));
    const complete = (words: string[]): string =>
      spawnSync(
        'bash',
        [
          '-c',
          `${script}\nCOMP_WORDS=(${words.join(' ')}); COMP_CWORD=${words.length - 1}; _lz; echo "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8' },
      ).stdout.trim();
    expect(complete(['lz', 'ops', 'cu'])).toBe('cutover-readiness');
    expect(complete(['lz', 'gate', '--no'])).toBe('--no-synth');
    expect(complete(['lz', 'waves', 'r'])).toBe('report runbook');
    expect(complete(['lz', 'i'])).toBe('init');
  });

  it('marks required options in the help', () => {
    const help = createProgram(testCliContext())
      .commands.find((c) => c.name() === 'ops')
      ?.commands.find((c) => c.name() === 'cutover-readiness')
      ?.helpInformation();
    expect(help).toMatch(/--wave <id> +the wave to check, e\.g\. wave-05 \(required\)/);
  });
});
