import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { BackupClient } from '@aws-sdk/client-backup';
import { RDSClient } from '@aws-sdk/client-rds';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';

/** Static credentials or a provider, as the SDK accepts them. */
export type AwsCredentials = NonNullable<EC2ClientConfig['credentials']>;

/** How the operations commands reach AWS. Credentials always come from the SDK's standard chain. */
export interface AwsOptions {
  /** Region to query; without it the SDK's own resolution applies (AWS_REGION, profile). */
  readonly region?: string;
  /** Service endpoint override, e.g. http://127.0.0.1:5000 for moto_server. */
  readonly endpoint?: string;
  /** Attempts per API call, first try included (default 5). */
  readonly maxAttempts?: number;
  /** The SDK's retry strategy: `standard` (default) or `adaptive` (client-side rate limiting too). */
  readonly retryMode?: 'standard' | 'adaptive';
  /** Per-attempt limit on a request, in milliseconds (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** Only for tests against moto or mocks; production runs leave this to the standard chain. */
  readonly credentials?: AwsCredentials;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** The client configuration shared by every service client: bounded retries and bounded time per attempt. */
export function clientConfig(options: AwsOptions): {
  region?: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  requestHandler: { requestTimeout: number; connectionTimeout: number };
  credentials?: AwsCredentials;
} {
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'standard',
    requestHandler: { requestTimeout: timeout, connectionTimeout: Math.min(timeout, 5_000) },
  };
}

export function ec2Client(options: AwsOptions): EC2Client {
  return new EC2Client(clientConfig(options));
}

export function rdsClient(options: AwsOptions): RDSClient {
  return new RDSClient(clientConfig(options));
}

export function backupClient(options: AwsOptions): BackupClient {
  return new BackupClient(clientConfig(options));
}

/** The IAM role ARN that `--assume-role <name>` means in one configured account. */
export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * The options for reading one account through a role of the given name: the SDK's standard chain
 * signs the sts:AssumeRole call, and the temporary credentials are refreshed by the SDK itself.
 */
export function assumeRoleOptions(options: AwsOptions, arn: string): AwsOptions {
  const { credentials, ...rest } = options;
  return {
    ...rest,
    credentials: fromTemporaryCredentials({
      params: { RoleArn: arn, RoleSessionName: 'lz-ops', DurationSeconds: 900 },
      ...(credentials === undefined ? {} : { masterCredentials: credentials }),
      clientConfig: {
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      },
    }),
  };
}
