import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { ProgrammeConfig } from '../../lib/waves/schema';
import { addDays, blackoutInterval, overlaps, windowInterval } from '../../lib/waves/time';

const AREAS = [
  'revenues-and-benefits',
  'social-care',
  'housing',
  'planning',
  'finance',
  'hr-and-payroll',
  'place',
  'environment',
  'customer-services',
  'education',
  'libraries',
  'corporate-it',
];

/**
 * A synthetic council estate of `workloads` migrating workloads in `waves` waves, valid against
 * the example landing zone and calendar: weekly Saturday cutovers that skip every blackout, a hard
 * dependency on the previous workload (so chains cross waves in the right order), a soft one
 * further back, Active Directory kept on premises behind the data-centre VPN, and servers at the
 * example's three sites, replicating within their VPNs' bandwidth.
 */
export function generateWaves(dir: string, workloads: number, waves: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const programme = parse(readFileSync('migration-waves/programme.yaml', 'utf8')) as ProgrammeConfig;
  const perWave = Math.ceil(workloads / waves);
  // Room to spare, so the plan is clean: a warning makes validation place it (a located parse of its file).
  programme.capacity = { maxWorkloadsPerWave: 2 * perWave, maxServersPerWave: 4 * perWave };

  // Saturdays from late May 2027 that touch no blackout of the generated service areas.
  const saturdays: string[] = [];
  for (let date = '2027-05-22'; saturdays.length < waves; date = addDays(date, 7)) {
    const window = windowInterval({
      start: `${date}T08:00`,
      end: `${date}T20:00`,
      timeZone: 'Europe/London',
    });
    const clear = programme.blackouts.every(
      (b) =>
        !window ||
        (b.serviceAreas !== 'all' && !b.serviceAreas.some((a) => AREAS.includes(a))) ||
        !overlaps(window, blackoutInterval(b, 'Europe/London')),
    );
    if (clear) {
      saturdays.push(date);
    }
  }
  programme.baseline = {
    approvedOn: '2027-04-01',
    approvedBy: 'Digital Board',
    waves: saturdays.map((d, i) => ({
      wave: `wave-${String(i + 1).padStart(2, '0')}`,
      start: addDays(d, -12),
      end: addDays(d, 6),
    })),
  };
  writeFileSync(join(dir, 'programme.yaml'), stringify(programme));

  const retained = {
    id: 'active-directory',
    name: 'Active Directory',
    cmdbId: 'CI-900000',
    serviceArea: 'corporate-it',
    owners: { business: 'Head of Digital and Customer Services', technical: 'Infrastructure Team Leader' },
    costCentre: 'ICT-0410',
    criticality: 'critical',
    environment: 'production',
    strategy: 'retain',
    dataProtection: {
      classification: 'OFFICIAL',
      personalData: false,
      specialCategoryData: false,
      residency: 'uk-and-eea',
    },
    recovery: { rpoMinutes: 60, rtoMinutes: 240, drStrategy: 'pilot-light', drRegionCopy: false },
    cost: { currentMonthlyGbp: 400 },
    status: 'not-started',
    statusHistory: [{ state: 'not-started', on: '2027-04-01' }],
  };

  for (let w = 0; w < waves; w++) {
    const id = `wave-${String(w + 1).padStart(2, '0')}`;
    const date = saturdays[w] ?? '2027-05-22';
    const list: unknown[] = w === 0 ? [retained] : [];
    for (let k = 0; k < perWave; k++) {
      const i = w * perWave + k;
      if (i >= workloads) {
        break;
      }
      const n = String(i + 1).padStart(4, '0');
      const production = i % 2 === 0;
      const personal = i % 3 === 0;
      const deps: unknown[] = [
        { workload: 'active-directory', type: 'hard', ports: [389, 636], reachableVia: 'data-centre-dmz' },
      ];
      if (i > 0) {
        deps.push({ workload: `app-${String(i).padStart(4, '0')}`, type: 'hard', ports: [443] });
      }
      if (i > 7) {
        deps.push({ workload: `app-${String(i - 7).padStart(4, '0')}`, type: 'soft', ports: [443] });
      }
      list.push({
        id: `app-${n}`,
        name: `Generated application ${n}`,
        cmdbId: `CI-${String(100000 + i)}`,
        serviceArea: AREAS[Math.floor(i / 2) % AREAS.length],
        // Most servers are in the data centre; a few at the depot and the library, whose slower
        // VPNs the replication throttles share.
        site: i % 25 === 24 ? 'central-library' : i % 10 === 9 ? 'northgate-depot' : 'civic-centre-dc',
        owners: { business: 'Head of Service', technical: 'Applications Support Lead' },
        costCentre: `CC-${(i % 40) + 100}`,
        criticality: production ? 'high' : 'low',
        environment: production ? 'production' : 'non-production',
        strategy: 'rehost',
        target: production
          ? { account: 'production', vpc: 'production' }
          : { account: 'non-production', vpc: 'non-production' },
        servers: [
          {
            hostname: `gen${n}-app`,
            os: 'Windows Server 2022',
            platform: 'windows',
            role: 'app',
            tier: 'app',
            vcpus: 4,
            memoryGiB: 16,
            diskGiB: 150,
            targetInstanceType: 'm6i.xlarge',
          },
          {
            hostname: `gen${n}-db`,
            os: 'Windows Server 2022',
            platform: 'windows',
            role: 'db',
            tier: 'db',
            vcpus: 4,
            memoryGiB: 32,
            diskGiB: 400,
            targetInstanceType: 'r6i.xlarge',
          },
        ],
        databases: [
          {
            name: 'main',
            engine: 'sqlserver-se',
            version: '2019',
            sizeGiB: 200,
            // A third on RDS, as in the example: each RDS database adds about ten resources to its
            // account and service area's stack, which CloudFormation caps at 500. The workloads of
            // one stack are i = 24m + c (parity picks the account, i / 2 the area), so the choice
            // keys on m: keyed on i itself, a stack would get all RDS or none.
            target: Math.floor(i / 24) % 3 === 0 ? 'rds' : 'ec2',
            licence: 'licence-included',
          },
        ],
        dependencies: deps,
        access: [{ port: 443, from: ['civic-centre'] }],
        dataProtection: {
          classification: 'OFFICIAL',
          personalData: personal,
          specialCategoryData: false,
          residency: 'uk-and-eea',
          ...(personal
            ? {
                dpia: {
                  reference: `DPIA-G-${n}`,
                  status: 'approved',
                  approvedOn: '2027-03-01',
                  approvedBy: 'Data Protection Officer',
                },
              }
            : {}),
        },
        recovery: {
          // Non-production vaults are governance-locked, so no tier gets below an 11-hour RPO there.
          rpoMinutes: production ? [15, 240, 1440][i % 3] : 1440,
          rtoMinutes: 480,
          drStrategy: 'pilot-light',
          drRegionCopy: true,
        },
        supplier: {
          vendor: 'Generated Supplier Ltd',
          product: `Product ${n}`,
          awsSupported: 'yes',
          licence: 'byol',
        },
        rollback: {
          trigger: 'Smoke tests fail after go-live',
          decisionOwner: 'Head of Service',
          pointOfNoReturn: 'First write to the AWS database',
          rollbackMinutes: 120,
        },
        testing: { plan: `TP-G-${n}` },
        cost: { currentMonthlyGbp: 500 + (i % 50) * 10, targetMonthlyGbp: 350 + (i % 50) * 7 },
        status: 'not-started',
        statusHistory: [{ state: 'not-started', on: '2027-04-01' }],
      });
    }
    const header = {
      id,
      name: `Generated wave ${w + 1}`,
      owner: 'Migration Programme Manager',
      status: 'planned',
      planned: { start: addDays(date, -12), end: addDays(date, 6) },
      cutoverWindow: { start: `${date}T08:00`, end: `${date}T20:00`, timeZone: 'Europe/London' },
    };
    writeFileSync(join(dir, `${id}-generated.yaml`), stringify({ wave: header, workloads: list }));
  }
}
