import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATE_CHECK_RULES, NCSC_PRINCIPLES } from '../../../lib/gate/ncsc-principles';

/**
 * The NCSC summary may only cite checks that exist: a misspelt or unimplemented rule would show as
 * "pass" because it never reports anything. Each cited rule is looked up where it is defined.
 */
function definedRules(): Set<string> {
  const names = new Set<string>(Object.values(GATE_CHECK_RULES));
  const cdkNagRules = readFileSync(join('node_modules', 'cdk-nag', 'RULES.md'), 'utf8');
  for (const match of cdkNagRules.matchAll(
    /\b(AwsSolutions-[A-Za-z0-9]+|NIST\.800\.53\.R5-[A-Za-z0-9]+)\b/g,
  )) {
    names.add(match[1] ?? '');
  }
  for (const [file, pack] of [
    ['lib/compliance/council-pack.ts', 'Council'],
    ['lib/compliance/data-protection-pack.ts', 'DataProtection'],
  ] as const) {
    for (const match of readFileSync(file, 'utf8').matchAll(/ruleSuffixOverride: '([A-Za-z0-9]+)'/g)) {
      names.add(`${pack}-${match[1] ?? ''}`);
    }
  }
  const guardDir = join(
    'node_modules',
    '@cdklabs',
    'cdk-validator-cfnguard',
    'rules',
    'control-tower',
    'cfn-guard',
  );
  for (const service of readdirSync(guardDir)) {
    for (const file of readdirSync(join(guardDir, service))) {
      for (const match of readFileSync(join(guardDir, service, file), 'utf8').matchAll(
        /^rule ([a-z0-9_]+_check) when/gm,
      )) {
        names.add(match[1] ?? '');
      }
    }
  }
  return names;
}

describe('NCSC principle mapping', () => {
  const defined = definedRules();

  it('covers all fourteen principles, in order', () => {
    expect(NCSC_PRINCIPLES.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it.each(NCSC_PRINCIPLES.map((p) => [p.number, p.title, p.rules] as const))(
    'principle %i (%s) cites only rules that exist',
    (_n, _title, rules) => {
      expect(rules.filter((rule) => !defined.has(rule))).toEqual([]);
    },
  );
});
