import { Socket } from 'node:net';

/** Opens and closes one TCP connection: proof the restored database listens and the path is open. */
export function tcpConnect(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const finish = (result: { ok: boolean; error?: string }): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs);
    socket.once('connect', () => {
      finish({ ok: true });
    });
    socket.once('timeout', () => {
      finish({ ok: false, error: `no answer within ${timeoutMs} ms` });
    });
    socket.once('error', (error) => {
      finish({ ok: false, error: error.message });
    });
    socket.connect(port, host);
  });
}

/** A sleep that ends early when the signal aborts, so an interrupt never waits out a poll interval. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
