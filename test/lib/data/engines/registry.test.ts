import {
  DATABASE_EDITIONS,
  DATABASE_ENGINES,
  editionOf,
  editionsDescription,
  ENGINES,
  multiAzProblem,
  engineOfRdsEngine,
  RDS_ENGINE_IDS,
  WAVE_ENGINE_NAMES,
  waveEngine,
  waveEnginePort,
} from '../../../../lib/data/engines';
import { compareVersions, type EngineDefinition } from '../../../../lib/data/engines/engine';

const definitions = Object.entries(ENGINES) as [string, EngineDefinition][];

describe('the engine registry', () => {
  test('lists the engines, editions and wave names the schemas accept, in registry order', () => {
    expect(DATABASE_ENGINES).toEqual(['sqlserver', 'postgres', 'mysql', 'oracle']);
    expect(DATABASE_EDITIONS).toEqual(['express', 'web', 'standard', 'enterprise', 'se2']);
    expect(WAVE_ENGINE_NAMES).toEqual(expect.arrayContaining(['sqlserver-se', 'postgres', 'oracle-ee']));
    expect(editionsDescription()).toBe(
      'sqlserver: express, web, standard or enterprise; oracle: se2. Not used for postgres and mysql.',
    );
  });

  test.each(definitions)(
    '%s: every edition has a licence, a unique RDS engine id and a default version',
    (_, e) => {
      expect(e.editions.length).toBeGreaterThan(0);
      for (const edition of e.editions) {
        expect(edition.licences.length).toBeGreaterThan(0);
        expect(RDS_ENGINE_IDS.filter((id) => id === edition.rdsEngine)).toHaveLength(1);
      }
      expect(e.defaultVersion).toMatch(/^\d/);
      expect(e.majorVersion(e.defaultVersion).length).toBeGreaterThan(0);
    },
  );

  test.each(definitions)('%s: every wave name maps to one of its editions, or says why not', (name, e) => {
    for (const alias of Object.keys(e.waveAliases) as (typeof WAVE_ENGINE_NAMES)[number][]) {
      const mapped = waveEngine(alias);
      if ('unsupported' in mapped) {
        expect(mapped.unsupported).toMatch(/target ec2/);
      } else {
        expect(mapped.engine).toBe(name);
        expect(e.editions.some((edition) => edition.name === mapped.edition)).toBe(true);
      }
      expect(waveEnginePort(alias)).toBe(e.port);
    }
  });

  test.each(definitions)(
    '%s: TLS is forced by its parameters, or by an option its option group adds',
    (_, e) => {
      if (e.tls.kind === 'parameter') {
        expect(e.tls.acceptedValues).toContain(e.tlsParameters[e.tls.parameter]);
      } else {
        expect(e.optionGroup).toBeDefined();
      }
    },
  );

  test('SQL Server Express: never Multi-AZ, 10 GiB per database; Web: Multi-AZ from the 2022 build RDS replicates', () => {
    const express = editionOf('sqlserver', 'express');
    const web = editionOf('sqlserver', 'web');
    expect(express && multiAzProblem(express, '16.00.4236.2.v1')).toBe(
      'SQL Server Express cannot run Multi-AZ on RDS',
    );
    expect(express?.maxDatabaseGiB).toBe(10);
    expect(waveEngine('sqlserver-ex')).toEqual({ engine: 'sqlserver', edition: 'express' });
    expect(web && multiAzProblem(web, '16.00.4236.2.v1')).toBeUndefined();
    expect(web && multiAzProblem(web, '15.00.4460.4.v1')).toMatch(/only from SQL Server 2022 16.00.4215.2/);
  });

  test('finds the engine of a CloudFormation engine id by its family', () => {
    expect(engineOfRdsEngine('sqlserver-ee')).toBe(ENGINES.sqlserver);
    expect(engineOfRdsEngine('oracle-ee')).toBe(ENGINES.oracle);
    expect(engineOfRdsEngine('mariadb')).toBeUndefined();
  });

  test('compares engine versions part by part', () => {
    expect(compareVersions('16.00.4236.2.v1', '16.00.4215.2')).toBeGreaterThan(0);
    expect(compareVersions('15.00.4460.4.v1', '16.00.4215.2')).toBeLessThan(0);
    expect(compareVersions('16.00.4215.2.v1', '16.00.4215.2')).toBe(0);
  });
});
