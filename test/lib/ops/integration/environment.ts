import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { motoLogTail } from '../../../helpers/moto';
import { STATE_VARIABLE, motoState } from './state';

/** The node environment, showing moto_server's latest output under each failing test. */
export default class MotoEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name !== 'test_fn_failure' || process.env[STATE_VARIABLE] === undefined) return;
    const { logFile } = motoState();
    process.stderr.write(
      `\nmoto_server output (${logFile}), last lines, for "${event.test.name}":\n${motoLogTail(logFile)}\n`,
    );
  }
}
