import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Optional props of exported `...Props` interfaces whose JSDoc does not say what the default is. */
function undocumentedDefaults(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const missing: string[] = [];
  for (const match of text.matchAll(/export interface (\w+Props)\b[^{]*\{([\s\S]*?)\n\}/g)) {
    const [, name, body = ''] = match;
    // Each member with the comment lines right above it.
    for (const member of body.matchAll(/((?:\s*(?:\/\*\*[\s\S]*?\*\/|\/\/[^\n]*))*)\s*readonly (\w+)\?:/g)) {
      const [, docs = '', prop] = member;
      if (!docs.includes('@default')) {
        missing.push(`${path}: ${name}.${prop}`);
      }
    }
  }
  return missing;
}

test('every optional prop of a construct documents its default with @default', () => {
  const constructs = files('lib').filter((f) =>
    /extends (Construct|EncryptedLogGroup)\b/.test(readFileSync(f, 'utf8')),
  );
  expect(constructs.length).toBeGreaterThan(20);
  expect(constructs.flatMap(undocumentedDefaults)).toEqual([]);
});

test('constructs take their own props: none imports a configuration or wave-file type', () => {
  const constructs = files('lib').filter((f) =>
    /extends (Construct|EncryptedLogGroup)\b/.test(readFileSync(f, 'utf8')),
  );
  const yamlTypes = constructs.filter((f) =>
    /from '[./]*(config\/schema[\w-]*|waves\/schema|schema)'/.test(readFileSync(f, 'utf8')),
  );
  expect(yamlTypes).toEqual([]);
});
