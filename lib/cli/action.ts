import type { Command } from 'commander';
import { ConfigValidationError } from '../config/diagnostics';
import type { CliContext } from './context';
import { EXIT, InputError, errorMessage, failure, type CommandOutput } from './output';

/**
 * Wraps a command's work so that every expected failure becomes a message and exit 2, never a
 * stack trace: an invalid configuration or plan, an unreadable input. Anything else is a bug and
 * is reported as one (with its stack when LZ_DEBUG is set).
 */
export function action<O>(
  ctx: CliContext,
  run: (options: O, command: Command) => CommandOutput | Promise<CommandOutput>,
): (options: O, command: Command) => Promise<void> {
  return async (options, command) => {
    ctx.emit(await outcome(ctx, command, () => run(options, command)));
  };
}

async function outcome(
  ctx: CliContext,
  command: Command,
  run: () => CommandOutput | Promise<CommandOutput>,
): Promise<CommandOutput> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigValidationError || error instanceof InputError) {
      return failure(error.message);
    }
    const name = commandPath(command);
    const detail = ctx.debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
    return failure(
      `${name}: unexpected error: ${errorMessage(error)}${detail}\n` +
        (ctx.debug ? '' : 'Run again with LZ_DEBUG=1 for the stack trace, and report it as a bug.\n'),
      EXIT.cannotRun,
    );
  }
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) {
    names.unshift(c.name());
  }
  return names.join(' ');
}
