import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { backupOperation, type Answer, type Call, type MotoComplement } from './moto-complement';
import { requestBody, startServer, type TestServer } from './http-server';

/*
 * A small HTTP proxy in front of moto_server that injects one fault into the calls a rule matches:
 * what AWS, a network or a middlebox can do to an `lz ops` command. Calls moto lacks are answered by
 * the complement (see moto-complement.ts). One proxy per test, so tests can run side by side.
 */

export const FAULTS = [
  'throttle',
  'deny',
  'error-500',
  'html-200',
  'html-500',
  'empty-200',
  'truncated',
  'dropped',
  'delay',
  'stall',
  'stall-body',
] as const;
export type Fault = (typeof FAULTS)[number];

/** What each fault is, as the fault table in docs/operations.md names it. */
export const FAULT_NAMES: Readonly<Record<Fault, string>> = {
  throttle: 'throttling (every attempt)',
  deny: 'access denied',
  'error-500': 'HTTP 500 from AWS (InternalFailure)',
  'html-200': 'an HTML page with status 200 (captive portal, proxy)',
  'html-500': 'an HTML error page with status 500',
  'empty-200': 'an empty answer with status 200',
  truncated: 'a truncated answer (complete HTTP, body cut short)',
  dropped: 'a dropped answer (connection closed mid-body)',
  delay: 'an answer slower than --call-timeout',
  stall: 'a stalled endpoint (accepts, never answers)',
  'stall-body': 'headers, then a body that never ends',
};

export interface Rule {
  /** `ec2`, `rds`, `backup`, `sts`; every service when absent. */
  readonly service?: string;
  /** e.g. `DescribeVpnConnections`; every operation when absent. */
  readonly operation?: string;
  readonly fault: Fault;
  /** For `delay`: how long. */
  readonly delayMs?: number;
  /** Only the nth call the rule matches (1 = the first); every one when absent. */
  readonly nth?: number;
}

export interface FaultProxy extends TestServer {
  /** Every call seen, in order: `service:Operation`. */
  readonly calls: string[];
}

const SCOPE = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\/aws4_request/;

/** Which API a request is: the service from the signature's scope, the operation from the body or path. */
export function identify(request: IncomingMessage, body: string): Call {
  const url = new URL(request.url ?? '/', 'http://proxy');
  const authorization = request.headers.authorization ?? '';
  const scope = SCOPE.exec(authorization);
  const service = scope?.[2] ?? 'unknown';
  const method = request.method ?? 'GET';
  const operation =
    service === 'backup'
      ? backupOperation(method, url.pathname)
      : (new URLSearchParams(body).get('Action') ?? url.searchParams.get('Action') ?? 'unknown');
  return {
    service,
    region: scope?.[1] ?? 'unknown',
    operation,
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: request.headers,
    body,
  };
}

const XML = { 'content-type': 'text/xml' };

/** An AWS error answer in the service's own protocol. */
function awsError(service: string, status: number, code: string, message: string): Answer {
  if (service === 'backup') {
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
      body: JSON.stringify({ __type: code, Message: message }),
    };
  }
  if (service === 'ec2') {
    return {
      status,
      headers: XML,
      body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault</RequestID></Response>`,
    };
  }
  return {
    status,
    headers: XML,
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault</RequestId></ErrorResponse>`,
  };
}

/** The caller the denial names, as AWS does. */
export const DENIED_CALLER = 'arn:aws:iam::123456789012:user/rota';

function denied(call: Call): Answer {
  const action = `${call.service}:${call.operation}`;
  if (call.service === 'ec2') {
    return awsError('ec2', 403, 'UnauthorizedOperation', 'You are not authorized to perform this operation.');
  }
  if (call.service === 'backup') {
    return awsError(
      'backup',
      403,
      'AccessDeniedException',
      `User: ${DENIED_CALLER} is not authorized to perform: ${action}`,
    );
  }
  return awsError(
    call.service,
    403,
    'AccessDenied',
    `User: ${DENIED_CALLER} is not authorized to perform: ${action}`,
  );
}

function throttled(call: Call): Answer {
  if (call.service === 'ec2') return awsError('ec2', 503, 'RequestLimitExceeded', 'Request limit exceeded.');
  if (call.service === 'backup') return awsError('backup', 400, 'ThrottlingException', 'Rate exceeded');
  return awsError(call.service, 400, 'Throttling', 'Rate exceeded');
}

function page(status: number, title: string): Answer {
  return {
    status,
    headers: { 'content-type': 'text/html' },
    body: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
  };
}

function forward(target: string, request: IncomingMessage, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, host: new URL(target).host };
    const upstream = httpRequest(
      `${target}${request.url ?? '/'}`,
      { method: request.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const kept: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) {
            if (v !== undefined && !['content-length', 'transfer-encoding', 'connection'].includes(k)) {
              kept[k] = Array.isArray(v) ? v.join(', ') : v;
            }
          }
          resolve({
            status: res.statusCode ?? 502,
            headers: kept,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, {
    ...answer.headers,
    'content-length': String(Buffer.byteLength(answer.body)),
  });
  response.end(answer.body);
}

function matches(rule: Rule, call: Call): boolean {
  return (
    (rule.service === undefined || rule.service === call.service) &&
    (rule.operation === undefined || rule.operation === call.operation)
  );
}

/**
 * Starts a proxy to moto (`target`) on a port of its own, answering what moto lacks through
 * `complement` and injecting the first matching rule's fault into each call.
 */
export async function startFaultProxy(
  target: string,
  complement: MotoComplement,
  rules: readonly Rule[] = [],
): Promise<FaultProxy> {
  const calls: string[] = [];
  const seen = new Map<Rule, number>();
  const applies = (rule: Rule, call: Call): boolean => {
    if (!matches(rule, call)) return false;
    const n = (seen.get(rule) ?? 0) + 1;
    seen.set(rule, n);
    return rule.nth === undefined || rule.nth === n;
  };
  const real = async (call: Call, request: IncomingMessage, body: string): Promise<Answer> =>
    complement.rewrite(call, (await complement.answer(call)) ?? (await forward(target, request, body)));
  const server = await startServer((request, response) => {
    void (async () => {
      const body = await requestBody(request);
      const call = identify(request, body);
      calls.push(`${call.service}:${call.operation}`);
      const rule = rules.find((r) => applies(r, call));
      try {
        switch (rule?.fault) {
          case undefined:
            send(response, await real(call, request, body));
            return;
          case 'throttle':
            send(response, throttled(call));
            return;
          case 'deny':
            send(response, denied(call));
            return;
          case 'error-500':
            send(response, {
              ...awsError(call.service, 500, 'InternalFailure', 'We encountered an internal error.'),
            });
            return;
          case 'html-200':
            send(response, page(200, 'Sign in to the guest network'));
            return;
          case 'html-500':
            send(response, page(500, '500 Internal Server Error'));
            return;
          case 'empty-200':
            send(response, { status: 200, headers: { 'content-type': 'text/xml' }, body: '' });
            return;
          case 'truncated': {
            const answer = await real(call, request, body);
            send(response, { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) });
            return;
          }
          case 'dropped': {
            // AWS did the work; the answer is lost on the way.
            const answer = await real(call, request, body);
            response.writeHead(answer.status, {
              ...answer.headers,
              'content-length': String(Buffer.byteLength(answer.body)),
            });
            response.write(answer.body.slice(0, Math.floor(answer.body.length / 2)));
            setTimeout(() => response.socket?.destroy(), 20);
            return;
          }
          case 'delay':
            await new Promise((r) => setTimeout(r, rule.delayMs ?? 5000));
            if (!response.destroyed) send(response, await real(call, request, body));
            return;
          case 'stall':
            return;
          case 'stall-body': {
            const answer = await real(call, request, body);
            response.writeHead(answer.status, {
              ...answer.headers,
              'content-length': String(Buffer.byteLength(answer.body) + 1000),
            });
            response.write(answer.body.slice(0, 40));
            return;
          }
        }
      } catch (error) {
        if (!response.headersSent) send(response, page(502, `proxy: ${String(error)}`));
      }
    })();
  });
  return { ...server, calls };
}
