import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { RDSClient } from '@aws-sdk/client-rds';
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { BoundedHttpHandler, combine, opsPlugin, raceStop, type StopSource } from './http';

/** Static credentials or a provider, as the SDK accepts them. */
export type AwsCredentials = NonNullable<EC2ClientConfig['credentials']>;
type CredentialProvider = Extract<AwsCredentials, (...args: never[]) => unknown>;

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
  /** Per-attempt limit on a request, from connecting to the last byte of the answer, in ms (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** The run's stop signal (its deadline, an interrupt): every call in flight or waiting ends when it aborts. */
  readonly stop?: StopSource;
  /** Only for tests against moto or mocks; production runs leave this to the standard chain. */
  readonly credentials?: AwsCredentials;
  /** Set by {@link assumeRoleOptions}: the role these credentials come from, for error messages. */
  readonly roleArn?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

// AWS SDK v3 warns on Node 20 that later releases will need Node 22 (docs/operations.md); the
// versions are pinned by the lockfile, so the warning would only clutter the rota's output.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/** A credential provider whose wait ends when the run stops, whatever the provider is waiting for. */
function stoppable(
  credentials: AwsCredentials | undefined,
  stop: StopSource | undefined,
): AwsCredentials | undefined {
  if (stop === undefined) return credentials;
  const provider: CredentialProvider =
    credentials === undefined
      ? fromNodeProviderChain()
      : typeof credentials === 'function'
        ? credentials
        : () => Promise.resolve(credentials);
  return ((props?: Parameters<CredentialProvider>[0]) =>
    raceStop(provider(props), stop())) as CredentialProvider;
}

/** The client configuration shared by every service client: bounded retries and bounded time per attempt. */
export function clientConfig(options: AwsOptions): {
  region?: string;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  requestHandler: BoundedHttpHandler;
  credentials?: AwsCredentials;
} {
  const credentials = stoppable(options.credentials, options.stop);
  return {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'standard',
    requestHandler: new BoundedHttpHandler({
      attemptTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      ...(options.stop === undefined ? {} : { stop: options.stop }),
    }),
  };
}

export function ec2Client(options: AwsOptions): EC2Client {
  const client = new EC2Client(clientConfig(options));
  client.middlewareStack.use(opsPlugin('xml', options.stop));
  return client;
}

export function rdsClient(options: AwsOptions): RDSClient {
  const client = new RDSClient(clientConfig(options));
  client.middlewareStack.use(opsPlugin('xml', options.stop));
  return client;
}

export function backupClient(options: AwsOptions): BackupClient {
  const client = new BackupClient(clientConfig(options));
  client.middlewareStack.use(opsPlugin('json', options.stop));
  return client;
}

// CloudWatch answers in AWS JSON 1.0 (query-compatible), CloudWatch Logs and Cost Explorer in JSON 1.1:
// their answers are checked as JSON, like AWS Backup's.
export function cloudWatchClient(options: AwsOptions): CloudWatchClient {
  const client = new CloudWatchClient(clientConfig(options));
  client.middlewareStack.use(opsPlugin('json', options.stop));
  return client;
}

export function cloudWatchLogsClient(options: AwsOptions): CloudWatchLogsClient {
  const client = new CloudWatchLogsClient(clientConfig(options));
  client.middlewareStack.use(opsPlugin('json', options.stop));
  return client;
}

export function costExplorerClient(options: AwsOptions): CostExplorerClient {
  const client = new CostExplorerClient(clientConfig(options));
  client.middlewareStack.use(opsPlugin('json', options.stop));
  return client;
}

/** The IAM role ARN that `--assume-role <name>` means in one configured account. */
export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * `sts:AssumeRole` itself failed: the caller may not assume the role, the role's trust policy does
 * not trust the caller, or the role does not exist. Carries the role ARN so the message names it,
 * and the original error as `cause`.
 */
export class AssumeRoleFailed extends Error {
  constructor(
    readonly roleArn: string,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'AssumeRoleFailed';
  }

  /** Who asked for the role, as STS names it in its refusal ("User: <arn> is not authorized ..."). */
  get caller(): string | undefined {
    return /User: (arn:\S+) is not authorized/.exec(this.message)?.[1];
  }
}

/** The error names of a failed credential lookup, which is not the role's fault. */
const BASE_CREDENTIALS = /^(CredentialsProviderError|ProviderError|TokenProviderError)$/;

/**
 * The options for reading one account through a role of the given name: the SDK's standard chain
 * signs the sts:AssumeRole call, and the temporary credentials are refreshed by the SDK itself. The
 * STS client has the same time limits, retries and stop signal as the service clients. A failure of
 * sts:AssumeRole itself is an {@link AssumeRoleFailed}, so it is not blamed on the service call.
 */
export function assumeRoleOptions(options: AwsOptions, arn: string): AwsOptions {
  const { credentials, ...rest } = options;
  const temporary = fromTemporaryCredentials({
    params: { RoleArn: arn, RoleSessionName: 'lz-ops', DurationSeconds: 900 },
    ...(credentials === undefined ? {} : { masterCredentials: credentials }),
    clientConfig: {
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryMode: options.retryMode ?? 'standard',
      requestHandler: new BoundedHttpHandler({
        attemptTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        ...(options.stop === undefined ? {} : { stop: options.stop }),
      }),
    },
    clientPlugins: [opsPlugin('xml', options.stop)],
  });
  const provider: CredentialProvider = async (props) => {
    try {
      return await temporary(props);
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (typeof name === 'string' && (BASE_CREDENTIALS.test(name) || name === 'AbortError')) throw error;
      throw new AssumeRoleFailed(arn, error);
    }
  };
  return { ...rest, credentials: provider, roleArn: arn };
}

/** The options with one more stop signal (a deadline): calls end when either aborts. */
export function withStop(options: AwsOptions, signal: AbortSignal): AwsOptions {
  const outer = options.stop;
  return {
    ...options,
    stop: () => combine([outer?.(), signal]),
  };
}
