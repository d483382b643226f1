import { request as httpRequest } from 'node:http';
import type { LandingZoneConfig } from '../../lib/config/schema';
import type { WavePlan } from '../../lib/waves/load';
import { expectedVaults, protectedResources } from '../../lib/ops/backup-plan';
import { MOTO_ACCOUNT, MOTO_REGION } from './moto';

/*
 * What moto 5.2.1 lacks and the ops commands read, answered the way AWS answers it, so that a run
 * against moto behind the fault proxy is clean (exit 0) until a fault is injected:
 * - AWS Backup recovery points (paginated, 100 a page, a filler of other resources first so the
 *   planned databases are on the second page), backup and copy jobs (none failed), and the restore
 *   APIs (StartRestoreJob creates the instance in moto with CreateDBInstance);
 * - RDS DescribePendingMaintenanceActions (none pending);
 * - EC2 VPN tunnel telemetry (two tunnels UP with routes), added to moto's DescribeVpnConnections.
 */

/** One API call as the proxy sees it. */
export interface Call {
  readonly service: string;
  /** The region the request was signed for. */
  readonly region: string;
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** An HTTP answer. */
export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const XML_TYPE = { 'content-type': 'text/xml' };
/** Recovery points of other resources listed before the planned ones: more than one page in all. */
const FILLER_POINTS = 120;
const PAGE = 100;

function json(value: unknown, status = 200): Answer {
  return { status, headers: { ...JSON_TYPE }, body: JSON.stringify(value) };
}

/** The operation of an AWS Backup REST call, from its method and path. */
export function backupOperation(method: string, path: string): string {
  const p = path.replace(/\/+$/, '');
  if (/^\/backup-vaults\/[^/]+\/recovery-points\/[^/]+\/restore-metadata$/.test(p)) {
    return 'GetRecoveryPointRestoreMetadata';
  }
  if (/^\/backup-vaults\/[^/]+\/recovery-points$/.test(p)) return 'ListRecoveryPointsByBackupVault';
  if (/^\/backup-vaults\/[^/]+\/vault-lock$/.test(p)) return 'PutBackupVaultLockConfiguration';
  if (/^\/backup-vaults\/[^/]+$/.test(p))
    return method === 'GET' ? 'DescribeBackupVault' : 'CreateBackupVault';
  if (p === '/backup-jobs') return 'ListBackupJobs';
  if (p === '/copy-jobs') return 'ListCopyJobs';
  if (p === '/restore-jobs') return method === 'PUT' ? 'StartRestoreJob' : 'ListRestoreJobs';
  if (/^\/restore-jobs\/[^/]+$/.test(p)) return 'DescribeRestoreJob';
  return `${method} ${p}`;
}

interface RestoreJob {
  readonly id: string;
  readonly recoveryPointArn: string;
  readonly instance: string;
  readonly created: Date;
}

function minutesAgo(now: Date, minutes: number): number {
  return Math.floor(now.getTime() / 1000) - minutes * 60;
}

export class MotoComplement {
  private readonly jobs = new Map<string, RestoreJob>();
  /** While true, restore jobs stay RUNNING: a drill then waits until it is interrupted. */
  slowRestore = false;

  constructor(
    private readonly config: LandingZoneConfig,
    private readonly moto: string,
    private readonly now: () => Date = () => new Date(),
    /** The migration plan, whose workloads' databases are protected too. */
    private readonly plan?: WavePlan,
  ) {}

  /** The answer to a call moto lacks, or undefined to pass the call to moto. */
  async answer(call: Call): Promise<Answer | undefined> {
    if (call.service === 'rds' && call.operation === 'DescribePendingMaintenanceActions') {
      return {
        status: 200,
        headers: { ...XML_TYPE },
        body: '<DescribePendingMaintenanceActionsResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribePendingMaintenanceActionsResult><PendingMaintenanceActions/></DescribePendingMaintenanceActionsResult><ResponseMetadata><RequestId>complement</RequestId></ResponseMetadata></DescribePendingMaintenanceActionsResponse>',
      };
    }
    if (call.service !== 'backup') return undefined;
    switch (call.operation) {
      case 'ListRecoveryPointsByBackupVault':
        return this.recoveryPoints(call);
      case 'ListBackupJobs':
        return json({ BackupJobs: [] });
      case 'ListCopyJobs':
        return json({ CopyJobs: [] });
      case 'GetRecoveryPointRestoreMetadata':
        return json({
          RecoveryPointArn: decodeURIComponent(call.path.split('/')[4] ?? ''),
          RestoreMetadata: { Engine: 'postgres', DBInstanceClass: 'db.m6i.large', Port: '5432' },
        });
      case 'StartRestoreJob':
        return this.startRestore(call);
      case 'DescribeRestoreJob':
        return this.describeRestore(call.path.split('/')[2] ?? '');
      case 'ListRestoreJobs':
        return json({
          RestoreJobs: [...this.jobs.values()].map((j) => ({
            RestoreJobId: j.id,
            RecoveryPointArn: j.recoveryPointArn,
            CreationDate: j.created.getTime() / 1000,
            Status: this.slowRestore ? 'RUNNING' : 'COMPLETED',
            ResourceType: 'RDS',
          })),
        });
      default:
        return undefined;
    }
  }

  /** moto's answer, completed with what it leaves out (VPN tunnel telemetry). */
  rewrite(call: Call, answer: Answer): Answer {
    if (call.service !== 'ec2' || call.operation !== 'DescribeVpnConnections' || answer.status !== 200) {
      return answer;
    }
    const since = new Date(this.now().getTime() - 2 * 3600_000).toISOString();
    const tunnel = (ip: string): string =>
      `<item><outsideIpAddress>${ip}</outsideIpAddress><status>UP</status><lastStatusChange>${since}</lastStatusChange><statusMessage>5 BGP ROUTES</statusMessage><acceptedRouteCount>5</acceptedRouteCount></item>`;
    const body = answer.body.replace(
      /(<vpnConnectionId>[^<]+<\/vpnConnectionId>)/g,
      `$1<vgwTelemetry>${tunnel('52.56.0.1')}${tunnel('52.56.0.2')}</vgwTelemetry>`,
    );
    return {
      ...answer,
      body,
      headers: { ...answer.headers, 'content-length': String(Buffer.byteLength(body)) },
    };
  }

  private recoveryPoints(call: Call): Answer {
    const vaultName = decodeURIComponent(call.path.split('/')[2] ?? '');
    const vault = expectedVaults(this.config).find((v) => v.vaultName === vaultName);
    if (vault === undefined) {
      return {
        status: 404,
        headers: { ...JSON_TYPE, 'x-amzn-errortype': 'ResourceNotFoundException' },
        body: JSON.stringify({ Message: `Backup vault ${vaultName} does not exist` }),
      };
    }
    const now = this.now();
    const arn = (identifier: string): string => `arn:aws:rds:${call.region}:${MOTO_ACCOUNT}:db:${identifier}`;
    const point = (identifier: string, n: number): Record<string, unknown> => ({
      RecoveryPointArn: `arn:aws:rds:${call.region}:${MOTO_ACCOUNT}:snapshot:awsbackup:job-${identifier}-${n}`,
      ResourceArn: arn(identifier),
      ResourceType: 'RDS',
      Status: 'COMPLETED',
      CreationDate: minutesAgo(now, 12),
      CompletionDate: minutesAgo(now, 10),
      BackupVaultName: vaultName,
    });
    const planned = protectedResources(this.config, this.plan).filter((r) =>
      vault.kind === 'workload'
        ? r.accountName === vault.accountName
        : (vault.kind === 'central' ? r.centralCopy : r.drCopy) !== undefined,
    );
    const all = [
      ...Array.from({ length: FILLER_POINTS }, (_, i) => point(`filler-${String(i).padStart(3, '0')}`, 0)),
      ...planned.map((r) => point(r.identifier, 1)),
    ].filter((p) => {
      const wanted = [...call.query.entries()].find(([k]) => k.toLowerCase() === 'resourcearn')?.[1];
      return wanted === undefined || p['ResourceArn'] === wanted;
    });
    const token = [...call.query.entries()].find(([k]) => k.toLowerCase() === 'nexttoken')?.[1];
    const start = token === undefined ? 0 : Number(token);
    const page = all.slice(start, start + PAGE);
    return json({
      RecoveryPoints: page,
      ...(start + PAGE < all.length ? { NextToken: String(start + PAGE) } : {}),
    });
  }

  private async startRestore(call: Call): Promise<Answer> {
    const input = JSON.parse(call.body) as {
      RecoveryPointArn: string;
      Metadata: Record<string, string>;
    };
    const instance = input.Metadata['DBInstanceIdentifier'] ?? 'restored';
    const groups = JSON.parse(input.Metadata['VpcSecurityGroupIds'] ?? '[]') as string[];
    const form = new URLSearchParams({
      Action: 'CreateDBInstance',
      Version: '2014-10-31',
      DBInstanceIdentifier: instance,
      DBInstanceClass: 'db.m6i.large',
      Engine: 'postgres',
      AllocatedStorage: '20',
      MasterUsername: 'restored',
      MasterUserPassword: 'not-a-real-password-1',
      ...(input.Metadata['DBSubnetGroupName'] === undefined
        ? {}
        : { DBSubnetGroupName: input.Metadata['DBSubnetGroupName'] }),
    });
    groups.forEach((g, i) => {
      form.set(`VpcSecurityGroupIds.VpcSecurityGroupId.${i + 1}`, g);
    });
    // Signed as the caller, so moto creates it in the caller's (possibly assumed) account.
    const authorization = String(call.headers['authorization'] ?? '').replace(
      /\/backup\/aws4_request/,
      '/rds/aws4_request',
    );
    const created = await post(this.moto, form.toString(), authorization);
    if (created.status !== 200) return { ...created };
    const id = `restore-${instance}`;
    this.jobs.set(id, { id, recoveryPointArn: input.RecoveryPointArn, instance, created: this.now() });
    return json({ RestoreJobId: id });
  }

  private describeRestore(id: string): Answer {
    const job = this.jobs.get(decodeURIComponent(id));
    if (job === undefined) {
      return {
        status: 404,
        headers: { ...JSON_TYPE, 'x-amzn-errortype': 'ResourceNotFoundException' },
        body: JSON.stringify({ Message: `restore job ${id} not found` }),
      };
    }
    return json({
      RestoreJobId: job.id,
      RecoveryPointArn: job.recoveryPointArn,
      Status: this.slowRestore ? 'RUNNING' : 'COMPLETED',
      PercentDone: this.slowRestore ? '40.00%' : '100.00%',
      CreationDate: job.created.getTime() / 1000,
      CreatedResourceArn: `arn:aws:rds:${MOTO_REGION}:${MOTO_ACCOUNT}:db:${job.instance}`,
      ResourceType: 'RDS',
    });
  }
}

/** A form POST to moto, answered in full. */
export function post(endpoint: string, body: string, authorization: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${endpoint}/`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          authorization,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            headers: { 'content-type': res.headers['content-type'] ?? 'text/xml' },
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
