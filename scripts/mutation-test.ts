/*
 * The safety net, tested the way it will be defeated: realistic dangerous edits to a copy of the
 * source, then the real `lz synth` and `lz gate` in that copy, which must fail for each edit with the
 * check and rule that exist to catch it. Edits that different checks catch share one synthesis (a
 * family); each family runs in its own copy, two at a time. A last family changes nothing and
 * proves that `lz gate` judges the very assembly `lz synth` + `lz gate --no-synth` judge.
 *
 * npm run test:mutation          every family; exit 1 when any edit is not caught
 * npm run test:mutation -- dr    only the families whose name contains "dr"
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const ROOT = resolve(__dirname, '..');
/** What a copy needs to synthesise and gate: the source, the inputs and the accepted baselines. */
const COPIED = [
  'bin',
  'lib',
  'stacks',
  'config',
  'migration-waves',
  'pricing',
  'baselines',
  '.github',
  'package.json',
  'package-lock.json',
  'cdk.json',
  'tsconfig.json',
];

interface Edit {
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

interface Mutation {
  readonly name: string;
  readonly edits: readonly Edit[];
  /** The gate check that must fail, and what one of its problems must say. */
  readonly check: string;
  readonly expect: RegExp;
}

interface Family {
  readonly name: string;
  readonly app: 'landing-zone' | 'github-oidc';
  readonly mutations: readonly Mutation[];
}

const FAMILIES: readonly Family[] = [
  {
    name: 'landing zone: rule packs, deployment, change guard, segmentation',
    app: 'landing-zone',
    mutations: [
      {
        name: 'a database without deletion protection',
        edits: [
          {
            file: 'lib/data/council-database.ts',
            find: 'deletionProtection: props.deletionProtection ?? true,',
            replace: 'deletionProtection: false,',
          },
        ],
        check: 'rule-packs',
        expect: /AwsSolutions-RDS10 at /,
      },
      {
        name: 'RDP open to 0.0.0.0/0 on every app tier',
        edits: [
          {
            file: 'lib/waves/infrastructure/migrating-workload.ts',
            find: '      allowAllOutbound: false,\n    });\n',
            replace:
              "      allowAllOutbound: false,\n    });\n    this.appTier.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(3389), 'remote support');\n",
          },
        ],
        check: 'rule-packs',
        expect: /(AwsSolutions-EC23|Council-SecurityGroupInternetIngress) at KvdcWorkloads/,
      },
      {
        // Every example site is tunnelHardening: pending, so this weakens pending sites' tunnels: the
        // rule exempts only their deployed DH groups, and nothing acknowledges the rule for them.
        name: 'a weakened VPN tunnel on the pending sites (AES-128 in phase 1)',
        edits: [
          {
            file: 'lib/connectivity/tunnel-options.ts',
            find: "phase1EncryptionAlgorithms: ['AES256', 'AES256-GCM-16'],",
            replace: "phase1EncryptionAlgorithms: ['AES128', 'AES256-GCM-16'],",
          },
        ],
        check: 'rule-packs',
        expect: /Council-VPNTunnelStrongCrypto at KvdcConnectivity/,
      },
      {
        name: 'a backup vault without its lock',
        edits: [{ file: 'lib/backup/locked-backup-vault.ts', find: 'lockConfiguration: lock,', replace: '' }],
        check: 'rule-packs',
        expect: /DataProtection-BackupVaultCmkAndLock at KvdcDataProtection/,
      },
      {
        name: 'Multi-AZ switched off for production databases',
        edits: [
          {
            file: 'lib/data/council-database.ts',
            find: 'const multiAz = props.multiAz ?? props.production;',
            replace: 'const multiAz = props.multiAz ?? false;',
          },
        ],
        check: 'rule-packs',
        expect:
          /(AwsSolutions-RDS3|NIST\.800\.53\.R5-RDSMultiAZSupport) at Kvdc(Workloads|DataProtection)Production/,
      },
      {
        name: 'a stack in us-east-1',
        edits: [
          {
            file: 'stacks/landing-zone.ts',
            find: '  const operations = buildOperations(app, config);',
            replace:
              "  const operations = buildOperations(app, config);\n  new sns.Topic(new Stack(app, 'Stray', { env: { account: lz.networkAccount.id, region: 'us-east-1' } }), 'Alerts', { enforceSSL: true });",
          },
          {
            file: 'stacks/landing-zone.ts',
            find: "import { Aspects, Tags, type Stack, type Stage } from 'aws-cdk-lib';",
            replace:
              "import { Aspects, Stack, Tags, type Stage } from 'aws-cdk-lib';\nimport * as sns from 'aws-cdk-lib/aws-sns';",
          },
        ],
        check: 'rule-packs',
        expect: /Council-ResourceInAllowedRegion\[Region::us-east-1\] at Stray/,
      },
      {
        name: 'a template parameter no pipeline supplies',
        edits: [
          {
            file: 'stacks/hybrid-dns-stack.ts',
            find: "import { CfnOutput, type StackProps } from 'aws-cdk-lib';",
            replace: "import { CfnOutput, CfnParameter, type StackProps } from 'aws-cdk-lib';",
          },
          {
            file: 'stacks/hybrid-dns-stack.ts',
            find: '    const { lz, dns } = props;',
            replace:
              "    const { lz, dns } = props;\n    new CfnParameter(this, 'ForwarderIp', { type: 'String' });",
          },
        ],
        check: 'deployment',
        expect: /parameters: KvdcHybridDns .*parameter ForwarderIp has no default/,
      },
      {
        name: 'roles created without the permissions boundary the execution policy requires',
        edits: [
          {
            file: 'stacks/landing-zone-stack.ts',
            find: '      permissionsBoundary: PermissionsBoundary.fromName(PERMISSIONS_BOUNDARY_NAME),\n',
            replace: '',
          },
        ],
        check: 'deployment',
        expect: /execution-permissions: KvdcVpcProduction .*\(AWS::IAM::Role\): permissions boundary none/,
      },
      {
        name: 'a Transit Gateway propagation from production into non-production',
        edits: [
          {
            file: 'lib/network/landing-zone-vpc.ts',
            find: '    this.addHubRoutes(props, isEgress);',
            replace:
              "    if (props.segment === 'production') {\n      new ec2.CfnTransitGatewayRouteTablePropagation(this, 'PropagationForReporting', {\n        transitGatewayAttachmentId: this.attachment.ref,\n        transitGatewayRouteTableId: props.hub.routeTables['non-production'].ref,\n      });\n    }\n    this.addHubRoutes(props, isEgress);",
          },
        ],
        check: 'segmentation',
        expect: /\(non-production\) reaches .* in production \(production\)/,
      },
      {
        name: 'central egress routed around the Network Firewall',
        edits: [
          {
            file: 'lib/network/landing-zone-vpc.ts',
            find: '      route.natGatewayId = undefined;\n      route.vpcEndpointId = firewall.endpointIn(subnet.availabilityZone);\n',
            replace: '',
          },
        ],
        check: 'rule-packs',
        expect: /Council-EgressThroughNetworkFirewall at KvdcNetworkHub/,
      },
      {
        name: 'production left out of DNS Firewall in code',
        edits: [
          {
            file: 'stacks/vpc-stack.ts',
            find: '    if (association !== undefined && props.dnsFirewall !== undefined) {',
            replace:
              "    if (association !== undefined && props.dnsFirewall !== undefined && vpc.name !== 'production') {",
          },
        ],
        check: 'rule-packs',
        expect: /Council-VPCDNSFirewall at KvdcVpcProduction/,
      },
      {
        name: 'a renamed database construct',
        edits: [
          {
            file: 'stacks/workloads-stack.ts',
            find: '`${pascal(planned.name)}Database`,',
            replace: '`${pascal(planned.name)}Db`,',
          },
        ],
        check: 'change-guard',
        expect: /\(AWS::RDS::DBInstance\) will be DELETED: its construct appears to have been renamed/,
      },
    ],
  },
  {
    name: 'dr copy: the DR-region copy dropped in code',
    app: 'landing-zone',
    mutations: [
      {
        name: 'no copy to the DR region',
        edits: [
          {
            file: 'lib/backup/tier-backup-plan.ts',
            find: '...(props.drRegionCopy ? [copy(props.drRegionCopy)] : []),',
            replace: '',
          },
        ],
        check: 'dr-posture',
        expect: /promises a copy in eu-west-1, but the templates make none/,
      },
    ],
  },
  {
    name: 'dr retention: a one-day backup lifecycle',
    app: 'landing-zone',
    mutations: [
      {
        name: 'snapshots kept one day, below the vault lock minimum',
        edits: [
          {
            file: 'lib/backup/tier-backup-plan.ts',
            find: '        deleteAfter: props.deleteAfter,\n        moveToColdStorageAfter: props.moveToColdStorageAfter,',
            replace: '        deleteAfter: Duration.days(1),',
          },
          {
            file: 'lib/backup/tier-backup-plan.ts',
            find: "import { TimeZone, Validations, type Duration } from 'aws-cdk-lib';",
            replace: "import { Duration, TimeZone, Validations } from 'aws-cdk-lib';",
          },
        ],
        check: 'dr-posture',
        expect: /retention of 1 days is below the \d+-day minimum of the lock/,
      },
    ],
  },
  {
    name: 'github oidc: a widened trust',
    app: 'github-oidc',
    mutations: [
      {
        name: 'deploy role trusted by every workflow of the repository',
        edits: [
          {
            file: 'stacks/github-oidc-stack.ts',
            find: 'assumedBy: trust(`repo:${props.repository}:environment:${props.environment}`),',
            replace: 'assumedBy: trust(`repo:${props.repository}:*`),',
          },
        ],
        check: 'rule-packs',
        expect: /Council-GithubOidcTrustPinned at KvdcGithubOidc\w+\/DeployRole/,
      },
    ],
  },
];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function lz(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(join(cwd, 'node_modules', '.bin', 'ts-node'), ['--swc', 'bin/lz.ts', ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => {
      done({ status, stdout, stderr });
    });
  });
}

/** A copy of the repository's inputs, sharing node_modules. */
function copyRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lz-mutation-'));
  for (const entry of COPIED) {
    if (existsSync(join(ROOT, entry))) {
      cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function apply(dir: string, edit: Edit): void {
  const file = join(dir, edit.file);
  const text = readFileSync(file, 'utf8');
  const count = text.split(edit.find).length - 1;
  if (count !== 1) {
    throw new Error(
      `the edit to ${edit.file} no longer applies (its text occurs ${count} times, not once): update scripts/mutation-test.ts`,
    );
  }
  writeFileSync(file, text.replace(edit.find, edit.replace));
}

interface GateJson {
  readonly passed: boolean;
  readonly assemblyDigest?: string;
  readonly checks: { readonly id: string; readonly status: string; readonly problems: readonly string[] }[];
}

function parseGate(run: Run, label: string): GateJson {
  try {
    return JSON.parse(run.stdout) as GateJson;
  } catch {
    throw new Error(
      `${label}: lz gate gave no JSON result (exit ${run.status ?? 'signal'}):\n${run.stderr.slice(-2000)}`,
    );
  }
}

async function runFamily(family: Family): Promise<string[]> {
  const dir = copyRepository();
  const failures: string[] = [];
  try {
    for (const mutation of family.mutations) {
      for (const edit of mutation.edits) apply(dir, edit);
    }
    const synth = await lz(dir, ['synth', '--app', family.app]);
    if (synth.status === 2) {
      return [`${family.name}: the synth could not run:\n${synth.stderr.slice(-2000)}`];
    }
    const gate = parseGate(await lz(dir, ['gate', '--no-synth', '--json', '--app', family.app]), family.name);
    if (gate.passed) failures.push(`${family.name}: the gate PASSED with every edit applied`);
    for (const mutation of family.mutations) {
      const check = gate.checks.find((c) => c.id === mutation.check);
      const caught = check?.status === 'fail' && check.problems.some((p) => mutation.expect.test(p));
      console.log(`${caught ? 'caught ' : 'MISSED '} ${mutation.name} (${mutation.check})`);
      if (!caught) {
        failures.push(
          `${family.name}: "${mutation.name}" was not caught by ${mutation.check} ${String(mutation.expect)}; ` +
            `its problems: ${(check?.problems ?? []).slice(0, 5).join(' | ') || '(none)'}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return failures;
}

/** `lz gate` and `lz synth` + `lz gate --no-synth` on the unchanged source: the same result. */
async function onePath(): Promise<string[]> {
  const dir = copyRepository();
  try {
    const synth = await lz(dir, ['synth']);
    if (synth.status !== 0) return [`one synth path: lz synth failed:\n${synth.stderr.slice(-2000)}`];
    const split = parseGate(
      await lz(dir, ['gate', '--no-synth', '--json', '-o', 'reports/split']),
      'gate --no-synth',
    );
    const whole = parseGate(await lz(dir, ['gate', '--json', '-o', 'reports/whole']), 'gate');
    const same = isDeepStrictEqual(split, whole);
    console.log(
      `${same ? 'same   ' : 'DIFFER '} lz gate and lz synth + lz gate --no-synth (assembly ${whole.assemblyDigest ?? '?'})`,
    );
    return same && split.passed
      ? []
      : [`one synth path: the results differ or fail (passed ${split.passed}/${whole.passed})`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const filter = process.argv[2] ?? '';
  const started = Date.now();
  const jobs: (() => Promise<string[]>)[] = [
    ...FAMILIES.filter((f) => f.name.includes(filter)).map((f) => () => runFamily(f)),
    ...('one synth path'.includes(filter) ? [onePath] : []),
  ];
  // Two at a time: the machines this runs on have two cores.
  const failures: string[] = [];
  const queue = [...jobs];
  await Promise.all(
    [0, 1].map(async () => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        failures.push(...(await job()));
      }
    }),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (failures.length > 0) {
    console.error(`\n${failures.join('\n')}\nmutation test: ${failures.length} problem(s) in ${seconds} s`);
    process.exitCode = 1;
    return;
  }
  console.log(`mutation test: every dangerous edit was caught (${jobs.length} synths, ${seconds} s)`);
}

void main();
