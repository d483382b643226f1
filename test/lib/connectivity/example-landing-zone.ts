import { testApp } from '../../helpers/cdk-app';
import { App } from 'aws-cdk-lib';
import { loadConfig } from '../../../lib/config/load';
import type { LandingZoneConfig } from '../../../lib/config/schema';
import { buildLandingZone, type LandingZoneStacks } from '../../../stacks/landing-zone';

export const EXAMPLE_CONFIG_FILE = 'config/landing-zone.yaml';

/** The example council, synthesised as bin/app.ts does (without the compliance plugins). */
export function exampleLandingZone(
  config: LandingZoneConfig = loadConfig(EXAMPLE_CONFIG_FILE),
  outdir?: string,
): {
  app: App;
  stacks: LandingZoneStacks;
  config: LandingZoneConfig;
} {
  const app = testApp(outdir === undefined ? {} : { outdir });
  const stacks = buildLandingZone(app, config);
  return { app, stacks, config };
}

/** The example with every site's tunnels hardened (tunnelHardening: applied), as a new site is. */
export function hardenedExampleConfig(): LandingZoneConfig {
  const config = loadConfig(EXAMPLE_CONFIG_FILE);
  const connectivity = config.connectivity;
  if (connectivity === undefined) {
    throw new Error('the example council has a connectivity section');
  }
  return {
    ...config,
    connectivity: {
      ...connectivity,
      sites: connectivity.sites.map((site) => ({ ...site, tunnelHardening: 'applied' as const })),
    },
  };
}
