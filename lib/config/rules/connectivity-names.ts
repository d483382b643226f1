import { reportDuplicates } from './duplicate-names';
import type { ConfigRule } from './rule';

/**
 * Site, device, DNS server and forwarding-rule names become construct IDs and alarm names, so
 * each must be unique in its list; a domain forwarded twice would make two rules fight.
 */
export const connectivityNames: ConfigRule = (view, report) => {
  reportDuplicates(
    view.sites,
    (s) => s.name,
    (i) => ['connectivity', 'sites', i, 'name'],
    'site name',
    report,
  );
  for (const { index, value: site } of view.sites) {
    reportDuplicates(
      site.customerGateways.map((value, i) => ({ index: i, value })),
      (g) => g.name,
      (i) => ['connectivity', 'sites', index, 'customerGateways', i, 'name'],
      'customer gateway name',
      report,
    );
  }
  reportDuplicates(
    view.dnsServers,
    (s) => s.name,
    (i) => ['connectivity', 'dns', 'onPremisesServers', i, 'name'],
    'DNS server name',
    report,
  );
  reportDuplicates(
    view.dnsServers,
    (s) => s.ip,
    (i) => ['connectivity', 'dns', 'onPremisesServers', i, 'ip'],
    'DNS server address',
    report,
  );
  reportDuplicates(
    view.forwardedDomains,
    (d) => d.name,
    (i) => ['connectivity', 'dns', 'forwardedDomains', i, 'name'],
    'forwarding rule name',
    report,
  );
  reportDuplicates(
    view.forwardedDomains,
    (d) => d.domain,
    (i) => ['connectivity', 'dns', 'forwardedDomains', i, 'domain'],
    'forwarded domain',
    report,
  );
};
