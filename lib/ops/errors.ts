import { AssumeRoleFailed } from './aws';
import { NotAnAwsResponse } from './http';

/** One AWS call that could not be made or answered, explained for the person on the rota. */
export interface OperationError {
  /** The API operation, e.g. `ec2:DescribeVpnConnections` (also the IAM action it needs). */
  readonly action: string;
  readonly kind:
    | 'credentials'
    | 'assume-role'
    | 'access-denied'
    | 'throttled'
    | 'timeout'
    | 'deadline'
    | 'endpoint'
    | 'not-implemented'
    | 'invalid-response'
    | 'not-found'
    | 'other';
  readonly message: string;
}

const ACCESS_DENIED = /^(AccessDenied|UnauthorizedOperation|UnauthorizedAccess|AuthFailure|Forbidden)/;
const CREDENTIALS =
  /^(CredentialsProviderError|ProviderError|TokenProviderError|ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|TokenRefreshRequired)/;
const THROTTLED = /(Throttl|RequestLimitExceeded|TooManyRequests|SlowDown)/;
/** AWS error codes that mean "no such resource": a real answer, not a missing API. */
const NOT_FOUND = /(NotFound|NoSuch|DoesNotExist)/;

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { name?: unknown; Code?: unknown; code?: unknown };
    for (const value of [e.name, e.Code, e.code]) {
      if (typeof value === 'string' && value !== 'Error') return value;
    }
  }
  return 'Error';
}

/** The first line of an error's message: the SDK appends hints about hidden fields on later lines. */
function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.trim() ?? '';
}

function attempts(error: unknown): string {
  const n = (error as { $metadata?: { attempts?: unknown } }).$metadata?.attempts;
  return typeof n === 'number' && n > 1 ? ` after ${n} attempts` : '';
}

function statusOf(error: unknown): number | undefined {
  const http = error as { $metadata?: { httpStatusCode?: number }; $response?: { statusCode?: number } };
  return http.$response?.statusCode ?? http.$metadata?.httpStatusCode;
}

/**
 * Turns an SDK error into a clear message naming the real cause: missing or expired credentials;
 * a role that could not be assumed (the caller's permission or the role's trust policy, never the
 * service action); a permission the role lacks (the IAM action); throttling; a call that took too
 * long or ran into the run's deadline; an answer that is not AWS's (empty, a web page, cut short);
 * a resource that does not exist; an API the endpoint does not implement. Anything else keeps the
 * service's words.
 */
export function classifyError(action: string, error: unknown): OperationError {
  if (error instanceof AssumeRoleFailed) {
    const cause = error.cause;
    const name = errorName(cause);
    const head = `${action} not called: could not assume ${error.roleArn} (${name})`;
    if (ACCESS_DENIED.test(name)) {
      const who =
        error.caller === undefined ? `the caller (${errorMessage(cause)})` : `the caller ${error.caller}`;
      return {
        action,
        kind: 'assume-role',
        message:
          `${head}. STS refused ${who}: the caller needs sts:AssumeRole on that role, and the role's trust ` +
          'policy must trust the caller (operations.trustedAccount in the configuration); check too that the role exists in that account.',
      };
    }
    return {
      action,
      kind: 'assume-role',
      message: THROTTLED.test(name)
        ? `${head}: sts:AssumeRole was still throttled after the retries.`
        : `${head}: sts:AssumeRole failed: ${errorMessage(cause)}.`,
    };
  }
  const name = errorName(error);
  const detail = errorMessage(error);
  if (name === 'AbortError') {
    const reason = (error as { cause?: unknown }).cause;
    return {
      action,
      kind: 'deadline',
      message: `${action}: not answered: ${reason instanceof Error ? reason.message : 'the run was stopped (deadline or interrupt)'}.`,
    };
  }
  if (error instanceof NotAnAwsResponse) {
    if (error.statusCode === 404) {
      return {
        action,
        kind: 'not-implemented',
        message: `${action}: the endpoint answered HTTP 404 with ${error.detail} instead of an AWS error: the API is not implemented there (an emulator such as moto_server lacks some) or --endpoint points at the wrong server.`,
      };
    }
    return {
      action,
      kind: 'invalid-response',
      message: `${action}: the endpoint answered HTTP ${error.statusCode}${attempts(error)} with ${error.detail} instead of an AWS answer, so nothing was read (a proxy, a captive portal, a wrong --endpoint, or a connection cut short).`,
    };
  }
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
      message: `${action}: still throttled${attempts(error)} (${name}); try again later or raise --max-attempts.`,
    };
  }
  // NodeHttpHandler names a reset connection a TimeoutError too: a cut connection is not a slow one.
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNRESET' || code === 'EPIPE' || /(^|: )aborted$/.test(detail)) {
    return {
      action,
      kind: 'endpoint',
      message: `${action}: the connection was cut before the answer was complete${attempts(error)} (${typeof code === 'string' ? code : 'aborted'}).`,
    };
  }
  if (name === 'TimeoutError' || /ETIMEDOUT|timed out|TimeoutError/.test(detail)) {
    return {
      action,
      kind: 'timeout',
      message: `${action}: no complete answer within --call-timeout${attempts(error)} (${detail.replace(/^@smithy\/node-http-handler - (\[ERROR\] )?/, '')}).`,
    };
  }
  const status = statusOf(error);
  if (NOT_FOUND.test(name) && status !== undefined && status < 500) {
    return { action, kind: 'not-found', message: `${action}: ${name}: ${detail}` };
  }
  if (/ECONNREFUSED|ENOTFOUND|ECONNRESET|EPIPE|EAI_AGAIN|socket hang up/.test(`${name} ${detail}`)) {
    return {
      action,
      kind: 'endpoint',
      message: `${action}: cannot reach the service or the connection was cut${attempts(error)} (${name}: ${detail}).`,
    };
  }
  return {
    action,
    kind: 'other',
    message: `${action}: ${name}${status === undefined ? '' : ` (HTTP ${status})`}${attempts(error)}: ${detail}`,
  };
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

/** Whether a failed call's error is AWS saying the resource does not exist (not a missing API). */
export function isNotFound(error: unknown, names: RegExp): boolean {
  if (error instanceof NotAnAwsResponse) return false;
  return names.test(errorName(error));
}
