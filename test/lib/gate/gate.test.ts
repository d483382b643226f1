import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack, Stage } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { LandingZoneConfig } from '../../../lib/config/schema';
import { evaluateGate, type GateResult } from '../../../lib/gate/evaluate';
import { synthForGate } from '../../../stacks/gate-synth';
import type { LandingZoneStacks } from '../../../stacks/landing-zone';
import { exampleConfig } from '../../helpers/landing-zone';

/**
 * The gate's acceptance: it passes on the example and fails, naming the problem, for each weakness
 * an auditor worries about. Each case synthesises the whole example with one change.
 */
describe('pre-deployment gate', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'lz-gate-test-'));
    dirs.push(dir);
    return dir;
  };
  const example = exampleConfig();
  let baselines: string;
  let exampleResult: GateResult;

  function gate(
    modify?: (stacks: LandingZoneStacks) => void,
    config: LandingZoneConfig = example,
  ): GateResult {
    const assembly = synthForGate({ config, outdir: fresh(), modify });
    return evaluateGate({ assembly, baselines, allowList: join(baselines, 'no-allow-list.yaml') });
  }

  function problems(result: GateResult, check: string): string {
    return (result.checks.find((c) => c.id === check)?.problems ?? []).join('\n');
  }

  beforeAll(() => {
    const assembly = synthForGate({ config: example, outdir: fresh() });
    baselines = fresh();
    mkdirSync(baselines, { recursive: true });
    for (const file of readdirSync(assembly).filter((f) => f.endsWith('.template.json'))) {
      copyFileSync(join(assembly, file), join(baselines, file));
    }
    exampleResult = evaluateGate({ assembly, baselines, allowList: join(baselines, 'no-allow-list.yaml') });
  });
  afterAll(() => {
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes on the example, with every check run and the evidence assembled', () => {
    expect(exampleResult.checks.map((c) => `${c.id} ${c.status}`)).toEqual([
      'rule-packs pass',
      'cfn-lint pass',
      'change-guard pass',
      'dr-posture pass',
    ]);
    expect(exampleResult.passed).toBe(true);
    expect(exampleResult.acknowledgements.length).toBeGreaterThan(20);
    expect(exampleResult.acknowledgements.every((a) => a.reason.length > 20 && a.source !== '')).toBe(true);
    expect(exampleResult.principles.map((p) => p.status)).not.toContain('fail');
  });

  it('fails on an RDS instance without deletion protection', () => {
    const result = gate((stacks) => {
      // The example's one database in dataProtection.databases (the rest are in the wave files).
      const db = stacks.dataProtection['non-production']?.databases['crm/main'];
      const cfn = db?.instance.node.defaultChild;
      if (!(cfn instanceof rds.CfnDBInstance)) {
        throw new Error('the example has the CRM staging database');
      }
      cfn.deletionProtection = false;
    });
    expect(result.passed).toBe(false);
    expect(problems(result, 'rule-packs')).toMatch(
      /AwsSolutions-RDS10 at KvdcDataProtectionNonProduction\/CrmMainDatabase/,
    );
  });

  it('fails on a security group open to the internet on RDP', () => {
    const result = gate((stacks) => {
      const stack = stacks.vpcs['production'];
      if (!stack) {
        throw new Error('the example has a production VPC');
      }
      const group = new ec2.SecurityGroup(stack, 'OpenRdp', {
        vpc: stack.network.vpc,
        description: 'remote desktop',
      });
      group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389));
    });
    expect(result.passed).toBe(false);
    expect(problems(result, 'rule-packs')).toMatch(/AwsSolutions-EC23 at KvdcVpcProduction\/OpenRdp/);
  });

  it('fails on a weakened VPN tunnel', () => {
    const result = gate((stacks) => {
      const connection = stacks.connectivity?.vpns.sites['northgate-depot']?.connections[0]?.connection;
      const tunnels = connection?.vpnTunnelOptionsSpecifications;
      if (!connection || !Array.isArray(tunnels)) {
        throw new Error('the example has the Northgate depot VPN');
      }
      const [first, second] = tunnels as ec2.CfnVPNConnection.VpnTunnelOptionsSpecificationProperty[];
      connection.vpnTunnelOptionsSpecifications = [
        first ?? {},
        { ...second, phase1EncryptionAlgorithms: [{ value: 'AES128' }], ikeVersions: [{ value: 'ikev1' }] },
      ];
    });
    expect(result.passed).toBe(false);
    expect(problems(result, 'rule-packs')).toMatch(
      /Council-VPNTunnelStrongCrypto at KvdcConnectivity\/SiteToSiteVpns\/NorthgateDepot/,
    );
  });

  it('fails on a backup vault without a lock', () => {
    const result = gate((stacks) => {
      const vault = stacks.dataProtection['production']?.vault.vault.node.defaultChild;
      if (!(vault instanceof backup.CfnBackupVault)) {
        throw new Error('the production account has a vault');
      }
      vault.lockConfiguration = undefined;
    });
    expect(result.passed).toBe(false);
    expect(problems(result, 'rule-packs')).toMatch(
      /DataProtection-BackupVaultCmkAndLock at KvdcDataProtectionProduction/,
    );
  });

  it('fails on a resource in us-east-1', () => {
    const result = gate((stacks) => {
      const app = Stage.of(stacks.hub);
      if (!app) {
        throw new Error('the hub stack belongs to the app');
      }
      const stray = new Stack(app, 'Stray', { env: { account: '555555555555', region: 'us-east-1' } });
      new sns.Topic(stray, 'Notifications', { enforceSSL: true });
    });
    expect(result.passed).toBe(false);
    expect(problems(result, 'rule-packs')).toMatch(/us-east-1/);
  });

  it('fails when a database construct is renamed, because the database would be replaced', () => {
    const renamed: LandingZoneConfig = {
      ...example,
      dataProtection: example.dataProtection && {
        ...example.dataProtection,
        databases: example.dataProtection.databases.map((d) =>
          d.workload === 'crm' ? { ...d, name: 'primary' } : d,
        ),
      },
    };
    const result = gate(undefined, renamed);
    expect(result.passed).toBe(false);
    expect(problems(result, 'change-guard')).toMatch(
      /KvdcDataProtectionNonProduction\/CrmMainDatabaseInstance\w+ \(AWS::RDS::DBInstance\) will be DELETED: its construct appears to have been renamed \(new logical id CrmPrimaryDatabaseInstance\w+\)/,
    );
  });
});
