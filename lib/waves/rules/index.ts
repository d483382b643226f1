import { cutoverBlackouts } from './cutover-blackouts';
import { cutoverInWave } from './cutover-in-wave';
import { databaseMigration } from './database-migration';
import { replicationBandwidth } from './replication-bandwidth';
import { serverLicences } from './server-licences';
import { supportDates } from './support-dates';
import { vpnReachability } from './vpn-reachability';
import { lowTrustSites } from './low-trust-sites';
import { dataResidency } from './data-residency';
import { dependencyCycles } from './dependency-cycles';
import { dependencyOrder } from './dependency-order';
import { dpiaApproval } from './dpia-approval';
import { productionReadiness } from './production-readiness';
import { publicAccess } from './public-access';
import { rdsDatabases } from './rds-databases';
import { references } from './references';
import { riskWarnings } from './risk-warnings';
import type { WaveRule } from './rule';
import { statusConsistency } from './status-consistency';
import { strategyConsistency } from './strategy-consistency';
import { supportHours } from './support-hours';
import { timeZones } from './time-zones';
import { uniqueIds } from './unique-ids';
import { waveCapacity } from './wave-capacity';

/** Every cross-file rule of the migration plan; each reports all of its findings. */
export const WAVE_RULES: readonly WaveRule[] = [
  uniqueIds,
  timeZones,
  references,
  vpnReachability,
  lowTrustSites,
  publicAccess,
  strategyConsistency,
  dependencyCycles,
  dependencyOrder,
  cutoverBlackouts,
  cutoverInWave,
  supportHours,
  waveCapacity,
  productionReadiness,
  dpiaApproval,
  dataResidency,
  rdsDatabases,
  databaseMigration,
  replicationBandwidth,
  serverLicences,
  supportDates,
  statusConsistency,
  riskWarnings,
];
