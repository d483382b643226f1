import { rmSync } from 'node:fs';
import type { Moto } from '../../../helpers/moto';
import { STATE_VARIABLE } from './state';

/** Stops moto_server by its PID and removes the run's directory. */
export default async function globalTeardown(): Promise<void> {
  const moto = (globalThis as { lzMoto?: Moto }).lzMoto;
  await moto?.stop();
  const file = process.env[STATE_VARIABLE];
  if (file !== undefined) rmSync(file.replace(/\/state\.json$/, ''), { recursive: true, force: true });
}
