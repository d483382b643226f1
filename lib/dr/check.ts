import type { Assembly } from '../assembly/read';
import type { LandingZoneConfig } from '../config/schema';
import { drRegionVaultRegion } from '../delivery/environments';
import { assessAssembly, type DrPromises, type DrReport } from './assess';
import { extractFacts } from './model';

/** The DR region copy each backup tier of the configuration promises, when the landing zone builds one. */
export function drPromises(config: LandingZoneConfig | undefined): DrPromises {
  const drRegion = config === undefined ? undefined : drRegionVaultRegion(config);
  const tiers = config?.dataProtection?.tiers ?? [];
  return new Map(
    drRegion === undefined
      ? []
      : tiers.filter((t) => t.copyToDrRegion).map((t) => [t.name, { drRegion }] as const),
  );
}

/**
 * Assesses every database of a synthesised assembly; with the configuration, also whether each keeps
 * its tier's promise of a DR-region copy.
 */
export function checkAssembly(assembly: Assembly, config?: LandingZoneConfig): DrReport {
  return assessAssembly(extractFacts(assembly.stacks), drPromises(config));
}
