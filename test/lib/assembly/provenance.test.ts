import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssemblyError, openAssembly, provenanceProblems } from '../../../lib/assembly/open';
import { describeDifferences, digestInputs, PROVENANCE_FILE } from '../../../lib/assembly/provenance';
import { synthesiseAtomically } from '../../../lib/assembly/synthesise';

/*
 * Interrupting a synth at any point, or changing an input or the assembly after it, makes every
 * reader refuse the assembly with a message naming what changed. A tiny stand-in app keeps this fast:
 * what is under test is the all-or-nothing write and the provenance, not the CDK app.
 */

let dir: string;
let config: string;
let waves: string;
let outdir: string;

/** A stand-in synth: a manifest, one template and a validation report, like a real assembly. */
function writeApp(
  work: string,
  marker = 'v1',
  afterTemplates?: () => void,
): { plugins: string[]; builtinValidation: boolean } {
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(work, 'Net.template.json'),
    JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: marker } } } }),
  );
  afterTemplates?.();
  writeFileSync(
    join(work, 'manifest.json'),
    JSON.stringify({
      version: '1',
      artifacts: {
        Net: {
          type: 'aws:cloudformation:stack',
          environment: 'aws://111111111111/eu-west-2',
          properties: { templateFile: 'Net.template.json' },
        },
      },
    }),
  );
  writeFileSync(join(work, 'validation-report.json'), JSON.stringify({ pluginReports: [] }));
  return { plugins: ['AwsSolutions'], builtinValidation: true };
}

async function synth(marker = 'v1', afterTemplates?: () => void): Promise<void> {
  await synthesiseAtomically({
    outdir,
    app: 'test',
    inputs: { config, waves },
    synthesise: (work) => writeApp(work, marker, afterTemplates),
  });
}

const open = () => openAssembly(outdir, { config, waves, requireChecks: true });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lz-provenance-'));
  config = join(dir, 'landing-zone.yaml');
  waves = join(dir, 'waves');
  outdir = join(dir, 'cdk.out');
  writeFileSync(config, 'organisation: {}\n');
  mkdirSync(waves);
  writeFileSync(join(waves, 'wave-01-pilot.yaml'), 'wave: {}\n');
  await synth();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('an assembly written by the synth', () => {
  it('is opened by every reader, with its provenance', () => {
    const assembly = open();
    expect(assembly.stale).toEqual([]);
    expect(assembly.stacks.map((s) => s.stackId)).toEqual(['Net']);
    expect(assembly.provenance?.checks).toEqual({
      plugins: ['AwsSolutions'],
      builtinValidation: true,
      unacknowledged: 0,
      acknowledged: 0,
    });
    expect(Object.keys(assembly.provenance?.inputs.files ?? {})).toEqual(
      expect.arrayContaining([
        'lib/assembly/open.ts',
        'package-lock.json',
        'cdk.json',
        expect.stringMatching(/^config:/),
        expect.stringMatching(/^waves:.*wave-01-pilot\.yaml$/),
      ]),
    );
  });

  it('is refused once the configuration changed, naming the file', () => {
    appendFileSync(config, '# edited\n');
    expect(() => open()).toThrow(AssemblyError);
    expect(() => open()).toThrow(
      /it is stale: since it was synthesised \(.*\) the working tree changed config:.*landing-zone\.yaml/,
    );
  });

  it('is refused once a wave file was added, naming it', () => {
    writeFileSync(join(waves, 'wave-02-next.yaml'), 'wave: {}\n');
    expect(() => open()).toThrow(/added waves:.*wave-02-next\.yaml/);
  });

  it('is refused once a template was edited after the synth, or the validation report removed', () => {
    writeFileSync(join(outdir, 'Net.template.json'), '{"Resources":{}}');
    expect(() => open()).toThrow('it was changed after the synth wrote it (changed Net.template.json)');
    rmSync(join(outdir, 'validation-report.json'));
    expect(() => open()).toThrow('changed Net.template.json; removed validation-report.json');
  });

  it('is refused when the provenance record is missing or cut short', () => {
    const record = readFileSync(join(outdir, PROVENANCE_FILE), 'utf8');
    writeFileSync(join(outdir, PROVENANCE_FILE), record.slice(0, record.length / 2));
    expect(() => open()).toThrow('its provenance record lz-provenance.json is not valid JSON');
    rmSync(join(outdir, PROVENANCE_FILE));
    expect(() => open()).toThrow('it has no provenance record (lz-provenance.json)');
  });

  it('is refused when it was made with other library versions', () => {
    const file = join(outdir, PROVENANCE_FILE);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { tools: Record<string, string> };
    record.tools['aws-cdk-lib'] = '2.200.0';
    writeFileSync(file, JSON.stringify(record));
    expect(() => open()).toThrow(
      /it was synthesised with aws-cdk-lib 2\.200\.0, but 2\.\d+\.\d+ is installed/,
    );
  });

  it('is refused when pointed at another configuration', () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'organisation: {}\n');
    expect(() => openAssembly(outdir, { config: other })).toThrow(
      /it was synthesised from .*landing-zone\.yaml, not .*other\.yaml/,
    );
  });

  it('is read with --allow-stale for forensics, with every problem listed', () => {
    appendFileSync(config, '# edited\n');
    const assembly = openAssembly(outdir, { config, waves, allowStale: true });
    expect(assembly.stale).toHaveLength(1);
    expect(assembly.stale[0]).toMatch(/^it is stale/);
  });
});

describe('an interrupted synth', () => {
  it('leaves the previous assembly exactly as it was, and nothing half-written in its place', async () => {
    const before = readFileSync(join(outdir, 'Net.template.json'), 'utf8');
    await expect(
      synth('v2', () => {
        throw new Error('interrupted after the templates, before the validation report');
      }),
    ).rejects.toThrow('interrupted');
    expect(readFileSync(join(outdir, 'Net.template.json'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.startsWith('cdk.out.'))).toEqual([]);
    expect(open().stale).toEqual([]);
  });

  it('writes nothing when an input changes while the app is synthesised', async () => {
    await expect(
      synth('v2', () => {
        appendFileSync(config, '# edited during the synth\n');
      }),
    ).rejects.toThrow(
      /the inputs changed while the app was being synthesised \(changed config:.*\): nothing was written/,
    );
    expect(readFileSync(join(outdir, 'Net.template.json'), 'utf8')).toContain('v1');
  });

  it('left behind by a killed process is cleaned up by the next synth', async () => {
    mkdirSync(`${outdir}.partial-99999`);
    writeFileSync(join(`${outdir}.partial-99999`, 'Net.template.json'), '{}');
    expect(provenanceProblems(`${outdir}.partial-99999`).problems[0]).toMatch(/has no manifest.json/);
    await synth('v2');
    expect(existsSync(`${outdir}.partial-99999`)).toBe(false);
    expect(readFileSync(join(outdir, 'Net.template.json'), 'utf8')).toContain('v2');
  });
});

describe('the input digest', () => {
  it('names each source file that changed, was added or removed', () => {
    const root = mkdtempSync(join(tmpdir(), 'lz-root-'));
    try {
      mkdirSync(join(root, 'lib'), { recursive: true });
      writeFileSync(join(root, 'lib', 'a.ts'), 'a');
      writeFileSync(join(root, 'lib', 'b.ts'), 'b');
      writeFileSync(join(root, 'lib', 'built.js'), 'ignored: build output');
      const before = digestInputs({ config }, root);
      writeFileSync(join(root, 'lib', 'a.ts'), 'a2');
      rmSync(join(root, 'lib', 'b.ts'));
      writeFileSync(join(root, 'lib', 'c.ts'), 'c');
      writeFileSync(join(root, 'lib', 'built.js'), 'still ignored');
      const after = digestInputs({ config }, root);
      expect(after.digest).not.toBe(before.digest);
      expect(describeDifferences(before.files, after.files)).toEqual([
        'changed lib/a.ts',
        'added lib/c.ts',
        'removed lib/b.ts',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
