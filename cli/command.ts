/** A CLI command: takes the arguments after its name, resolves to the exit status. */
export type Command = (args: string[]) => Promise<number>;

export const EXIT_OK = 0;
/** Invalid input: an invalid schedule, a config with errors, a failed job run. */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}
