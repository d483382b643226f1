import { addressSpace } from './address-space';
import { bgpAsns } from './bgp-asns';
import { connectivityNames } from './connectivity-names';
import { customerGatewayAddresses } from './customer-gateway-addresses';
import { backupLifecycles } from './backup-lifecycles';
import { databaseEngines } from './database-engines';
import { dataProtectionReferences } from './data-protection-references';
import { deliveryAccount } from './delivery-account';
import { drResidency } from './dr-residency';
import { duplicateNames } from './duplicate-names';
import { egressInspection } from './egress-inspection';
import { hybridDns } from './hybrid-dns';
import { logRetentionMinimum } from './log-retention-minimum';
import { lowTrustSites } from './low-trust-sites';
import { onPremisesNetworks } from './on-premises-networks';
import { operationsTrust } from './operations-trust';
import { publicRanges } from './public-ranges';
import { references } from './references';
import { regionsAndZones } from './regions-and-zones';
import { securityBaselineAccounts } from './security-baseline-accounts';
import { securityBaselineReferences } from './security-baseline-references';
import type { ConfigRule } from './rule';
import { siteLanRanges } from './site-lan-ranges';
import { siteRouting } from './site-routing';
import { tunnelHardening } from './tunnel-hardening';
import { subnetTiers } from './subnet-tiers';
import { tunnelInsideCidrs } from './tunnel-inside-cidrs';

/** Every cross-field rule, run in this order; each reports all of its findings. */
export const CONFIG_RULES: readonly ConfigRule[] = [
  duplicateNames,
  references,
  regionsAndZones,
  subnetTiers,
  addressSpace,
  onPremisesNetworks,
  // Hybrid connectivity (the optional `connectivity` section).
  connectivityNames,
  siteRouting,
  tunnelHardening,
  bgpAsns,
  tunnelInsideCidrs,
  customerGatewayAddresses,
  siteLanRanges,
  hybridDns,
  lowTrustSites,
  egressInspection,
  dataProtectionReferences,
  publicRanges,
  databaseEngines,
  backupLifecycles,
  drResidency,
  logRetentionMinimum,
  deliveryAccount,
  operationsTrust,
  // The security baseline (the optional `securityBaseline` section).
  securityBaselineAccounts,
  securityBaselineReferences,
];
