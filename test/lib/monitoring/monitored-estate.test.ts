import { monitoredEstate, runbookBaseUrl, SHARED_AREA } from '../../../lib/monitoring/monitored-estate';
import { SERVICE_LEVELS } from '../../../lib/monitoring/service-levels';
import { exampleConfig } from '../../helpers/landing-zone';
import { examplePlan } from '../../helpers/waves';

describe('the monitored estate of the example', () => {
  const config = exampleConfig();
  const plan = examplePlan();
  const estate = monitoredEstate(config, plan);

  it('has a service per workload the landing zone builds, at the level of its criticality', () => {
    const finance = estate.services.find((s) => s.id === 'finance-unit4');
    expect(finance).toMatchObject({
      account: 'production',
      accountId: '555555555555',
      criticality: 'critical',
      owner: 'Chief Finance Officer',
      serviceArea: 'finance',
    });
    expect(finance?.level).toBe(SERVICE_LEVELS.critical);
    expect(finance?.databases.map((d) => d.identifier)).toEqual(['kvdc-finance-unit4-unit4-erp']);
    // Retained, retired and repurchased workloads run nowhere the landing zone builds.
    expect(estate.services.map((s) => s.id)).not.toContain('active-directory');
    expect(estate.services.map((s) => s.id)).not.toContain('telephony-mitel');
  });

  it('derives each database connection limit from its engine and class', () => {
    const crm = estate.services.find((s) => s.id === 'crm');
    expect(crm?.serviceArea).toBe(SHARED_AREA.id);
    expect(crm?.source).toBe('config');
    expect(crm?.databases[0]).toMatchObject({
      instanceClass: 'db.t4g.medium',
      classMemoryGiB: 4,
      connectionLimit: 341,
    });
  });

  it('servers are live once their workload has cut over', () => {
    const live = estate.services
      .filter((s) => s.servers.some((x) => x.live))
      .map((s) => plan.byId.get(s.id)?.workload.status);
    expect(new Set(live)).not.toContain('not-started');
    expect(live.length).toBeGreaterThan(0);
  });

  it('the network follows the most critical service it carries', () => {
    expect(estate.vpcCriticality['production']).toBe('critical');
    expect(estate.vpcCriticality['egress']).toBe('high');
    expect(estate.egressCriticality).toBe('critical');
    expect(estate.rota).toEqual({
      start: '07:00',
      end: '00:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      timeZone: 'Europe/London',
    });
  });

  it('without a plan, only the databases of the configuration, and no rota', () => {
    const alone = monitoredEstate(config);
    expect(alone.services.map((s) => s.id)).toEqual(['crm']);
    expect(alone.rota).toBeUndefined();
  });

  it('links runbooks on GitHub from the delivery section unless told otherwise', () => {
    expect(runbookBaseUrl(config)).toBe(
      'https://github.com/kestrel-vale/council-landing-zone/blob/main/docs/operations.md',
    );
    const withoutDelivery = { ...config, delivery: undefined };
    expect(runbookBaseUrl(withoutDelivery)).toBe('docs/operations.md');
  });

  it('names the class that has no known memory', () => {
    const odd = {
      ...config,
      dataProtection: config.dataProtection && {
        ...config.dataProtection,
        databases: config.dataProtection.databases.map((d) => ({ ...d, instanceClass: 'db.z1d.large' })),
      },
    };
    expect(() => monitoredEstate(odd)).toThrow(/db\.z1d\.large is not known: add its family/);
  });
});
