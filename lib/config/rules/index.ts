import { addressSpace } from './address-space';
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
];
