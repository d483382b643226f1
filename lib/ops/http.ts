import { setMaxListeners } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type {
  DeserializeMiddleware,
  HttpHandlerOptions,
  InitializeMiddleware,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';

/*
 * The HTTP layer every `lz ops` client uses, the STS client behind `--assume-role` included.
 *
 * The installed @smithy/node-http-handler only warns when `requestTimeout` passes unless
 * `throwOnRequestTimeout` is set, and its `requestTimeout` stops at the response headers: a server
 * that sends headers and then stalls, or trickles the body, is limited only by the socket's idle
 * timeout (900 s by default for EC2 and RDS). So each attempt here has one limit, enforced from the
 * connection to the last byte of the body, and the run's stop signal (its deadline, or an interrupt)
 * ends any request in flight at once.
 */

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpResponse = Awaited<ReturnType<NodeHttpHandler['handle']>>['response'];

/** Where a run's stop signal comes from; read at each request, so a run can switch phases. */
export type StopSource = () => AbortSignal | undefined;

/** Why a run stopped its calls: the deadline, or an interrupt. Carried as the abort reason. */
export class RunStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunStopped';
  }
}

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/** An AbortError as the SDK builds it, with the run's reason as its cause. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return Object.assign(new Error(reason instanceof Error ? reason.message : 'Request aborted'), {
    name: 'AbortError',
    ...(reason instanceof Error ? { cause: reason } : {}),
  });
}

/** Settles with the promise, or rejects with an AbortError as soon as the signal aborts. */
export function raceStop<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(abortError(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * A signal every call of a run listens to: many at once is expected, not a leak, so Node's warning
 * about more than ten listeners (which would reach the user's terminal) is turned off for it.
 */
export function shared(signal: AbortSignal): AbortSignal {
  setMaxListeners(0, signal);
  return signal;
}

/** One signal that aborts when any of these does. */
export function combine(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return shared(AbortSignal.any(present));
}

function isReadable(body: unknown): body is IncomingMessage {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { destroy?: unknown }).destroy === 'function' &&
    typeof (body as { once?: unknown }).once === 'function'
  );
}

/** Ends the body with an error when the attempt's time runs out or the run stops. */
function limitBody(
  body: IncomingMessage,
  remainingMs: number,
  attemptMs: number,
  signal: AbortSignal | undefined,
): void {
  if (body.readableEnded || body.destroyed) return;
  const onAbort = (): void => {
    if (signal !== undefined) body.destroy(abortError(signal));
  };
  const timer = setTimeout(
    () => {
      body.destroy(
        timeoutError(`the answer did not arrive in full within the ${attemptMs} ms per-attempt limit`),
      );
    },
    Math.max(0, remainingMs),
  );
  const clear = (): void => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  body.once('end', clear);
  body.once('close', clear);
  body.once('error', clear);
}

export interface HttpLimits {
  /** Each attempt, from opening the connection to the last byte of the answer. */
  readonly attemptTimeoutMs: number;
  /** The run's stop signal: every request in flight ends when it aborts. */
  readonly stop?: StopSource;
}

/**
 * A NodeHttpHandler whose time limits are enforced: connection (at most 5 s), headers
 * (`throwOnRequestTimeout`), socket inactivity, and the whole answer within the per-attempt limit.
 */
export class BoundedHttpHandler {
  /** fromTemporaryCredentials keeps only HTTP/1.1 handlers for its STS client. */
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly inner: NodeHttpHandler;

  constructor(private readonly limits: HttpLimits) {
    const attempt = limits.attemptTimeoutMs;
    this.inner = new NodeHttpHandler({
      connectionTimeout: Math.min(attempt, 5_000),
      requestTimeout: attempt,
      throwOnRequestTimeout: true,
      socketTimeout: attempt,
    });
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const started = Date.now();
    const signal = combine([options.abortSignal as AbortSignal | undefined, this.limits.stop?.()]);
    if (signal?.aborted === true) throw abortError(signal);
    const out = await this.inner.handle(request, {
      ...options,
      ...(signal === undefined ? {} : { abortSignal: signal }),
    });
    const body: unknown = out.response.body;
    if (isReadable(body)) {
      const attempt = this.limits.attemptTimeoutMs;
      limitBody(body, attempt - (Date.now() - started), attempt, signal);
    }
    return out;
  }

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): ReturnType<NodeHttpHandler['httpHandlerConfigs']> {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}

/** How a service encodes its answers: EC2, RDS and STS in XML, AWS Backup in JSON. */
export type WireFormat = 'xml' | 'json';

/** An HTTP answer that is not the service's: empty, a web page, cut short, or something else. */
export class NotAnAwsResponse extends Error {
  readonly $metadata: { httpStatusCode: number };
  /** Retried by the SDK's strategy: a cut-short answer may be whole next time. */
  readonly $retryable?: Record<string, never>;
  constructor(
    readonly statusCode: number,
    /** `empty`, `web page`, `truncated` or `unexpected`. */
    readonly what: 'empty' | 'web page' | 'truncated' | 'unexpected',
    readonly detail: string,
  ) {
    super(`HTTP ${statusCode}: ${detail}`);
    this.name = 'NotAnAwsResponse';
    this.$metadata = { httpStatusCode: statusCode };
    if (what === 'truncated') this.$retryable = {};
  }
}

const HTML = /^\s*(<\?xml[^>]*>\s*)?<(!doctype\s+html|html)[\s>]/i;

function pageTitle(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  return title === undefined || title === '' ? '' : ` titled "${title.slice(0, 80)}"`;
}

/** The first element's name, after an XML declaration and comments. */
function rootElement(text: string): string | undefined {
  const body = text.replace(/^\s*(<\?xml[^>]*\?>)?\s*(<!--[\s\S]*?-->\s*)*/, '');
  return /^<([A-Za-z_][\w.-]*)[\s/>]/.exec(body)?.[1];
}

function parsesAsObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * Whether an HTTP answer is the service's answer to `operation`. The SDK's deserialisers accept an
 * empty 200 (and, for XML services, an HTML page with status 200) as an answer with no fields, which
 * a command would read as an empty list. A successful XML answer must be one whole
 * `<OperationResponse>` element; a JSON answer one whole object; an error answer must carry an AWS
 * error code. Returns what is wrong, or undefined.
 */
export function checkAnswer(
  format: WireFormat,
  operation: string,
  statusCode: number,
  headers: Readonly<Record<string, string | undefined>>,
  text: string,
): NotAnAwsResponse | undefined {
  const ok = statusCode >= 200 && statusCode < 300;
  const trimmed = text.trim();
  const errorType = Object.entries(headers).some(([k, v]) => k.toLowerCase() === 'x-amzn-errortype' && v);
  if (trimmed === '') {
    if (!ok && errorType) return undefined;
    return new NotAnAwsResponse(statusCode, 'empty', 'an empty answer');
  }
  if (HTML.test(trimmed)) {
    return new NotAnAwsResponse(statusCode, 'web page', `a web page${pageTitle(trimmed)}`);
  }
  if (format === 'json') {
    if (parsesAsObject(trimmed) || (!ok && errorType)) return undefined;
    return trimmed.startsWith('{')
      ? new NotAnAwsResponse(statusCode, 'truncated', 'JSON that ends before it is complete')
      : new NotAnAwsResponse(
          statusCode,
          'unexpected',
          `something other than JSON ("${trimmed.slice(0, 40)}")`,
        );
  }
  const root = rootElement(trimmed);
  if (!ok) {
    return /<Code>[^<]+<\/Code>/.test(trimmed)
      ? undefined
      : new NotAnAwsResponse(
          statusCode,
          'unexpected',
          `an error without an AWS error code ("${trimmed.slice(0, 40)}")`,
        );
  }
  const expected = `${operation}Response`;
  if (root !== expected) {
    return new NotAnAwsResponse(
      statusCode,
      'unexpected',
      root === undefined
        ? `something other than XML ("${trimmed.slice(0, 40)}")`
        : `<${root}> where the answer to ${operation} is <${expected}>`,
    );
  }
  if (!trimmed.endsWith(`</${expected}>`)) {
    return new NotAnAwsResponse(statusCode, 'truncated', `XML that ends before </${expected}>`);
  }
  return undefined;
}

async function readAll(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null || typeof body === 'string') {
    return new TextEncoder().encode(typeof body === 'string' ? body : '');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return Buffer.concat(chunks);
}

/** The SDK's key for per-call context, where the retry strategy looks for an abort signal. */
const SMITHY_CONTEXT_KEY = '__smithy_context';

/**
 * The middleware every ops client gets: the run's stop signal reaches the SDK's retry strategy (so a
 * back-off sleep ends at the deadline), and every answer is checked before it is deserialised.
 */
export function opsPlugin<Input extends object, Output extends MetadataBearer>(
  format: WireFormat,
  stop: StopSource | undefined,
): Pluggable<Input, Output> {
  const stopSignal: InitializeMiddleware<Input, Output> = (next, context) => async (args) => {
    const signal = stop?.();
    if (signal === undefined) return next(args);
    const smithy = ((context as Record<string, unknown>)[SMITHY_CONTEXT_KEY] ??= {}) as {
      abortSignal?: unknown;
    };
    smithy.abortSignal ??= signal;
    try {
      return await next(args);
    } catch (error) {
      // The retry strategy's own AbortError does not say why: give it the run's reason.
      const name = (error as { name?: unknown }).name;
      if (signal.aborted && name === 'AbortError') throw abortError(signal);
      throw error;
    }
  };
  const answerCheck: DeserializeMiddleware<Input, Output> = (next, context) => async (args) => {
    const result = await next(args);
    const response = result.response as Partial<HttpResponse> | undefined;
    if (typeof response?.statusCode !== 'number') return result;
    const bytes = await readAll(response.body);
    response.body = bytes;
    const operation = (context.commandName ?? '').replace(/Command$/, '');
    const problem = checkAnswer(
      format,
      operation,
      response.statusCode,
      response.headers ?? {},
      Buffer.from(bytes).toString('utf8'),
    );
    if (problem !== undefined) throw problem;
    return result;
  };
  return {
    applyToStack(stack): void {
      stack.add(stopSignal, { step: 'initialize', name: 'lzOpsStopSignal', override: true });
      stack.addRelativeTo(answerCheck, {
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
        name: 'lzOpsAnswerCheck',
        override: true,
      });
    },
  };
}

/**
 * The answer, if it holds the element the API always returns (e.g. EC2's `vpnConnectionSet`, empty or
 * not): an answer without it was not the API's, and must not be read as an empty list.
 */
export function answered<T extends object>(output: T, field: keyof T & string): T {
  if (output[field] === undefined) {
    throw new NotAnAwsResponse(200, 'unexpected', `an answer without ${field}, which the API always returns`);
  }
  return output;
}
