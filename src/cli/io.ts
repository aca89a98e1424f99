/**
 * The command line's view of the outside world, passed in so that every
 * command can be run by tests without a process of its own.
 */
export interface CliIo {
  /** Writes report text (no newline added). */
  readonly stdout: (text: string) => void
  /** Writes usage and error text (no newline added). */
  readonly stderr: (text: string) => void
  /** Whether stdout is a terminal: colour is used only then. */
  readonly isTTY: boolean
  /** The environment (`NO_COLOR` turns colour off). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The working directory, for resolving file arguments. */
  readonly cwd: string
}

/** One subcommand: its arguments in, an exit code out (0 ok, 1 a finding, 2 usage or I/O error). */
export type CliCommand = (args: readonly string[], io: CliIo) => Promise<number>

/** Exit codes shared by every command. */
export const EXIT_OK = 0
export const EXIT_FINDING = 1
export const EXIT_USAGE = 2
