import { testApp } from '../helpers/cdk-app';

import { Template } from 'aws-cdk-lib/assertions';
import { fourEngineExampleConfig } from '../helpers/four-engine-databases';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { buildLandingZone, type LandingZoneStacks } from '../../stacks/landing-zone';

// The example with a database of each engine in dataProtection.databases (no migration plan).
const example = fourEngineExampleConfig();

function build(mutate: (config: LandingZoneConfig) => void = () => undefined): LandingZoneStacks {
  const config = structuredClone(example);
  mutate(config);
  return buildLandingZone(testApp(), config);
}

type Resource = { Properties: Record<string, unknown>; DeletionPolicy?: string };

describe('data-protection stacks', () => {
  const stacks = build();
  const production = Template.fromStack(stacks.dataProtection['production'] ?? fail('no production stack'));
  const nonProduction = Template.fromStack(
    stacks.dataProtection['non-production'] ?? fail('no non-production stack'),
  );

  test('one stack per workload account, deployed into that account; backup account vaults at home and in the DR region', () => {
    expect(Object.keys(stacks.dataProtection)).toEqual(['production', 'non-production']);
    expect(stacks.dataProtection['production']?.account).toBe('555555555555');
    expect(stacks.backup.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['kvdc-backup-central', '444444444444', 'eu-west-2'],
      ['kvdc-backup-dr-region', '444444444444', 'eu-west-1'],
    ]);
  });

  test('pins the logical IDs of stateful resources', () => {
    expect(Object.keys(production.findResources('AWS::RDS::DBInstance')).sort()).toEqual([
      'GisMainDatabaseInstance676F1C2B',
      'PlanningMainDatabaseInstanceFFE06D97',
      'RevenuesBenefitsMainDatabaseInstance3F3D6081',
    ]);
    expect(Object.keys(nonProduction.findResources('AWS::RDS::DBInstance'))).toEqual([
      'CrmMainDatabaseInstance95EAFE69',
    ]);
    expect(Object.keys(production.findResources('AWS::Backup::BackupVault'))).toEqual([
      'BackupVault68B95C06',
    ]);
    const [central, dr] = stacks.backup.map((stack) => Template.fromStack(stack));
    expect(Object.keys(central?.findResources('AWS::Backup::LogicallyAirGappedBackupVault') ?? {})).toEqual([
      'CentralVault73B0AA81',
    ]);
    expect(Object.keys(dr?.findResources('AWS::Backup::BackupVault') ?? {})).toEqual([
      'DrRegionVault43E82313',
    ]);
  });

  test('every database is CMK-encrypted, deletion-protected, snapshot on delete; production ones are Multi-AZ', () => {
    for (const [template, multiAz] of [
      [production, true],
      [nonProduction, false],
    ] as const) {
      for (const db of Object.values(template.findResources('AWS::RDS::DBInstance')) as Resource[]) {
        expect(db.DeletionPolicy).toBe('Snapshot');
        expect(db.Properties).toMatchObject({
          StorageEncrypted: true,
          DeletionProtection: true,
          MultiAZ: multiAz,
        });
        expect(db.Properties['KmsKeyId']).toBeDefined();
      }
    }
  });

  test('each engine forces TLS', () => {
    const groups = Object.values(production.findResources('AWS::RDS::DBParameterGroup')) as Resource[];
    const byFamily = new Map<string, unknown>(
      groups.map((g) => [String(g.Properties['Family']), g.Properties['Parameters']]),
    );
    expect(byFamily.get('sqlserver-se-16.0')).toMatchObject({ 'rds.force_ssl': '1' });
    expect(byFamily.get('postgres17')).toMatchObject({ 'rds.force_ssl': '1' });
    production.hasResourceProperties('AWS::RDS::OptionGroup', { EngineName: 'oracle-se2' });
    nonProduction.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Parameters: { require_secure_transport: 'ON' },
    });
  });

  test('the VPC comes from shared SSM parameters of the network account, not from a lookup', () => {
    const parameters = production.toJSON()['Parameters'] as Record<string, { Type: string; Default: string }>;
    const vpcId = Object.values(parameters).find((p) => p.Default.endsWith('/vpcs/production/vpc-id'));
    expect(vpcId).toEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: 'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/vpc-id',
    });
  });

  test('refuses DR-region copies that break residency even if validation was skipped', () => {
    expect(() =>
      build((config) => {
        config.organisation.dataResidency = 'uk-only';
      }),
    ).toThrow(/would break dataResidency uk-only/);
  });

  test('with uk-only residency there is no DR-region vault and no DR copy', () => {
    const ukOnly = build((config) => {
      config.organisation.dataResidency = 'uk-only';
      delete config.organisation.drRegion;
      const dp = config.dataProtection;
      if (dp) {
        delete dp.vaults.drRegion;
        for (const tier of dp.tiers) {
          delete tier.copyToDrRegion;
        }
      }
    });
    expect(ukOnly.backup).toHaveLength(1);
    const json = JSON.stringify(
      Template.fromStack(ukOnly.dataProtection['production'] ?? fail('no stack')).toJSON(),
    );
    expect(json).not.toContain('eu-west-1');
  });
});

function fail(message: string): never {
  throw new Error(message);
}
