/** An expected failure with a message for the user and no stack trace: the CLI exits 2 with it. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
