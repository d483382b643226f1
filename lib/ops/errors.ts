/** One AWS call that could not be made or answered, explained for the person on the rota. */
export interface OperationError {
  /** The API operation, e.g. `ec2:DescribeVpnConnections` (also the IAM action it needs). */
  readonly action: string;
  readonly kind: 'credentials' | 'access-denied' | 'throttled' | 'endpoint' | 'not-implemented' | 'other';
  readonly message: string;
}

const ACCESS_DENIED = /^(AccessDenied|UnauthorizedOperation|UnauthorizedAccess|AuthFailure|Forbidden)/;
const CREDENTIALS =
  /^(CredentialsProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|TokenRefreshRequired)/;
const THROTTLED = /(Throttl|RequestLimitExceeded|TooManyRequests)/;

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const value of [e.name, e.Code, e.code]) {
      if (typeof value === 'string' && value !== 'Error') return value;
    }
  }
  return 'Error';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns an SDK error into a clear message: missing or expired credentials say how to provide them;
 * permission errors name the IAM action the command needs; anything else keeps the service's words.
 */
export function classifyError(action: string, error: unknown): OperationError {
  const name = errorName(error);
  const detail = errorMessage(error);
  if (CREDENTIALS.test(name)) {
    return {
      action,
      kind: 'credentials',
      message:
        `${action}: no usable AWS credentials (${name}: ${detail}). ` +
        'Sign in with `aws sso login --profile <profile>` and pass AWS_PROFILE, or set the standard AWS_* variables.',
    };
  }
  if (ACCESS_DENIED.test(name)) {
    return {
      action,
      kind: 'access-denied',
      message: `${action}: access denied (${name}). The role needs the IAM action ${action}; see docs/operations.md for the minimum policy.`,
    };
  }
  if (THROTTLED.test(name)) {
    return {
      action,
      kind: 'throttled',
      message: `${action}: still throttled after the SDK's retries (${name}); try again later or raise --max-attempts.`,
    };
  }
  const http = error as {
    $metadata?: { httpStatusCode?: number };
    $response?: { statusCode?: number };
    $responseBodyText?: unknown;
  };
  const status = http.$response?.statusCode ?? http.$metadata?.httpStatusCode;
  const html =
    typeof http.$responseBodyText === 'string' && /<(!doctype )?html/i.test(http.$responseBodyText);
  if (status === 404 || html) {
    return {
      action,
      kind: 'not-implemented',
      message: `${action}: the endpoint answered HTTP ${status ?? '?'} ${html ? 'with a web page ' : ''}instead of an AWS response: the API is not implemented there (moto_server lacks some).`,
    };
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|TimeoutError|socket hang up/.test(`${name} ${detail}`)) {
    return { action, kind: 'endpoint', message: `${action}: cannot reach the service (${name}: ${detail}).` };
  }
  return { action, kind: 'other', message: `${action}: ${name}: ${detail}` };
}

/** Runs one AWS call; a failure becomes an {@link OperationError} so the other calls still report. */
export async function attempt<T>(
  action: string,
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: OperationError }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, error: classifyError(action, error) };
  }
}
