#!/usr/bin/env node
/**
 * The `lambda-cors` command: picks a subcommand and hands it the arguments.
 * Every decision is made by the modules below; this file only dispatches.
 */
import process from 'node:process'
import { EXIT_USAGE, type CliCommand, type CliIo } from './io.js'

const COMMANDS: Readonly<Record<string, () => Promise<{ run: CliCommand }>>> = {
  check: () => import('./check.js'),
  gateway: () => import('./gateway.js'),
  lint: () => import('./lint.js'),
}

const USAGE = `Usage: lambda-cors <command> [options]

Commands:
  check <url> --origin <origin>   what a browser decides about a request to a deployed URL
  gateway --policy <module>       gateway responses and settings generated from a policy
  lint <template>                 CORS conflicts in a Serverless Framework or SAM template

Run 'lambda-cors <command> --help' for a command's options.
`

/** Runs the command line with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    ;(name === undefined ? io.stderr : io.stdout)(USAGE)
    return name === undefined ? EXIT_USAGE : 0
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (load === undefined) {
    io.stderr(`lambda-cors: unknown command ${JSON.stringify(name)}.\n\n${USAGE}`)
    return EXIT_USAGE
  }
  const command = await load()
  return command.run(rest, io)
}

/** The process edge: real streams and environment. */
function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  }
}

// Run only when executed, not when imported by tests.
const invokedAs = process.argv[1]
if (invokedAs !== undefined && /(?:^|[\\/])(?:main\.[cm]?[jt]s|lambda-cors)$/.test(invokedAs)) {
  main(process.argv.slice(2), processIo()).then(
    (code) => { process.exitCode = code },
    (error: unknown) => {
      process.stderr.write(`lambda-cors: ${error instanceof Error ? error.message : String(error)}\n`)
      process.exitCode = EXIT_USAGE
    },
  )
}
