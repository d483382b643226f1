import { validateConfigText } from '../../lib/config/load';
import type { LandingZoneConfig } from '../../lib/config/schema';
import { exampleText } from './landing-zone';

/*
 * Four databases in dataProtection.databases, one per engine (SQL Server, PostgreSQL, Oracle SE2,
 * MySQL), for the tests of what that section builds and checks. The example configuration keeps only
 * the CRM staging copy there: the migrating workloads declare their databases in their wave files.
 * The workload names here are not workloads of the example plan.
 */
export const FOUR_ENGINE_DATABASES = `  databases:
    - name: main
      workload: revenues-benefits
      description: Council tax, business rates and housing benefit (personal data)
      engine: sqlserver
      edition: standard
      version: 16.00.4236.2.v1
      licence: licence-included
      instanceClass: db.m6i.xlarge
      allocatedStorageGiB: 200
      maxAllocatedStorageGiB: 500
      tier: gold
      account: production
      vpc: production
      recovery:
        rpoMinutes: 15
        rtoMinutes: 240
        regionLoss: { rpoMinutes: 1440, rtoMinutes: 1440 }
      allowedSecurityGroups: [revenues-app]
      allowedOnPremisesRanges: [civic-centre]
    - name: main
      workload: gis
      description: Corporate GIS and the local land and property gazetteer
      engine: postgres
      version: '17.9'
      licence: open-source
      instanceClass: db.r6g.large
      allocatedStorageGiB: 500
      maxAllocatedStorageGiB: 1000
      tier: silver
      account: production
      vpc: production
      recovery:
        rpoMinutes: 60
        rtoMinutes: 480
        regionLoss: { rpoMinutes: 2880, rtoMinutes: 2880 }
      allowedSecurityGroups: [gis-app]
      allowedOnPremisesRanges: [civic-centre, depots]
    - name: main
      workload: planning
      description: Planning and building control applications (public register and personal data)
      engine: oracle
      edition: se2
      version: 19.0.0.0.ru-2025-10.rur-2025-10.r1
      licence: bring-your-own-licence
      instanceClass: db.m6i.large
      allocatedStorageGiB: 100
      tier: silver
      account: production
      vpc: production
      recovery:
        rpoMinutes: 60
        rtoMinutes: 480
        regionLoss: { rpoMinutes: 2880, rtoMinutes: 2880 }
      allowedSecurityGroups: [planning-app]
      allowedOnPremisesRanges: [civic-centre]
    - name: main
      workload: crm
      description: Customer contact CRM, migration rehearsal copy (synthetic data)
      engine: mysql
      version: 8.4.8
      licence: open-source
      instanceClass: db.t4g.medium
      allocatedStorageGiB: 50
      tier: bronze
      account: non-production
      vpc: non-production
      recovery:
        rpoMinutes: 2880
        rtoMinutes: 1440
      allowedSecurityGroups: [crm-app]
      allowedOnPremisesRanges: []
`;

/** A configuration text with its dataProtection.databases list replaced by the four-engine fixture. */
export function withFourEngineDatabases(text: string): string {
  const start = text.indexOf('\n  databases:\n');
  if (start < 0) {
    throw new Error('no dataProtection.databases list in the configuration');
  }
  // The list ends at the next top-level line (a key or the comment above one); keep what follows.
  const rest = /\n(?=\S)/.exec(text.slice(start + 1));
  const after = rest === null ? '' : text.slice(start + 1 + rest.index);
  return `${text.slice(0, start + 1)}${FOUR_ENGINE_DATABASES}${after}`;
}

/** The example configuration text with the four-engine databases. */
export function fourEngineExampleText(): string {
  return withFourEngineDatabases(exampleText());
}

/** The example configuration with the four-engine databases, validated. */
export function fourEngineExampleConfig(): LandingZoneConfig {
  const result = validateConfigText('config/landing-zone.yaml', fourEngineExampleText());
  if (!result.config) {
    throw new Error(`fixture invalid: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
  }
  return result.config;
}
