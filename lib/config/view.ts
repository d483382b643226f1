import type { z } from 'zod';
import { parseIgnoringUnknownKeys } from './lenient-parse';
import { LogRetentionDays } from './schema-primitives';
import type { PathSegment } from './diagnostics';
import {
  ElementSchemas,
  type AccountConfig,
  type NetworkConfig,
  type OnPremisesRangeConfig,
  type OrganisationConfig,
  type VpcConfig,
} from './schema';
import {
  ConnectivityElementSchemas,
  type ForwardedDomainConfig,
  type HybridDnsConfig,
  type OnPremisesDnsServerConfig,
  type SiteConfig,
} from './schema-connectivity';
import {
  DataProtectionElementSchemas,
  type BackupTierConfig,
  type DatabaseConfig,
  type DataProtectionConfig,
} from './schema-data-protection';
import { DeliverySchema, type DeliveryConfig } from './schema-delivery';
import {
  EgressInspectionElementSchemas,
  type DnsFirewallConfig,
  type NetworkFirewallConfig,
  type ProtectiveDnsConfig,
} from './schema-egress-inspection';
import { OperationsSchema, type OperationsConfig } from './schema-operations';
import {
  SecurityBaselineElementSchemas,
  type BreakGlassConfig,
  type OrganisationalUnitConfig,
  type SecurityBaselineConfig,
} from './schema-security-baseline';

/** A list element that passed its own schema, with its position in the file. */
export interface Indexed<T> {
  readonly index: number;
  readonly value: T;
}

/**
 * The parts of a configuration that are individually valid. Cross-field rules run on this view, so
 * a typo in one VPC does not hide an overlapping CIDR in another: every mistake is reported at once.
 */
export interface ConfigView {
  readonly organisation?: OrganisationConfig;
  readonly accounts: Indexed<AccountConfig>[];
  /** Names of every account entry that has a string name, valid or not, to avoid false "unknown account" errors. */
  readonly accountNames: ReadonlySet<string>;
  readonly vpcs: Indexed<VpcConfig>[];
  readonly vpcNames: ReadonlySet<string>;
  readonly onPremisesRanges: Indexed<OnPremisesRangeConfig>[];
  readonly availabilityZones?: string[];
  readonly awsAddressSpace?: string[];
  readonly transitGateway?: NetworkConfig['transitGateway'];
  readonly egress?: NetworkConfig['egress'];
  /** VPN sites under connectivity.sites. */
  readonly sites: Indexed<SiteConfig>[];
  /** Hybrid DNS, part by part, so one bad server does not hide a bad forwarding rule. */
  readonly dnsEndpoints?: HybridDnsConfig['endpoints'];
  readonly dnsServers: Indexed<OnPremisesDnsServerConfig>[];
  /** Names of every DNS server entry that has a string name, valid or not. */
  readonly dnsServerNames: ReadonlySet<string>;
  readonly forwardedDomains: Indexed<ForwardedDomainConfig>[];
  readonly ruleAssociations?: string[];
  /** Whether the file has connectivity.dns at all, valid or not. */
  readonly hasHybridDns: boolean;
  /** network.egressInspection, option by option; DNS Firewall's VPCs entry by entry. */
  readonly dnsFirewallAssociations: Indexed<DnsFirewallConfig['associations'][number]>[];
  readonly protectiveDns?: ProtectiveDnsConfig;
  readonly networkFirewall?: NetworkFirewallConfig;
  /** Whether the file has network.egressInspection.networkFirewall at all, valid or not. */
  readonly hasNetworkFirewall: boolean;
  /** Whether the file has a dataProtection section at all. */
  readonly hasDataProtection: boolean;
  readonly tiers: Indexed<BackupTierConfig>[];
  readonly tierNames: ReadonlySet<string>;
  readonly vaults?: DataProtectionConfig['vaults'];
  readonly databases: Indexed<DatabaseConfig>[];
  readonly onPremisesRangeNames: ReadonlySet<string>;
  /** Every log retention the file sets (flow, tunnel, DNS query and firewall logs), where it is set. */
  readonly logRetentions: { path: PathSegment[]; days: number }[];
  readonly delivery?: DeliveryConfig;
  /** Whether the file has a delivery section at all, valid or not. */
  readonly hasDelivery: boolean;
  readonly operations?: OperationsConfig;
  /** Whether the file has a securityBaseline section at all. */
  readonly hasSecurityBaseline: boolean;
  readonly organisationalUnits: Indexed<OrganisationalUnitConfig>[];
  /** Every account name listed in any OU entry, valid or not, to avoid false "in no OU" errors. */
  readonly organisationalUnitAccounts: ReadonlySet<string>;
  readonly breakGlass?: BreakGlassConfig;
  readonly securityAlarms?: SecurityBaselineConfig['alarms'];
  readonly logArchive?: SecurityBaselineConfig['logArchive'];
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function valid<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = parseIgnoringUnknownKeys(schema, value);
  return result.success ? result.data : undefined;
}

function validItems<T>(schema: z.ZodType<T>, value: unknown): Indexed<T>[] {
  return list(value).flatMap((item, index) => {
    const parsed = valid(schema, item);
    return parsed === undefined ? [] : [{ index, value: parsed }];
  });
}

function names(value: unknown): Set<string> {
  return new Set(
    list(value).flatMap((item) => {
      const name = record(item)['name'];
      return typeof name === 'string' ? [name] : [];
    }),
  );
}

export function buildView(data: unknown): ConfigView {
  const root = record(data);
  const network = record(root['network']);
  const shape = ElementSchemas.Network.shape;
  const connectivity = record(root['connectivity']);
  const dns = record(connectivity['dns']);
  const dnsShape = ConnectivityElementSchemas.HybridDns.shape;
  const dataProtection = record(root['dataProtection']);
  const inspection = record(network['egressInspection']);
  const dnsFirewall = record(inspection['dnsFirewall']);
  const securityBaseline = record(root['securityBaseline']);
  return {
    organisation: valid(ElementSchemas.Organisation, root['organisation']),
    accounts: validItems(ElementSchemas.Account, root['accounts']),
    accountNames: names(root['accounts']),
    vpcs: validItems(ElementSchemas.Vpc, network['vpcs']),
    vpcNames: names(network['vpcs']),
    onPremisesRanges: validItems(ElementSchemas.OnPremisesRange, network['onPremisesRanges']),
    availabilityZones: valid(shape.availabilityZones, network['availabilityZones']),
    awsAddressSpace: valid(shape.awsAddressSpace, network['awsAddressSpace']),
    transitGateway: valid(shape.transitGateway, network['transitGateway']),
    egress: valid(shape.egress, network['egress']),
    sites: validItems(ConnectivityElementSchemas.Site, connectivity['sites']),
    dnsEndpoints: valid(dnsShape.endpoints, dns['endpoints']),
    dnsServers: validItems(ConnectivityElementSchemas.OnPremisesDnsServer, dns['onPremisesServers']),
    dnsServerNames: names(dns['onPremisesServers']),
    forwardedDomains: validItems(ConnectivityElementSchemas.ForwardedDomain, dns['forwardedDomains']),
    ruleAssociations: valid(dnsShape.ruleAssociations, dns['ruleAssociations']),
    hasHybridDns: connectivity['dns'] !== undefined,
    dnsFirewallAssociations: validItems(
      EgressInspectionElementSchemas.DnsFirewallAssociation,
      dnsFirewall['associations'],
    ),
    protectiveDns: valid(EgressInspectionElementSchemas.ProtectiveDns, inspection['protectiveDns']),
    networkFirewall: valid(EgressInspectionElementSchemas.NetworkFirewall, inspection['networkFirewall']),
    hasNetworkFirewall: inspection['networkFirewall'] !== undefined,
    hasDataProtection: root['dataProtection'] !== undefined,
    tiers: validItems(DataProtectionElementSchemas.BackupTier, dataProtection['tiers']),
    tierNames: names(dataProtection['tiers']),
    vaults: valid(DataProtectionElementSchemas.Vaults, dataProtection['vaults']),
    databases: validItems(DataProtectionElementSchemas.Database, dataProtection['databases']),
    onPremisesRangeNames: names(network['onPremisesRanges']),
    delivery: valid(DeliverySchema, root['delivery']),
    hasDelivery: root['delivery'] !== undefined,
    operations: valid(OperationsSchema, root['operations']),
    hasSecurityBaseline: root['securityBaseline'] !== undefined,
    organisationalUnits: validItems(
      SecurityBaselineElementSchemas.OrganisationalUnit,
      record(securityBaseline['organisation'])['organisationalUnits'],
    ),
    organisationalUnitAccounts: new Set(
      list(record(securityBaseline['organisation'])['organisationalUnits']).flatMap((ou) =>
        list(record(ou)['accounts']).filter((name): name is string => typeof name === 'string'),
      ),
    ),
    breakGlass: valid(SecurityBaselineElementSchemas.BreakGlass, securityBaseline['breakGlass']),
    securityAlarms: valid(SecurityBaselineElementSchemas.Alarms, securityBaseline['alarms']),
    logArchive:
      securityBaseline['logArchive'] === undefined
        ? undefined
        : valid(SecurityBaselineElementSchemas.LogArchive, securityBaseline['logArchive']),
    logRetentions: [
      { path: ['network', 'flowLogs', 'retentionDays'], days: record(network['flowLogs'])['retentionDays'] },
      { path: ['connectivity', 'tunnelLogRetentionDays'], days: connectivity['tunnelLogRetentionDays'] },
      { path: ['connectivity', 'dns', 'queryLogRetentionDays'], days: dns['queryLogRetentionDays'] },
      {
        path: ['network', 'egressInspection', 'dnsFirewall', 'queryLogRetentionDays'],
        days: dnsFirewall['queryLogRetentionDays'],
      },
      {
        path: ['network', 'egressInspection', 'networkFirewall', 'logRetentionDays'],
        days: record(inspection['networkFirewall'])['logRetentionDays'],
      },
    ].flatMap(({ path, days }) => {
      const value = valid(LogRetentionDays, days);
      return value === undefined ? [] : [{ path, days: value }];
    }),
  };
}
