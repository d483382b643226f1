import { closest } from './schema-walk';

/**
 * The one message for a reference to a name that does not exist, in the configuration and in the
 * wave files: `unknown account "prodution" (did you mean "production"?)`, or, when no name is
 * close, the names there are (`accounts: network, production`) or what the caller says instead.
 */
export function unknownName(
  what: string,
  name: string,
  known: Iterable<string>,
  /** Said when nothing is close. @default the list of names, labelled `<what>s` */
  otherwise?: string,
): string {
  const names = [...known];
  const suggestion = closest(name, names);
  if (suggestion !== undefined) {
    return `unknown ${what} "${name}" (did you mean "${suggestion}"?)`;
  }
  return `unknown ${what} "${name}" (${otherwise ?? `${what}s: ${names.join(', ') || 'none'}`})`;
}
