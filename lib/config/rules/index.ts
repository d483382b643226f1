import { addressSpace } from './address-space';
import { backupLifecycles } from './backup-lifecycles';
import { databaseEngines } from './database-engines';
import { dataProtectionReferences } from './data-protection-references';
import { drResidency } from './dr-residency';
import { duplicateNames } from './duplicate-names';
import { references } from './references';
import { regionsAndZones } from './regions-and-zones';
import type { ConfigRule } from './rule';
import { subnetTiers } from './subnet-tiers';

/** Every cross-field rule, run in this order; each reports all of its findings. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  duplicateNames,
  references,
  regionsAndZones,
  subnetTiers,
  addressSpace,
  dataProtectionReferences,
  databaseEngines,
  backupLifecycles,
  drResidency,
];
