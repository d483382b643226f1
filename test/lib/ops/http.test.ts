import { DescribeVpnConnectionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeBackupVaultCommand } from '@aws-sdk/client-backup';
import { assumeRoleOptions, backupClient, ec2Client, type AwsOptions } from '../../../lib/ops/aws';
import { attempt, classifyError } from '../../../lib/ops/errors';
import { answered, checkAnswer, NotAnAwsResponse } from '../../../lib/ops/http';
import { startDeadline } from '../../../lib/ops/run';
import { collectVpnInventory } from '../../../lib/ops/vpn-collect';
import { requestBody, startServer, type TestServer } from '../../helpers/http-server';

// The HTTP layer of every ops client against small local servers: time limits that are enforced,
// the run's deadline, answers that are not AWS's, and sts:AssumeRole failures named as such.
// Timing: these tests measure elapsed time against limits of a few hundred milliseconds, with
// generous margins; nothing is retried by the tests themselves.
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };
const EMPTY_VPNS =
  '<?xml version="1.0" encoding="UTF-8"?><DescribeVpnConnectionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><vpnConnectionSet/></DescribeVpnConnectionsResponse>';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function options(url: string, extra: Partial<AwsOptions> = {}): AwsOptions {
  return { region: 'eu-west-2', endpoint: url, credentials: CREDENTIALS, maxAttempts: 2, ...extra };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

describe('the SDK deserialisers on their own', () => {
  it('accept an empty 200 and an HTML page with status 200 as an answer with no fields (hence the answer check)', async () => {
    let body = '';
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(body);
    });
    const plain = new EC2Client(options(server.url));
    for (const page of ['', '<!DOCTYPE html><html><head><title>Sign in</title></head></html>']) {
      body = page;
      const out = await plain.send(new DescribeVpnConnectionsCommand({}));
      expect(out.VpnConnections).toBeUndefined();
    }
    plain.destroy();
  });
});

describe('checkAnswer', () => {
  it.each([
    ['xml', 200, '', 'empty'],
    ['xml', 200, '<!DOCTYPE html><html><title>Portal</title></html>', 'web page'],
    ['xml', 500, '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>', 'web page'],
    ['xml', 200, EMPTY_VPNS.slice(0, 120), 'truncated'],
    ['xml', 200, '<DescribeDBInstancesResponse></DescribeDBInstancesResponse>', 'unexpected'],
    ['xml', 503, 'Service Unavailable', 'unexpected'],
    ['json', 200, '{"BackupVaultName": "kvdc-', 'truncated'],
    ['json', 200, 'OK', 'unexpected'],
    ['json', 404, '', 'empty'],
  ] as const)('%s HTTP %i %j is %s', (format, status, text, what) => {
    expect(checkAnswer(format, 'DescribeVpnConnections', status, {}, text)?.what).toBe(what);
  });

  it.each([
    ['xml', 200, EMPTY_VPNS, {}],
    [
      'xml',
      400,
      '<Response><Errors><Error><Code>RequestLimitExceeded</Code></Error></Errors></Response>',
      {},
    ],
    ['json', 200, '{"BackupVaultName":"kvdc-production"}', {}],
    ['json', 404, '', { 'x-amzn-errortype': 'ResourceNotFoundException' }],
  ] as const)('accepts %s HTTP %i (an AWS answer)', (format, status, text, headers) => {
    expect(checkAnswer(format, 'DescribeVpnConnections', status, headers, text)).toBeUndefined();
  });

  it('requires the element the API always returns', () => {
    expect(() => answered({ VpnConnections: undefined }, 'VpnConnections')).toThrow(NotAnAwsResponse);
    expect(answered({ VpnConnections: [] }, 'VpnConnections')).toEqual({ VpnConnections: [] });
  });
});

describe('answers that are not AWS answers are failed reads, never empty lists', () => {
  it.each([
    ['an empty 200', 200, 'text/xml', ''],
    [
      'an HTML page with 200',
      200,
      'text/html',
      '<!DOCTYPE html><html><head><title>Sign in</title></head></html>',
    ],
    [
      'an HTML page with 500',
      500,
      'text/html',
      '<!DOCTYPE html><html><head><title>Oops</title></head></html>',
    ],
    ['truncated XML', 200, 'text/xml', EMPTY_VPNS.slice(0, 150)],
    [
      'an answer without vpnConnectionSet',
      200,
      'text/xml',
      '<DescribeVpnConnectionsResponse></DescribeVpnConnectionsResponse>',
    ],
  ])('%s', async (_name, status, type, body) => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    });
    const client = ec2Client(options(server.url));
    const inventory = await collectVpnInventory(client);
    client.destroy();
    expect(inventory.connections).toEqual([]);
    expect(inventory.errors.map((e) => e.kind)).toEqual(['invalid-response', 'invalid-response']);
    expect(inventory.errors[0]?.message).toMatch(
      /answered HTTP \d+.* instead of an AWS answer, so nothing was read/,
    );
  });

  it('a JSON service (AWS Backup) answering an empty object to DescribeBackupVault', async () => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
    const client = backupClient(options(server.url));
    const result = await attempt('backup:DescribeBackupVault', async () =>
      answered(
        await client.send(new DescribeBackupVaultCommand({ BackupVaultName: 'v' })),
        'BackupVaultName',
      ),
    );
    client.destroy();
    expect(result.ok ? 'ok' : result.error.kind).toBe('invalid-response');
  });
});

describe('time limits', () => {
  it('a server that accepts and never answers: each attempt ends at --call-timeout, retries included', async () => {
    server = await startServer(() => undefined);
    const client = ec2Client(options(server.url, { requestTimeoutMs: 300 }));
    const { value, ms } = await timed(() =>
      attempt('ec2:DescribeVpnConnections', () => client.send(new DescribeVpnConnectionsCommand({}))),
    );
    client.destroy();
    expect(value.ok ? 'ok' : value.error.kind).toBe('timeout');
    expect(value.ok ? '' : value.error.message).toMatch(
      /no complete answer within --call-timeout after 2 attempts/,
    );
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(ms).toBeLessThan(3000);
  });

  it('headers, then a body that never ends: the per-attempt limit covers the body too', async () => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/xml', 'content-length': '5000' });
      response.write(EMPTY_VPNS.slice(0, 60));
    });
    const client = ec2Client(options(server.url, { requestTimeoutMs: 300, maxAttempts: 1 }));
    const { value, ms } = await timed(() =>
      attempt('ec2:DescribeVpnConnections', () => client.send(new DescribeVpnConnectionsCommand({}))),
    );
    client.destroy();
    expect(value.ok ? 'ok' : value.error.kind).toBe('timeout');
    expect(ms).toBeLessThan(2000);
  });

  it('the run deadline ends calls in flight and retry waits at once, with the deadline named', async () => {
    server = await startServer(() => undefined);
    const deadline = startDeadline(400);
    const client = ec2Client(
      options(server.url, { requestTimeoutMs: 10_000, maxAttempts: 5, stop: () => deadline.signal }),
    );
    const { value, ms } = await timed(() =>
      attempt('ec2:DescribeVpnConnections', () => client.send(new DescribeVpnConnectionsCommand({}))),
    );
    client.destroy();
    deadline.clear();
    expect(value.ok ? '' : value.error).toEqual({
      action: 'ec2:DescribeVpnConnections',
      kind: 'deadline',
      message:
        "ec2:DescribeVpnConnections: not answered: the run's deadline (--deadline 400ms) passed before it was answered.",
    });
    expect(ms).toBeLessThan(1500);
  });

  it('throttled answers are retried with back-off, and the back-off ends at the deadline', async () => {
    server = await startServer((request, response) => {
      request.resume();
      response.writeHead(503, { 'content-type': 'text/xml' });
      response.end(
        '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Rate exceeded</Message></Error></Errors></Response>',
      );
    });
    const deadline = startDeadline(600);
    const client = ec2Client(options(server.url, { maxAttempts: 50, stop: () => deadline.signal }));
    const { value, ms } = await timed(() =>
      attempt('ec2:DescribeVpnConnections', () => client.send(new DescribeVpnConnectionsCommand({}))),
    );
    client.destroy();
    deadline.clear();
    expect(value.ok ? 'ok' : value.error.kind).toBe('deadline');
    expect(ms).toBeLessThan(2000);
  });
});

describe('--assume-role: the STS client has the same limits, and its failures are named as such', () => {
  const ROLE = 'arn:aws:iam::555555555555:role/lz-operations-read-only';

  it('a stalled STS endpoint ends at the per-attempt limit, blamed on sts:AssumeRole, not the service', async () => {
    server = await startServer(() => undefined);
    const client = ec2Client(
      assumeRoleOptions(options(server.url, { requestTimeoutMs: 300, maxAttempts: 1 }), ROLE),
    );
    const { value, ms } = await timed(() =>
      attempt('ec2:DescribeVpnConnections', () => client.send(new DescribeVpnConnectionsCommand({}))),
    );
    client.destroy();
    expect(value.ok ? 'ok' : value.error.kind).toBe('assume-role');
    expect(value.ok ? '' : value.error.message).toContain(`could not assume ${ROLE}`);
    expect(ms).toBeLessThan(2000);
  });

  it('a denied sts:AssumeRole names the role, the caller and the trust policy, not ec2:DescribeVpnConnections', async () => {
    const caller = 'arn:aws:iam::222222222222:user/rota';
    server = await startServer((request, response) => {
      void requestBody(request).then((body) => {
        expect(body).toContain('Action=AssumeRole');
        response.writeHead(403, { 'content-type': 'text/xml' });
        response.end(
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${ROLE}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
        );
      });
    });
    const client = ec2Client(assumeRoleOptions(options(server.url, { maxAttempts: 1 }), ROLE));
    const result = await attempt('ec2:DescribeVpnConnections', () =>
      client.send(new DescribeVpnConnectionsCommand({})),
    );
    client.destroy();
    const error = result.ok ? undefined : result.error;
    expect(error?.kind).toBe('assume-role');
    expect(error?.message).toContain(`could not assume ${ROLE} (AccessDenied`);
    expect(error?.message).toContain(`STS refused the caller ${caller}: the caller needs sts:AssumeRole`);
    expect(error?.message).toContain("the role's trust policy must trust the caller");
    expect(error?.message).not.toContain('needs the IAM action ec2:DescribeVpnConnections');
  });

  it('missing base credentials are still a credentials problem, not the role', () => {
    const error = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(classifyError('ec2:DescribeVpnConnections', error).kind).toBe('credentials');
  });
});
