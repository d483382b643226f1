import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintGroups, runCfnLint } from '../../../lib/gate/cfn-lint-check';

describe('cfn-lint in one process per core', () => {
  it('splits the templates into groups of about equal size, each template once, deterministically', () => {
    const files = [
      { file: 'a.template.json', bytes: 900 },
      { file: 'b.template.json', bytes: 500 },
      { file: 'c.template.json', bytes: 400 },
      { file: 'd.template.json', bytes: 100 },
      { file: 'e.template.json', bytes: 100 },
    ];
    const groups = lintGroups(files, 2);
    expect(groups).toEqual([
      ['a.template.json', 'd.template.json'],
      ['b.template.json', 'c.template.json', 'e.template.json'],
    ]);
    expect(lintGroups([...files].reverse(), 2)).toEqual(groups);
    expect(lintGroups(files, 8)).toHaveLength(5);
    expect(lintGroups(files, 1)).toEqual([files.map((f) => f.file)]);
  });

  it('reports every error of every template when the templates are split across processes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lz-cfn-lint-'));
    try {
      const bucket = { Type: 'AWS::S3::Bucket', Properties: {} };
      // E3002: a property the resource type does not have.
      const broken = { Type: 'AWS::S3::Bucket', Properties: { NoSuchProperty: true } };
      writeFileSync(join(dir, 'A.template.json'), JSON.stringify({ Resources: { Broken: broken } }));
      writeFileSync(join(dir, 'B.template.json'), JSON.stringify({ Resources: { Fine: bucket } }));
      writeFileSync(join(dir, 'C.template.json'), JSON.stringify({ Resources: { AlsoBroken: broken } }));
      const result = await runCfnLint(dir, undefined, 2);
      if (!result.ok) {
        throw new Error(result.error);
      }
      const errors = result.matches.filter((m) => m.level === 'error');
      expect(errors.map((m) => [m.template.replace(`${dir}/`, ''), m.path])).toEqual([
        ['A.template.json', 'Resources/Broken/Properties/NoSuchProperty'],
        ['C.template.json', 'Resources/AlsoBroken/Properties/NoSuchProperty'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says cfn-lint could not run rather than passing when there is nothing to lint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lz-cfn-lint-'));
    try {
      expect(await runCfnLint(dir)).toEqual({ ok: false, error: `no templates in ${dir}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
