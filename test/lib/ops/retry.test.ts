import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { clientConfig, ec2Client, rdsClient } from '../../../lib/ops/aws';
import { collectDatabases } from '../../../lib/ops/db-collect';
import { classifyError } from '../../../lib/ops/errors';
import { BoundedHttpHandler, checkAnswer } from '../../../lib/ops/http';
import { collectVpnInventory } from '../../../lib/ops/vpn-collect';

// aws-sdk-client-mock replaces `send`, which bypasses the SDK's middleware. These tests keep the real
// client, with its retry strategy and credential resolution, and answer in place of the HTTP layer.
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

function throttling(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

describe('the SDK client factory', () => {
  it('passes region, endpoint, bounded retries and an HTTP handler whose time limits are enforced', () => {
    const config = clientConfig({ region: 'eu-west-2', endpoint: 'http://127.0.0.1:5000' });
    expect(config).toEqual({
      region: 'eu-west-2',
      endpoint: 'http://127.0.0.1:5000',
      maxAttempts: 5,
      retryMode: 'standard',
      requestHandler: expect.any(BoundedHttpHandler) as unknown,
    });
    // Without a stop signal the credentials are left to the SDK's own chain.
    expect('credentials' in config).toBe(false);
    expect(clientConfig({ retryMode: 'adaptive', maxAttempts: 2 })).toMatchObject({
      retryMode: 'adaptive',
      maxAttempts: 2,
    });
  });

  it('retries a throttled call with the SDK retry strategy, then succeeds', async () => {
    const client = rdsClient({ region: 'eu-west-2', maxAttempts: 3, credentials: CREDENTIALS });
    const seen: string[] = [];
    client.middlewareStack.add(
      (_next, context) => () => {
        seen.push(context.commandName ?? '?');
        if (
          context.commandName === 'DescribeDBInstancesCommand' &&
          seen.filter((c) => c === 'DescribeDBInstancesCommand').length === 1
        ) {
          return Promise.reject(throttling());
        }
        const output =
          context.commandName === 'DescribeDBInstancesCommand'
            ? {
                $metadata: {},
                DBInstances: [{ DBInstanceIdentifier: 'kvdc-gis-main', DBInstanceStatus: 'available' }],
              }
            : { $metadata: {}, PendingMaintenanceActions: [] };
        return Promise.resolve({ response: {}, output: output as never });
      },
      { step: 'deserialize', name: 'answerInPlaceOfHttp', priority: 'high' },
    );
    const result = await collectDatabases(client);
    expect(result.errors).toEqual([]);
    expect(result.databases.map((d) => d.identifier)).toEqual(['kvdc-gis-main']);
    expect(seen.filter((c) => c === 'DescribeDBInstancesCommand')).toHaveLength(2);
  });

  it('gives up after maxAttempts and says the call was throttled', async () => {
    const client = ec2Client({ region: 'eu-west-2', maxAttempts: 2, credentials: CREDENTIALS });
    let calls = 0;
    client.middlewareStack.add(
      () => () => {
        calls += 1;
        return Promise.reject(throttling());
      },
      { step: 'deserialize', name: 'alwaysThrottled', priority: 'high' },
    );
    const result = await collectVpnInventory(client);
    expect(calls).toBe(4); // two calls, two attempts each
    expect(result.errors.map((e) => e.kind)).toEqual(['throttled', 'throttled']);
    expect(result.errors[0]?.message).toBe(
      'ec2:DescribeCustomerGateways: still throttled after 2 attempts (ThrottlingException); try again later or raise --max-attempts.',
    );
  });

  it('reports missing credentials from the real credential resolution', async () => {
    const client = rdsClient({
      region: 'eu-west-2',
      maxAttempts: 1,
      credentials: () =>
        Promise.reject(
          Object.assign(new Error('Could not load credentials from any providers'), {
            name: 'CredentialsProviderError',
          }),
        ),
    });
    const result = await collectDatabases(client);
    expect(result.errors.map((e) => e.kind)).toEqual(['credentials', 'credentials']);
    await expect(client.send(new DescribeDBInstancesCommand({}))).rejects.toThrow(
      'Could not load credentials',
    );
  });
});

describe('classifyError', () => {
  it.each([
    ['AccessDeniedException', 'access-denied'],
    ['AccessDenied', 'access-denied'],
    ['UnauthorizedOperation', 'access-denied'],
    ['CredentialsProviderError', 'credentials'],
    ['ExpiredToken', 'credentials'],
    ['RequestLimitExceeded', 'throttled'],
    ['InvalidParameterValue', 'other'],
  ])('%s is %s', (name, kind) => {
    const error = Object.assign(new Error('x'), { name });
    expect(classifyError('rds:DescribeDBInstances', error).kind).toBe(kind);
  });

  it('names the IAM action when access is denied', () => {
    const error = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    expect(classifyError('rds:DescribeDBInstances', error).message).toBe(
      'rds:DescribeDBInstances: access denied (AccessDeniedException). The role needs the IAM action rds:DescribeDBInstances; see docs/operations.md for the minimum policy.',
    );
  });

  it('explains an API the endpoint does not implement: a 404 that is not an AWS error', () => {
    const error = checkAnswer(
      'xml',
      'DescribePendingMaintenanceActions',
      404,
      {},
      '<!doctype html><title>404 Not Found</title>',
    );
    expect(classifyError('rds:DescribePendingMaintenanceActions', error).kind).toBe('not-implemented');
  });

  it('a 404 with an AWS error code is a real answer: the resource does not exist', () => {
    const error = Object.assign(new Error('DBInstance kvdc-nope not found.'), {
      name: 'DBInstanceNotFoundFault',
      $metadata: { httpStatusCode: 404 },
    });
    expect(classifyError('rds:DescribeDBInstances', error)).toEqual({
      action: 'rds:DescribeDBInstances',
      kind: 'not-found',
      message: 'rds:DescribeDBInstances: DBInstanceNotFoundFault: DBInstance kvdc-nope not found.',
    });
  });

  it('explains an unreachable endpoint', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifyError('ec2:DescribeVpnConnections', error).kind).toBe('endpoint');
  });
});
