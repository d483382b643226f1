import type { CliContext } from '../../lib/cli/context';
import { synthesiseApp } from '../../stacks/synthesis';

/** The CLI context bin/lz.ts builds, for calling commands in-process: no progress, no environment. */
export function testCliContext(overrides: Partial<CliContext> = {}): CliContext {
  return {
    defaults: { config: 'config/landing-zone.yaml', waves: 'migration-waves' },
    today: '2026-12-02',
    debug: false,
    app: { synthesise: synthesiseApp },
    progress: { write: () => undefined, isTTY: false },
    emit: () => undefined,
    ...overrides,
  };
}
