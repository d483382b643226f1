import { plannedRdsDatabases } from '../../../lib/waves/migration-plan';
import { validateWaveTexts } from '../../../lib/waves/load';
import { fourEngineExampleConfig } from '../../helpers/four-engine-databases';
import { exampleConfig, lineOf } from '../../helpers/landing-zone';
import { editExample, errorsOf, exampleWaveTexts, validateTexts, workloadIndex } from '../../helpers/waves';

function only(texts: ReturnType<typeof exampleWaveTexts>) {
  return errorsOf(validateTexts(texts)).map((d) => ({
    file: d.file.split('/').pop(),
    line: d.line,
    path: d.path,
    message: d.message,
  }));
}

describe('RDS databases of migrating workloads', () => {
  it('an RPO no backup tier meets is an error at recovery.rpoMinutes, naming what each tier achieves', () => {
    // Electoral registration is UK-only: only gold-uk and bronze keep copies out of the DR region.
    const texts = editExample('wave-06', (doc) => {
      const i = workloadIndex(doc, 'electoral-registration');
      doc.setIn(['workloads', i, 'recovery', 'rpoMinutes'], 2);
    });
    const text = texts.waves.find((w) => w.file.includes('wave-06'))?.text ?? '';
    expect(only(texts)).toEqual([
      {
        file: 'wave-06-social-care-education-democracy.yaml',
        line: lineOf(text, 'rpoMinutes: 2,'),
        path: 'workloads[1].recovery.rpoMinutes',
        message:
          'no backup tier that keeps copies out of the DR region meets an RPO of 2 minutes in a production account ' +
          '(achievable: bronze 1980 min, gold-uk 5 min); add or strengthen a tier in dataProtection.tiers, or agree a longer RPO',
      },
    ]);
  });

  it('engines, licences and storage the database construct cannot build are errors on the database fields', () => {
    const texts = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'databases', 0, 'licence'], 'byol');
      doc.setIn(['workloads', 1, 'databases', 0, 'engine'], 'oracle-ee');
      doc.setIn(['workloads', 1, 'databases', 0, 'rds'], { allocatedStorageGiB: 100 });
    });
    expect(only(texts).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'workloads[0].databases[0].licence: byol is not available for sqlserver-ee on RDS: RDS for SQL Server is licence-included only; BYOL needs RDS Custom for SQL Server or EC2',
      "workloads[1].databases[0].engine: oracle-ee cannot be built on RDS by the council's database construct (Oracle SE2 only); target ec2, or move to oracle-se2",
    ]);
    const storage = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 1, 'databases', 0, 'rds'], { allocatedStorageGiB: 100 });
    });
    expect(only(storage).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'workloads[1].databases[0].rds.allocatedStorageGiB: 100 GiB cannot hold the 150 GiB of data',
    ]);
  });

  it('SQL Server Express and Web: single-AZ editions are errors in production, Express holds 10 GiB per database', () => {
    const production = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 1, 'databases', 0, 'engine'], 'sqlserver-ex');
      doc.setIn(['workloads', 0, 'databases', 0, 'engine'], 'sqlserver-web');
      doc.setIn(['workloads', 0, 'databases', 0, 'rds'], { version: '15.00.4460.4.v1' });
    });
    expect(only(production).map((e) => `${e.path}: ${e.message}`)).toEqual([
      // revs-bens-nec chose DMS, which cannot read changes from SQL Server Web.
      'workloads[0].databases[0].migration.method: SQL Server Web can neither publish transactional replication nor run change data capture, which DMS reads changes from; use sqlserver-native-backup',
      'workloads[0].databases[0].rds.version: RDS runs SQL Server Web Multi-AZ (block-level replication) only from SQL Server 2022 16.00.4215.2; 15.00.4460.4.v1 is older; production databases are Multi-AZ',
      'workloads[1].databases[0].engine: SQL Server Express cannot run Multi-AZ on RDS; production databases are Multi-AZ',
      'workloads[1].databases[0].sizeGiB: SQL Server Express holds at most 10 GiB per database; 150 GiB needs another edition',
    ]);
    const web2022 = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'databases', 0, 'engine'], 'sqlserver-web');
      doc.deleteIn(['workloads', 0, 'databases', 0, 'migration', 'method']);
    });
    // Without a method the Web edition moves by native backup (DMS cannot capture its changes).
    expect(only(web2022)).toEqual([]);
    const resolved = validateTexts(web2022).plan?.byId.get('revs-bens-nec');
    expect(resolved?.rdsDatabases[0]?.migration.method).toBe('sqlserver-native-backup');
  });

  it('SQL Server Express outside production: a small database on a small burstable class', () => {
    const texts = editExample('wave-01', (doc) => {
      const i = workloadIndex(doc, 'intranet-staging');
      doc.setIn(['workloads', i, 'databases', 0, 'engine'], 'sqlserver-ex');
      doc.setIn(['workloads', i, 'databases', 0, 'target'], 'rds');
      doc.setIn(['workloads', i, 'databases', 0, 'sizeGiB'], 8);
    });
    const result = validateTexts(texts);
    expect(errorsOf(result)).toEqual([]);
    const planned = plannedRdsDatabases(exampleConfig(), result.plan).find(
      (d) => d.workload === 'intranet-staging',
    );
    expect(planned).toMatchObject({
      engine: 'sqlserver',
      edition: 'express',
      licence: 'licence-included',
      instanceClass: 'db.t3.medium',
      allocatedStorageGiB: 20,
      production: false,
    });
  });

  it('extensions: PostGIS for PostgreSQL only, and the planned database carries it', () => {
    const texts = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'databases', 0, 'extensions'], ['postgis']);
    });
    expect(only(texts).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'workloads[0].databases[0].extensions[0]: SQL Server on RDS offers no extension postgis',
    ]);
    const gis = plannedRdsDatabases(exampleConfig(), validateTexts(exampleWaveTexts()).plan).find(
      (d) => d.name === 'gis-sde-live',
    );
    expect(gis?.extensions).toEqual(['postgis']);
  });

  it('unknown keys under rds are errors', () => {
    const texts = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 1, 'databases', 0, 'rds'], { instanceClas: 'db.m6i.large' });
    });
    expect(only(texts).map((e) => `${e.path}: ${e.message}`)).toEqual([
      'workloads[1].databases[0].rds.instanceClas: unknown key "instanceClas" (did you mean "instanceClass"?)',
    ]);
  });

  it('the RTO check restores the data size (not the storage allocated for growth) under backup-restore', () => {
    const texts = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'recovery', 'drStrategy'], 'backup-restore');
      doc.setIn(['workloads', 0, 'recovery', 'rtoMinutes'], 300);
      doc.setIn(['workloads', 0, 'rollback', 'rollbackMinutes'], 120);
    });
    // 1,900 GiB of data: 30 + 19 x 15 = 315 minutes (the 2,380 GiB allocated would have given 390).
    expect(only(texts).map((e) => `${e.path}: ${e.message}`)).toEqual([
      "workloads[0].recovery.rtoMinutes: restoring the 1900 GiB of revenues takes up to 315 minutes under the DR check's planning figures (lib/dr/assumptions.ts), more than the RTO of 300; agree a longer RTO, a smaller database or a standby (drStrategy)",
    ]);
    const fits = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'recovery', 'drStrategy'], 'backup-restore');
      doc.setIn(['workloads', 0, 'recovery', 'rtoMinutes'], 330);
    });
    expect(only(fits)).toEqual([]);
  });

  it('a warm standby or pilot light recovers by failover, not by restoring a snapshot', () => {
    const failover = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'recovery', 'rtoMinutes'], 60);
      doc.setIn(['workloads', 0, 'rollback', 'rollbackMinutes'], 60);
    });
    expect(only(failover)).toEqual([]);
    const tooShort = editExample('wave-05', (doc) => {
      doc.setIn(['workloads', 0, 'recovery', 'rtoMinutes'], 20);
      doc.setIn(['workloads', 0, 'rollback', 'rollbackMinutes'], 20);
    });
    expect(only(tooShort).map((e) => `${e.path}: ${e.message}`)).toEqual([
      "workloads[0].recovery.rtoMinutes: failing over to the warm-standby replica of revenues takes up to 30 minutes under the DR check's planning figures (lib/dr/assumptions.ts), more than the RTO of 20; agree a longer RTO",
    ]);
  });

  it('a database declared in a wave file and in dataProtection.databases is an error', () => {
    const config = fourEngineExampleConfig();
    const dp = config.dataProtection;
    if (!dp) {
      throw new Error('fixture has no dataProtection');
    }
    const crm = dp.databases.find((d) => d.workload === 'crm');
    if (!crm) {
      throw new Error('fixture has no crm database');
    }
    const both = {
      ...config,
      dataProtection: {
        ...dp,
        databases: [
          ...dp.databases,
          { ...crm, workload: 'edrms', name: 'information-at-work' },
          { ...crm, workload: 'web-cms', name: 'old-copy' },
        ],
      },
    };
    const texts = exampleWaveTexts();
    const result = validateWaveTexts(texts.programme, texts.waves, both);
    expect(errorsOf(result).map((e) => `${e.file.split('/').pop() ?? ''} ${e.path}: ${e.message}`)).toEqual([
      "wave-03-planning-environment-customer.yaml workloads[4].id: workload web-cms is in the migration plan, but dataProtection.databases[5] (web-cms/old-copy) also declares a database for it; declare it in the wave file's databases instead",
      'wave-05-revenues-and-benefits.yaml workloads[1].databases[0].name: database kvdc-edrms-information-at-work is also declared in dataProtection.databases[4]; a workload in the plan owns its databases, so remove it there',
    ]);
  });

  it('the example has neither: its plan is valid against the example configuration', () => {
    expect(
      errorsOf(validateWaveTexts(exampleWaveTexts().programme, exampleWaveTexts().waves, exampleConfig())),
    ).toEqual([]);
  });
});
