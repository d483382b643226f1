import { isRegionAllowed, KNOWN_AVAILABILITY_ZONES, regionsAllowedBy } from '../regions';
import type { ConfigRule } from './rule';

/** Zones must be in the home region, and the DR region must respect the data-residency rule. */
export const regionsAndZones: ConfigRule = (view, report) => {
  const org = view.organisation;
  if (org) {
    if (!isRegionAllowed(org.dataResidency, org.homeRegion)) {
      report(
        ['organisation', 'homeRegion'],
        `${org.homeRegion} breaks dataResidency ${org.dataResidency} (allowed: ${regionsAllowedBy(org.dataResidency).join(', ')})`,
      );
    }
    if (org.drRegion !== undefined) {
      if (org.drRegion === org.homeRegion) {
        report(
          ['organisation', 'drRegion'],
          `the DR region must differ from the home region ${org.homeRegion}`,
        );
      } else if (!isRegionAllowed(org.dataResidency, org.drRegion)) {
        report(
          ['organisation', 'drRegion'],
          `${org.drRegion} breaks dataResidency ${org.dataResidency} (allowed: ${regionsAllowedBy(org.dataResidency).join(', ')})`,
        );
      }
    }
  }

  const zones = view.availabilityZones;
  if (zones && org) {
    const known = KNOWN_AVAILABILITY_ZONES[org.homeRegion];
    const seen = new Set<string>();
    zones.forEach((zone, i) => {
      const path = ['network', 'availabilityZones', i];
      if (seen.has(zone)) {
        report(path, `availability zone ${zone} is listed twice`);
      }
      seen.add(zone);
      if (!zone.startsWith(org.homeRegion) || !/^[a-z]$/.test(zone.slice(org.homeRegion.length))) {
        report(path, `${zone} is not an availability zone of the home region ${org.homeRegion}`);
      } else if (known && !known.includes(zone)) {
        report(path, `${zone} does not exist in ${org.homeRegion} (zones: ${known.join(', ')})`);
      }
    });
  }

  if (zones) {
    for (const { index, value: vpc } of view.vpcs) {
      (vpc.availabilityZones ?? []).forEach((zone, i) => {
        if (!zones.includes(zone)) {
          report(
            ['network', 'vpcs', index, 'availabilityZones', i],
            `${zone} is not one of network.availabilityZones (${zones.join(', ')})`,
          );
        }
      });
      if (vpc.availabilityZones !== undefined && vpc.availabilityZones.length < 2) {
        report(
          ['network', 'vpcs', index, 'availabilityZones'],
          'a VPC needs at least two availability zones for resilience',
        );
      }
    }
  }
};
