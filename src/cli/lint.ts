/**
 * `lambda-cors lint <serverless.yml | template.yaml> [--json]`: reports the
 * CORS traps of a Serverless Framework or SAM/CloudFormation template.
 * Exit code 0 when clean, 1 when something is reported, 2 when the file
 * cannot be read.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { lintTemplate, TemplateReadError, type LintReport } from '../gateway/lint/index.js'
import { EXIT_FINDING, EXIT_OK, EXIT_USAGE, type CliCommand } from './io.js'

const USAGE = `Usage: lambda-cors lint <serverless.yml | template.yaml> [--json]

Reports CORS traps in a Serverless Framework or AWS SAM / CloudFormation template:
  gateway-cors-conflict       the gateway's own CORS is on where the function answers CORS
  options-behind-authorizer   preflights (sent without credentials) reach an authorizer
  missing-gateway-responses   a REST API's own 4xx and 5xx errors carry no CORS headers
  missing-options-route       a route browsers preflight has no OPTIONS method or catch-all

Options:
  --json   print the report as JSON

Exit code: 0 clean, 1 findings, 2 unreadable input.
`

const TOOLS: Record<LintReport['tool'], string> = {
  serverless: 'Serverless Framework',
  sam: 'AWS SAM',
  cloudformation: 'CloudFormation',
}

export const run: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE)
    return EXIT_OK
  }
  const json = args.includes('--json')
  const files = args.filter((arg) => arg !== '--json')
  const unknown = files.filter((arg) => arg.startsWith('-'))
  if (files.length !== 1 || unknown.length > 0) {
    io.stderr(`lambda-cors lint: ${unknown.length > 0 ? `unknown option ${unknown[0]}` : 'give one template file'}.\n\n${USAGE}`)
    return EXIT_USAGE
  }
  const file = files[0] as string
  let report: LintReport
  try {
    report = lintTemplate(await readFile(resolve(io.cwd, file), 'utf8'))
  } catch (error) {
    const position = error instanceof TemplateReadError && error.at !== undefined ? `:${error.at.line}:${error.at.column}` : ''
    const message = error instanceof TemplateReadError ? error.message
      : (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file'
      : error instanceof Error ? error.message : String(error)
    if (json) io.stdout(`${JSON.stringify({ file, error: message, ...(error instanceof TemplateReadError && error.at !== undefined ? error.at : {}) }, null, 2)}\n`)
    io.stderr(`lambda-cors lint: ${file}${position}: ${message}\n`)
    return EXIT_USAGE
  }

  if (json) {
    io.stdout(`${JSON.stringify({ file, tool: report.tool, findings: report.findings }, null, 2)}\n`)
  } else {
    const colour = io.isTTY && io.env.NO_COLOR === undefined
    const code = (text: string) => (colour ? `\u001b[1;33m${text}\u001b[0m` : text)
    for (const f of report.findings) {
      io.stdout(`${file}:${f.line}:${f.column}  ${code(f.code)}\n  ${f.reason}\n  fix: ${f.fix}\n\n`)
    }
    const count = report.findings.length
    io.stdout(count === 0
      ? `${file}: no CORS traps found (${TOOLS[report.tool]}).\n`
      : `${file}: ${count === 1 ? '1 finding' : `${count} findings`} (${TOOLS[report.tool]}).\n`)
  }
  return report.findings.length === 0 ? EXIT_OK : EXIT_FINDING
}
