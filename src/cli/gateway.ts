/**
 * `lambda-cors gateway`: not available yet.
 */
import { EXIT_USAGE, type CliCommand } from './io.js'

export const run: CliCommand = async (_args, io) => {
  io.stderr('lambda-cors gateway: not available in this version.\n')
  return EXIT_USAGE
}
