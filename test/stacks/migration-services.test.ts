import { databaseMigrationStackName, migrationServicesStackName } from '../../lib/names';
import { exampleAssembly } from '../helpers/example-assembly';
import { examplePlan } from '../helpers/waves';

/*
 * What the example synthesises for replication and database migration (issue 17), read from the
 * assembly the test run synthesises once: MGN templates per receiving account, a DMS task for every
 * database DMS moves, and the DMS rules on the targets only in the DMS stacks.
 */

type Resource = { Type: string; Properties?: Record<string, unknown> };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function resources(stackName: string, type: string): [string, Resource][] {
  const stack = exampleAssembly().stacks.find((s) => s.stackName === stackName);
  if (!stack) {
    throw new Error(`no stack ${stackName}`);
  }
  return Object.entries(stack.template.Resources as Record<string, Resource>).filter(
    ([, r]) => r.Type === type,
  );
}

describe('replication and database migration in the example', () => {
  const plan = examplePlan();
  const prefix = plan.landingZone.organisation.shortName;

  it('every account that receives servers has launch templates; replication templates for every site and wave still to replicate', () => {
    const receiving = [
      ...new Set(
        plan.workloads
          .filter((w) => w.replicatedServers.length > 0 && w.account)
          .map((w) => w.account?.name ?? ''),
      ),
    ].sort();
    expect(receiving).toEqual(['non-production', 'production']);
    for (const account of receiving) {
      const name = migrationServicesStackName(prefix, account);
      expect(resources(name, 'AWS::MGN::LaunchConfigurationTemplate').length).toBeGreaterThan(0);
      const groups = plan.replication.filter((g) => g.account === account);
      expect(groups.length).toBeGreaterThan(0);
      const templates = resources(name, 'AWS::MGN::ReplicationConfigurationTemplate');
      expect(templates.map(([, r]) => r.Properties?.['BandwidthThrottling']).sort()).toEqual(
        groups.map((g) => g.throttleMbps).sort(),
      );
      for (const [, t] of templates) {
        expect(t.Properties).toMatchObject({
          DataPlaneRouting: 'PRIVATE_IP',
          CreatePublicIP: false,
          EbsEncryption: 'CUSTOM',
        });
      }
    }
    // The Red Hat server that keeps its subscription launches through the BYOL template.
    const byol = resources(
      migrationServicesStackName(prefix, 'non-production'),
      'AWS::MGN::LaunchConfigurationTemplate',
    ).filter(([, r]) => (r.Properties?.['Licensing'] as { OsByol?: boolean } | undefined)?.OsByol === true);
    expect(byol).toHaveLength(1);
  });

  it('staging goes in the first subnet of the target VPC isolated tier, read from the shared parameter', () => {
    const stack = exampleAssembly().stacks.find(
      (s) => s.stackName === migrationServicesStackName(prefix, 'production'),
    );
    const parameters = (stack?.template.Parameters ?? {}) as Record<string, { Default?: string }>;
    const defaults = Object.values(parameters).map((p) => p.Default ?? '');
    expect(defaults).toContain(
      'arn:aws:ssm:eu-west-2:111111111111:parameter/kvdc/network/vpcs/production/subnets/data/1',
    );
    expect(defaults.some((d) => d.endsWith('/subnets/data/2'))).toBe(false);
  });

  it('a DMS task for every database DMS moves, none for native methods or databases already moved', () => {
    const expected = plan.databaseMigrations.flatMap((g) =>
      g.tasks.map((t) => `${g.wave.id}/${t.workload.id}/${t.database.db.name}`),
    );
    expect(expected).toEqual(
      expect.arrayContaining([
        'wave-05/revs-bens-nec/revenues',
        'wave-05/revs-bens-uat/revenues-uat',
        'wave-06/social-care-liquidlogic/liquidlogic',
      ]),
    );
    expect(expected.some((k) => k.endsWith('/capita-one'))).toBe(false);
    expect(expected.some((k) => k.startsWith('wave-02/'))).toBe(false);
    let tasks = 0;
    for (const g of plan.databaseMigrations) {
      const name = databaseMigrationStackName(prefix, g.wave.id, g.vpc.name);
      const found = resources(name, 'AWS::DMS::ReplicationTask');
      expect(found).toHaveLength(g.tasks.length);
      tasks += found.length;
      expect(resources(name, 'AWS::DMS::ReplicationInstance')).toHaveLength(1);
      for (const [, e] of resources(name, 'AWS::DMS::Endpoint')) {
        expect(e.Properties?.['SslMode']).toBe('require');
      }
    }
    expect(tasks).toBe(expected.length);
  });

  it('targets admit DMS only from the DMS stacks, which the workloads stacks never reference', () => {
    for (const stack of exampleAssembly().stacks) {
      const dmsIngress = Object.values(stack.template.Resources as Record<string, Resource>).filter(
        (r) =>
          r.Type === 'AWS::EC2::SecurityGroupIngress' &&
          text(r.Properties?.['Description']).startsWith('DMS'),
      );
      if (stack.stackName.includes('-database-migration-')) {
        expect(dmsIngress.length).toBeGreaterThan(0);
      } else {
        expect(dmsIngress).toEqual([]);
      }
    }
  });

  it('DMS service roles exist by name in each account where DMS runs, and only there', () => {
    const accounts = new Set(plan.databaseMigrations.map((g) => g.account.name));
    for (const account of ['production', 'non-production']) {
      const names = resources(migrationServicesStackName(prefix, account), 'AWS::IAM::Role').map(
        ([, r]) => r.Properties?.['RoleName'],
      );
      expect(names.includes('dms-vpc-role')).toBe(accounts.has(account));
    }
  });

  it('PostGIS: the GIS database parameter groups allow exactly that extension', () => {
    const groups = exampleAssembly().stacks.flatMap((s) =>
      Object.values(s.template.Resources as Record<string, Resource>).filter(
        (r) =>
          r.Type === 'AWS::RDS::DBParameterGroup' && text(r.Properties?.['Description']).includes('gis-sde'),
      ),
    );
    expect(groups).toHaveLength(2);
    for (const g of groups) {
      expect((g.Properties?.['Parameters'] as Record<string, string>)['rds.allowed_extensions']).toBe(
        'postgis',
      );
    }
  });
});
