import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { YamlSource } from '../../../lib/config/yaml-source';
import { generateWaves } from '../../../scripts/bench/generate-waves';

/** The data as the located parser (yaml, YAML 1.2 core schema) reads it: what YamlSource must agree with. */
function located(text: string): unknown {
  return parseDocument(text, { uniqueKeys: true }).toJS({ maxAliasCount: 100 }) as unknown;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => join(dir, n));
}

describe('YamlSource', () => {
  it('reads the same data as the located parser for every committed file and a generated estate', () => {
    const generated = mkdtempSync(join(tmpdir(), 'yaml-source-'));
    try {
      generateWaves(generated, 30, 3);
      const files = [
        'config/landing-zone.yaml',
        'pricing/eu-west-2.yaml',
        'lib/lifecycle/end-of-support.yaml',
        ...yamlFiles('migration-waves'),
        ...yamlFiles(generated),
      ];
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const source = new YamlSource(file, text);
        expect(source.parseDiagnostics).toEqual([]);
        expect(source.data).toEqual(located(text));
      }
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });

  it('YAML 1.2 scalars: clock times, dates and on/yes stay strings; octal needs 0o', () => {
    const text = 'start: 07:00\nday: 2026-05-18\non: yes\nmode: 010\noctal: 0o10\nempty:\n';
    const data = new YamlSource('t.yaml', text).data;
    expect(data).toEqual(located(text));
    expect(data).toEqual({ start: '07:00', day: '2026-05-18', on: 'yes', mode: 10, octal: 8, empty: null });
  });

  it('syntax errors and keys written twice are reported with their line by the located parser', () => {
    const twice = new YamlSource('t.yaml', 'a: 1\nb: 2\na: 3\n');
    expect(twice.data).toBeUndefined();
    expect(twice.parseDiagnostics.map((d) => [d.line, d.path])).toEqual([[3, '(yaml)']]);
    const broken = new YamlSource('t.yaml', 'a: [1, 2\nb: 3\n');
    expect(broken.parseDiagnostics.length).toBeGreaterThan(0);
    expect(new YamlSource('t.yaml', 'a:\n  b: 1\n').diagnostic(['a', 'b'], 'x').line).toBe(2);
  });
});
