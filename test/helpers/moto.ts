import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';

/*
 * moto_server for the integration tests: started once per run, on a port it chose itself, with an
 * environment of its own, health-checked with a real EC2 call, its output kept in a file, stopped by
 * its PID. Nothing of the caller's AWS environment reaches it (an empty or unknown AWS_PROFILE made
 * it answer an HTML 500 page to the first EC2 call).
 */

/** The credentials every test uses against moto; moto accepts any. */
export const MOTO_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;
export const MOTO_REGION = 'eu-west-2';
/** The account moto gives the credentials above. */
export const MOTO_ACCOUNT = '123456789012';

export interface Moto {
  readonly endpoint: string;
  readonly pid: number;
  /** moto's own output, kept to show when a test fails. */
  readonly logFile: string;
  stop(): Promise<void>;
}

/**
 * An environment with no AWS_* variable of the caller's: its own (empty) config and credential files
 * in `dir`, dummy keys, and a home directory that holds no ~/.aws. For moto, and for `lz` processes
 * the tests start.
 */
export function isolatedAwsEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'aws-config');
  const credentials = join(dir, 'aws-credentials');
  writeFileSync(config, `[default]\nregion = ${MOTO_REGION}\n`);
  writeFileSync(
    credentials,
    `[default]\naws_access_key_id = ${MOTO_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${MOTO_CREDENTIALS.secretAccessKey}\n`,
  );
  const kept = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined &&
        !entry[0].startsWith('AWS_') &&
        ['PATH', 'LANG', 'TMPDIR', 'TZ'].includes(entry[0]),
    ),
  );
  return {
    ...kept,
    HOME: dir,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_ACCESS_KEY_ID: MOTO_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: MOTO_CREDENTIALS.secretAccessKey,
    AWS_DEFAULT_REGION: MOTO_REGION,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** The last lines of moto's output, for a failure message. */
export function motoLogTail(logFile: string, lines = 40): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no moto output)';
  }
}

function waitForPort(child: ChildProcess, logFile: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      finish(new Error(`moto_server printed no "Running on" line within ${timeoutMs} ms`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      appendFileSync(logFile, text);
      seen += text;
      const port = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen)?.[1];
      if (port !== undefined) finish(undefined, Number(port));
    };
    const onExit = (code: number | null): void => {
      finish(new Error(`moto_server exited with ${String(code)} before it was ready`));
    };
    function finish(error?: Error, port?: number): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (error !== undefined || port === undefined) reject(error ?? new Error('no port'));
      else resolve(port);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Ready when an EC2 call is answered by EC2 (moto answers an HTML 500 page while it loads). */
async function healthCheck(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const ec2 = new EC2Client({ region: MOTO_REGION, endpoint, credentials: MOTO_CREDENTIALS, maxAttempts: 1 });
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
      try {
        const vpcs = await ec2.send(new DescribeVpcsCommand({}));
        if (Array.isArray(vpcs.Vpcs)) return;
        last = new Error('DescribeVpcs answered without a VPC list');
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    ec2.destroy();
  }
  throw new Error(`moto_server did not answer ec2:DescribeVpcs within ${timeoutMs} ms: ${String(last)}`);
}

/** Starts moto_server on a port of its own choosing, in `dir`, and waits until EC2 answers. */
export async function startMoto(dir: string): Promise<Moto> {
  const which = spawnSync('moto_server', ['--help'], { encoding: 'utf8' });
  if (which.error !== undefined || which.status !== 0) {
    throw new Error(
      'moto_server is required for the integration tests (it is preinstalled on these machines)',
    );
  }
  const logFile = join(dir, 'moto.log');
  writeFileSync(logFile, '');
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', '0'], {
    cwd: dir,
    env: isolatedAwsEnv(join(dir, 'moto-home'), { PYTHONUNBUFFERED: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  try {
    if (pid === undefined) throw new Error('moto_server did not start');
    const port = await waitForPort(child, logFile, 30_000);
    const endpoint = `http://127.0.0.1:${port}`;
    await healthCheck(endpoint, child, 30_000);
    // The rest of its output goes to the file too, for failures.
    return { endpoint, pid, logFile, stop };
  } catch (error) {
    await stop();
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nmoto output:\n${motoLogTail(logFile)}`,
      { cause: error },
    );
  }
}
