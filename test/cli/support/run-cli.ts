import { main } from '../../../src/cli/main.js'
// main() imports each subcommand when it runs. Import them here, when the test
// file is collected, so that the library modules they load (the doctor, the
// browser model, the gateway tools) are not first loaded inside a test: with
// one module graph for all files, Stryker would count their module-level
// constants as covered by that test instead of static, and list them as
// survivors that no test can kill (docs/testing.md, "Mutation testing").
import '../../../src/cli/check.js'
import '../../../src/cli/gateway.js'
import '../../../src/cli/lint.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs `lambda-cors ...args` in-process with captured output. */
export async function runCli(args: string[], options: { isTTY?: boolean; env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, {
    stdout: (text) => { stdout += text },
    stderr: (text) => { stderr += text },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  })
  return { code, stdout, stderr }
}
