import { testApp } from '../helpers/cdk-app';

import { Match, Template } from 'aws-cdk-lib/assertions';
import { parseDocument } from 'yaml';
import type { MigrationPlan } from '../../lib/waves/migration-plan';
import { cidr as cidrBlock, overlaps } from '../../lib/ipv4';
import { buildLandingZone } from '../../stacks/landing-zone';
import { exampleAssembly } from '../helpers/example-assembly';
import { exampleConfig } from '../helpers/landing-zone';
import {
  editExample,
  examplePlan,
  exampleWaveTexts,
  validateTexts,
  workloadIndex,
  type ExampleTexts,
} from '../helpers/waves';

function build(plan: MigrationPlan) {
  const app = testApp();
  const stacks = buildLandingZone(app, exampleConfig(), plan);
  return { app, stacks };
}

let example: ReturnType<typeof build> | undefined;
/** The example's construct tree, built once per file; another plan builds its own. */
function synth(plan?: MigrationPlan): ReturnType<typeof build> {
  if (plan !== undefined) return build(plan);
  example ??= build(examplePlan());
  return example;
}

/** A stack's template: the example's from the run's shared assembly, another plan's from its own build. */
function template(plan: MigrationPlan | undefined, stackId: string): Template {
  if (plan === undefined) {
    const stack = exampleAssembly().stacks.find((s) => s.stackId === stackId);
    if (!stack) throw new Error(`no stack ${stackId} in the example`);
    return Template.fromJSON({ ...stack.raw });
  }
  const { stacks } = synth(plan);
  const stack = stacks.all.find((s) => s.node.id === stackId);
  if (!stack) {
    throw new Error(`no stack ${stackId}: ${stacks.all.map((s) => s.node.id).join(', ')}`);
  }
  return Template.fromStack(stack);
}

function planOf(texts: ExampleTexts): MigrationPlan {
  const result = validateTexts(texts);
  if (!result.plan) {
    throw new Error(JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error')));
  }
  return result.plan;
}

/** Logical IDs and types of every resource in a template (the stateful identity of the stack). */
function identities(t: Template): Record<string, string> {
  const resources = t.toJSON()['Resources'] as Record<string, { Type: string }>;
  // The version-reporting resource is not part of the stack's identity (the shared assembly has it).
  return Object.fromEntries(
    Object.entries(resources)
      .filter(([, r]) => r.Type !== 'AWS::CDK::Metadata')
      .map(([id, r]) => [id, r.Type]),
  );
}

describe('workload targets from the plan', () => {
  it('one stack per workload account and service area, in that account, plus MGN waves per account', () => {
    const { stacks } = synth();
    const migration = stacks.migration;
    expect(Object.keys(migration?.workloads ?? {})).toContain('production/revenues-and-benefits');
    expect(Object.keys(migration?.waves ?? {})).toEqual(['non-production', 'production']);
    const revs = migration?.workloads['production/revenues-and-benefits'];
    expect(revs?.account).toBe('555555555555');
    expect(revs?.region).toBe('eu-west-2');
    expect(revs?.terminationProtection).toBe(true);
    expect(revs?.stackName).toBe('kvdc-workloads-production-revenues-and-benefits');
    // Retained, retired and repurchased workloads build nothing.
    const built = Object.values(migration?.workloads ?? {}).flatMap((s) => Object.keys(s.workloads));
    expect(built).not.toContain('active-directory');
    expect(built).not.toContain('telephony-mitel');
    expect(built).not.toContain('payments-civica-pay');
    expect(built).toContain('revs-bens-nec');
  });

  it('reads the network account VPC from its RAM-shared parameter, which has a default: no lookups, nothing for the pipeline to supply', () => {
    const t = template(undefined, 'KvdcWorkloadsProductionRevenuesAndBenefits');
    const parameters = t.findParameters('*');
    const vpcId = Object.entries(parameters).find(([id]) => id.startsWith('ProductionDataNetworkVpcId'));
    expect(vpcId?.[1]).toEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: 'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/vpc-id',
    });
    // Security groups and databases share the one import of the VPC.
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'revs-bens-nec app tier',
      VpcId: { Ref: vpcId?.[0] },
    });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'Clients of the revs-bens-nec revenues database',
      VpcId: { Ref: vpcId?.[0] },
    });
  });

  it('security groups per tier: users from their sites, app to its databases, towards dependencies', () => {
    const t = template(undefined, 'KvdcWorkloadsProductionRevenuesAndBenefits');
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'revs-bens-nec app tier',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443 })],
      SecurityGroupEgress: Match.arrayWith([
        // Active Directory stays on premises, over the data-centre VPN.
        Match.objectLike({ CidrIp: '10.1.0.0/20', FromPort: 389 }),
        // Finance is in another stack of the production VPC.
        Match.objectLike({
          CidrIp: '10.65.0.0/19',
          FromPort: 443,
          Description: 'to finance-unit4 in the production VPC',
        }),
      ]),
    });
    // revs-bens-nec -> edrms (same stack): a reference, not an address
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 443,
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^EdrmsAppTier'), 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RevsBensNecAppTier'), 'GroupId'] },
    });
  });

  it('file shares admit SMB from the staff desktops only; no security group admits the public Wi-Fi', () => {
    const t = template(undefined, 'KvdcWorkloadsProductionCorporateIt');
    const ingress = (description: string): { CidrIp: string; FromPort: number }[] => {
      const groups = Object.values(t.findResources('AWS::EC2::SecurityGroup')).map(
        (r) => r['Properties'] as { GroupDescription: string; SecurityGroupIngress?: [] },
      );
      return groups.find((g) => g.GroupDescription === description)?.SecurityGroupIngress ?? [];
    };
    const fromOnPremises = (description: string, port: number): string[] =>
      ingress(description)
        .filter((r) => r.FromPort === port)
        .map((r) => r.CidrIp)
        .sort();
    expect(fromOnPremises('file-and-print app tier', 445)).toEqual(['10.0.32.0/19', '10.20.4.0/22']);
    // Print release and the intranet: library staff, not the public Wi-Fi beside them.
    expect(fromOnPremises('file-and-print app tier', 9191)).toEqual([
      '10.0.0.0/16',
      '10.20.0.0/16',
      '172.16.0.0/17',
    ]);
    expect(fromOnPremises('intranet app tier', 443)).toEqual([
      '10.0.0.0/16',
      '10.20.0.0/16',
      '172.16.0.0/17',
    ]);

    const publicWifi = cidrBlock('172.16.128.0/17');
    for (const stack of exampleAssembly().stacks) {
      const text = JSON.stringify(stack.raw);
      for (const [, address, prefix] of text.matchAll(/"CidrIp":"(\d+\.\d+\.\d+\.\d+)\/(\d+)"/g)) {
        const block = cidrBlock(`${address ?? ''}/${prefix ?? ''}`);
        if (prefix !== '0') {
          expect({ stack: stack.stackId, overlaps: overlaps(block, publicWifi) }).toEqual({
            stack: stack.stackId,
            overlaps: false,
          });
        }
      }
    }
  });

  it('each RDS database admits its own app tier and declared dependants on the engine port, nothing else', () => {
    const t = template(undefined, 'KvdcWorkloadsProductionRevenuesAndBenefits');
    const sourcesOf = (database: RegExp): string[] => {
      const rules = t.findResources('AWS::EC2::SecurityGroupIngress');
      return Object.values(rules)
        .map((r) => r['Properties'] as Record<string, unknown>)
        .filter((p) => JSON.stringify(p['GroupId']).match(database))
        .map((p) => {
          expect(p['FromPort']).toBe(1433);
          expect(p['ToPort']).toBe(1433);
          return JSON.stringify(p['SourceSecurityGroupId']).replace(/^.*"(\w+?)[0-9A-F]{8}".*$/, '$1');
        })
        .sort();
    };
    expect(sourcesOf(/RevsBensNecRevenuesDatabaseSecurityGroup/)).toEqual(['RevsBensNecAppTier']);
    // revs-bens-nec declares ports [443, 1433] on edrms: it may reach edrms's SQL Server as well.
    expect(sourcesOf(/EdrmsInformationAtWorkDatabaseSecurityGroup/)).toEqual([
      'EdrmsAppTier',
      'RevsBensNecAppTier',
    ]);
  });

  it('builds each RDS database with CouncilDatabase in the target account, in the isolated tier of the shared VPC', () => {
    const { stacks } = synth();
    const revs = stacks.migration?.workloads['production/revenues-and-benefits'];
    expect(Object.keys(revs?.databases ?? {}).sort()).toEqual([
      'edrms/information-at-work',
      'revs-bens-nec/revenues',
    ]);
    expect(revs?.dependencies.map((d) => d.node.id).sort()).toEqual([
      'KvdcDataProtectionProduction',
      // Its database log groups subscribe to the log archive's destination.
      'KvdcLogArchive',
      'KvdcVpcProduction',
    ]);
    const t = Template.fromStack(revs ?? synth().stacks.hub);
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceIdentifier: 'kvdc-revs-bens-nec-revenues',
      Engine: 'sqlserver-ee',
      EngineVersion: '16.00.4236.2.v1',
      LicenseModel: 'license-included',
      DBInstanceClass: 'db.r6i.2xlarge', // more than 1000 GiB
      AllocatedStorage: '2380', // 1900 GiB plus a quarter
      MaxAllocatedStorage: 4760,
      MultiAZ: true,
      StorageEncrypted: true,
      DeletionProtection: true,
      BackupRetentionPeriod: 14, // the silver tier's point-in-time window
    });
    // The subnet group takes the data tier's subnets from the network account's shared parameters.
    t.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^ProductionDataNetworkDataSubnet1') }]),
    });
    expect(
      Object.entries(t.findParameters('*'))
        .filter(([id]) => id.startsWith('ProductionDataNetworkDataSubnet1'))
        .map(([, p]) => p),
    ).toEqual([
      {
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: 'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/subnets/data/1',
      },
    ]);
  });

  // The app also tags classification OFFICIAL and wave landing-zone: the workload's own tags win.
  it('tags every resource, databases included, with wave, workload, owner, service area, classification, cost centre, CMDB id and backup tier', () => {
    const t = template(undefined, 'KvdcWorkloadsProductionSocialCare');
    // CloudFormation tags come out sorted by key.
    const tags = Match.arrayWith([
      { Key: 'backup-tier', Value: 'gold-uk' },
      { Key: 'classification', Value: 'OFFICIAL-SENSITIVE' },
      { Key: 'cmdb-id', Value: 'CI-001601' },
      { Key: 'cost-centre', Value: 'SC-8000' },
      { Key: 'owner', Value: 'Director of Adult Social Care' },
      { Key: 'service-area', Value: 'social-care' },
      { Key: 'wave', Value: 'wave-06' },
      { Key: 'workload', Value: 'social-care-liquidlogic' },
    ]);
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'social-care-liquidlogic app tier',
      Tags: tags,
    });
    t.hasResourceProperties('AWS::MGN::Application', { Name: 'social-care-liquidlogic', Tags: tags });
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceIdentifier: 'kvdc-social-care-liquidlogic-liquidlogic',
      Tags: Match.arrayWith([
        ...[
          ['rpo-minutes', '15'],
          ['rto-minutes', '360'],
        ].map(([Key, Value]) => ({ Key, Value })),
      ]),
    });
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceIdentifier: 'kvdc-social-care-liquidlogic-liquidlogic',
      Tags: tags,
      // OFFICIAL-SENSITIVE: the database's own customer-managed key.
      KmsKeyId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^SocialCareLiquidlogicLiquidlogicDatabaseKey'), 'Arn'],
      },
    });
    t.hasResourceProperties('AWS::KMS::Key', { Tags: tags });
  });

  it('backup tier: the cheapest tier of dataProtection.tiers that meets the RPO in that account, DR copy as declared', () => {
    const tierOf = (stack: string, description: string): unknown => {
      const resources = template(undefined, stack).findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: description },
      });
      const tags = (Object.values(resources)[0]?.['Properties'] as { Tags: { Key: string; Value: string }[] })
        .Tags;
      return tags.find((x) => x.Key === 'backup-tier')?.Value;
    };
    // RPO 15, production: silver's continuous backup in the compliance-locked vault gives 5 minutes.
    expect(tierOf('KvdcWorkloadsProductionFinance', 'finance-unit4 app tier')).toBe('silver');
    // RPO 15, UK-only (no DR-region copy): gold-uk.
    expect(tierOf('KvdcWorkloadsProductionSocialCare', 'social-care-liquidlogic app tier')).toBe('gold-uk');
    // RPO 1440, non-production: the vault is governance-locked, so only the backup-account copy
    // counts; silver's daily copy is up to 30 h old, gold's 6-hourly one 11 h.
    expect(tierOf('KvdcWorkloadsNonProductionPlace', 'gis-arcgis-test app tier')).toBe('gold');
  });

  it('AWS::MGN::Wave records per account, AWS::MGN::Application per workload', () => {
    const waves = template(undefined, 'KvdcMigrationWavesProduction');
    const ids = Object.keys(waves.findResources('AWS::MGN::Wave')).sort();
    expect(ids.map((id) => id.slice(0, 6))).toEqual(['Wave02', 'Wave03', 'Wave04', 'Wave05', 'Wave06']);
    waves.hasResourceProperties('AWS::MGN::Wave', {
      Name: 'wave-05',
      Description: Match.stringLikeRegexp('Revenues and benefits'),
    });
  });

  it('moving a workload to another wave changes no logical ID (only its wave tag)', () => {
    const before = template(undefined, 'KvdcWorkloadsProductionHousing');
    // Move housing-repairs (blocked) out of wave-04 into wave-05.
    const base = exampleWaveTexts();
    const wave04 = parseDocument(base.waves.find((w) => w.file.includes('wave-04'))?.text ?? '');
    const moved = wave04.getIn(['workloads', workloadIndex(wave04, 'housing-repairs')]);
    let texts = editExample(
      'wave-04',
      (d) => d.deleteIn(['workloads', workloadIndex(d, 'housing-repairs')]),
      base,
    );
    texts = editExample(
      'wave-05',
      (d) => {
        d.addIn(['workloads'], moved);
        // Windows Server 2016 is out of support by wave 5: the move comes with an in-place upgrade.
        d.setIn(
          ['workloads', workloadIndex(d, 'housing-repairs'), 'servers', 0, 'targetOs'],
          'Windows Server 2022',
        );
      },
      texts,
    );
    const plan = planOf(texts);
    expect(plan.waves[4]?.workloads.map((w) => w.id)).toContain('housing-repairs');
    expect(plan.waves[3]?.workloads.map((w) => w.id)).not.toContain('housing-repairs');

    const after = template(plan, 'KvdcWorkloadsProductionHousing');
    expect(identities(after)).toEqual(identities(before));
    after.hasResourceProperties('AWS::MGN::Application', {
      Name: 'housing-repairs',
      Tags: Match.arrayWith([{ Key: 'wave', Value: 'wave-05' }]),
    });
    // Pinned: the stateful identity of a workload target.
    expect(
      Object.keys(identities(after))
        .filter((id) => id.startsWith('HousingRepairs'))
        .sort(),
    ).toEqual([
      expect.stringMatching(/^HousingRepairsAppTier[0-9A-F]{8}$/),
      expect.stringMatching(/^HousingRepairsAppTierto.*HousingNecAppTier/),
      expect.stringMatching(/^HousingRepairsAppTierto.*HousingRepairsRepairsDatabaseSecurityGroup/),
      'HousingRepairsMgnApplicationD509EBD5',
      // The database: from workload id and database name only, never the wave.
      'HousingRepairsRepairsDatabaseAgentLogs42929A49',
      'HousingRepairsRepairsDatabaseAgentLogsArchiveSubscription60D7A667',
      'HousingRepairsRepairsDatabaseEngineGroupsParameterGroup8E3F0FBF',
      'HousingRepairsRepairsDatabaseErrorLogsA012A95A',
      'HousingRepairsRepairsDatabaseErrorLogsArchiveSubscription11124BC5',
      'HousingRepairsRepairsDatabaseInstanceC6C5BA13',
      'HousingRepairsRepairsDatabaseInstanceMonitoringRoleF0EB3097',
      'HousingRepairsRepairsDatabaseInstanceSubnetGroup0D29862A',
      'HousingRepairsRepairsDatabaseKey57AAA493',
      'HousingRepairsRepairsDatabaseSecurityGroup4502A9D8',
      expect.stringMatching(/^HousingRepairsRepairsDatabaseSecurityGroupfrom.*HousingRepairsAppTier/),
    ]);
    // The master password is RDS-managed in Secrets Manager: no secret resource whose ID could move.
    expect(Object.values(identities(after))).not.toContain('AWS::SecretsManager::Secret');
  });
});
