import { testApp } from '../helpers/cdk-app';

import { DataProtectionChecks } from '../../lib/compliance/data-protection-pack';
import { loadConfig } from '../../lib/config/load';
import { fourEngineExampleConfig } from '../helpers/four-engine-databases';
import { buildLandingZone } from '../../stacks/landing-zone';

describe('the example landing zone against the DataProtection pack', () => {
  const app = testApp();
  buildLandingZone(app, loadConfig('config/landing-zone.yaml'));
  app.synth();

  // AwsSolutions and NIST findings are acknowledged through CDK's validation framework, which only
  // the real synth applies (`npx cdk synth --quiet` is the gate for them); our own pack needs none.
  test('DataProtection: no findings on the example', () => {
    const report = new DataProtectionChecks().validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });

  test('DataProtection would flag the databases if the tag selections were missing', () => {
    const bare = testApp();
    // The example with a database of each engine in dataProtection.databases.
    const config = fourEngineExampleConfig();
    const stacks = buildLandingZone(bare, config);
    const production = stacks.dataProtection['production'];
    expect(production).toBeDefined();
    // Re-tag one database to a tier no plan selects.
    const db = production?.databases['gis/main'];
    const cfn = db?.instance.node.defaultChild as
      { tags: { setTag(key: string, value: string, priority: number): void } } | undefined;
    cfn?.tags.setTag('backup-tier', 'none', 1000);
    bare.synth();
    const report = new DataProtectionChecks().validateScope(bare);
    expect(report.violations.map((v) => v.ruleName)).toEqual([
      expect.stringContaining('RDSInTaggedBackupPlan'),
    ]);
  });
});
