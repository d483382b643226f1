import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGuard } from '../../../lib/cli/guard-command';
import { exampleAssembly } from '../../helpers/example-assembly';

describe('the change guard on a baseline set it cannot compare with', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lz-baselines-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  const guard = () =>
    runGuard({
      assembly: exampleAssembly().dir,
      baselines: dir,
      allowList: join(dir, 'none.yaml'),
      json: false,
    });

  it('says in one line that a first deployment accepts its first synth', () => {
    const run = guard();
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `change guard: there are no baselines in ${dir}: for a first deployment (nothing is deployed yet) accept this synth with \`npx lz baseline --accept --assembly ${exampleAssembly().dir} --baselines ${dir}\` and commit ${dir} with the change`,
    ]);
  });

  it("says in one line that another council's baselines are not this council's, instead of a deletion per resource", () => {
    for (const id of ['BccNetworkHub', 'BccVpcProduction']) {
      writeFileSync(
        join(dir, `${id}.template.json`),
        JSON.stringify({ Resources: { Vpc: { Type: 'AWS::EC2::VPC' } } }),
      );
    }
    const run = guard();
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(
      '(BccNetworkHub, BccVpcProduction) share no stack with this synth: they belong to another council or app',
    );
  });
});
