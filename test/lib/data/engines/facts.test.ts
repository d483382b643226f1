import { engineFacts, majorVersion } from '../../../../lib/data/engines';

describe('engines', () => {
  test.each([
    ['sqlserver', '16.00.4236.2.v1', '16.00'],
    ['postgres', '17.9', '17'],
    ['mysql', '8.4.8', '8.4'],
    ['oracle', '19.0.0.0.ru-2025-10.rur-2025-10.r1', '19'],
  ] as const)('%s %s has major version %s', (engine, version, major) => {
    expect(majorVersion(engine, version)).toBe(major);
  });

  test('clients reach Oracle only on its TLS listener; other engines on their own port', () => {
    expect(
      engineFacts('oracle', 'se2', '19.0.0.0.ru-2025-10.rur-2025-10.r1', 'bring-your-own-licence').clientPort,
    ).toBe(2484);
    expect(engineFacts('postgres', undefined, '17.9', 'open-source').clientPort).toBe(5432);
  });

  test('SQL Server Express cannot be Multi-AZ and no SQL Server edition has IAM authentication', () => {
    const express = engineFacts('sqlserver', 'express', '16.00.4236.2.v1', 'licence-included');
    expect(express.supportsMultiAz).toBe(false);
    expect(express.supportsIamAuthentication).toBe(false);
  });

  test('SQL Server needs an edition', () => {
    expect(() => engineFacts('sqlserver', undefined, '16.00.4236.2.v1', 'licence-included')).toThrow(
      /needs an edition/,
    );
  });
});
