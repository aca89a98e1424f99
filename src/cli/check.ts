/**
 * `lambda-cors check <url>`: argument parsing and printing. The requests
 * and the verdict are the doctor's (src/doctor/check.ts).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { checkUrl } from '../doctor/check.js'
import { formatReport, paint } from './check-report.js'
import { EXIT_FINDING, EXIT_OK, EXIT_USAGE, type CliCommand } from './io.js'
import { loadPolicyModule } from './policy-module.js'

const USAGE = `Usage: lambda-cors check <url> --origin <origin> [options]

Sends what a browser sends (the preflight when one is needed, then the
request) and says what the browser decides, and why.

Options:
  --origin <origin>         the page's origin, e.g. https://app.example.com (required)
  --method <method>         the request method (default GET)
  --header 'Name: value'    a request header page script sets (repeatable)
  --credentials             the request is made with credentials: 'include'
  --policy <module>         a module whose default export is the cors() options:
                            report where the deployed answers differ (drift)
  --json                    print the result as JSON (the shape explain() returns)
  --ca <file>               trust the certificate authorities in this PEM file instead of
                            Node's built-in list (an API behind a private CA)
  --insecure                accept self-signed TLS certificates (also LAMBDA_CORS_INSECURE=1)
  --connect-to <host:port>  connect there instead of the URL's host (keeps Host and TLS name)
  --timeout <ms>            give up on a request after this long (default 10000)

Exit code: 0 the browser allows the request, 1 it blocks it, 2 usage or network error.
`

function parseHeader(line: string): [string, string] | undefined {
  const colon = line.indexOf(':')
  if (colon <= 0) return undefined
  const name = line.slice(0, colon).trim()
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) ? [name, line.slice(colon + 1).trim()] : undefined
}

export const run: CliCommand = async (args, io) => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        origin: { type: 'string' },
        method: { type: 'string', default: 'GET' },
        header: { type: 'string', short: 'H', multiple: true, default: [] },
        credentials: { type: 'boolean', default: false },
        policy: { type: 'string' },
        json: { type: 'boolean', default: false },
        ca: { type: 'string' },
        insecure: { type: 'boolean', default: false },
        'connect-to': { type: 'string' },
        timeout: { type: 'string', default: '10000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    io.stderr(`lambda-cors check: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return EXIT_USAGE
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout(USAGE)
    return EXIT_OK
  }
  const usage = (problem: string): number => {
    io.stderr(`lambda-cors check: ${problem}\n\n${USAGE}`)
    return EXIT_USAGE
  }
  const [url, ...extra] = positionals
  if (url === undefined) return usage('the URL to check is missing')
  if (extra.length > 0) return usage(`one URL only, got also ${extra.join(' ')}`)
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) return usage(`${url} is not an http: or https: URL`)
  if (values.origin === undefined) return usage('--origin is required: the origin of the page that makes the request')
  const headers: Record<string, string> = {}
  for (const line of values.header) {
    const header = parseHeader(line)
    if (header === undefined) return usage(`--header ${JSON.stringify(line)} is not 'Name: value'`)
    headers[header[0]] = header[1]
  }
  const timeoutMs = Number(values.timeout)
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return usage(`--timeout ${values.timeout} is not a positive number of milliseconds`)

  const insecure = values.insecure || io.env.LAMBDA_CORS_INSECURE === '1'
  if (insecure && values.ca !== undefined) return usage('--ca and --insecure contradict each other: --ca verifies the certificate against those authorities, --insecure does not verify it')
  let ca: string | undefined
  if (values.ca !== undefined) {
    try {
      ca = await readFile(resolve(io.cwd, values.ca), 'utf8')
    } catch (error) {
      return usage(`--ca ${values.ca} cannot be read: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) return usage(`--ca ${values.ca} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`)
  }
  const request = { url, origin: values.origin, method: values.method, headers, credentials: values.credentials }
  let result
  try {
    const policy = values.policy === undefined ? undefined : await loadPolicyModule(values.policy, io.cwd)
    result = await checkUrl(request, {
      rejectUnauthorized: !insecure,
      ca,
      timeoutMs,
      connectTo: values['connect-to'],
      policy,
    })
  } catch (error) {
    io.stderr(`lambda-cors check: ${error instanceof Error ? error.message : String(error)}\n`)
    return EXIT_USAGE
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`)
  } else {
    const colour = io.isTTY && (io.env.NO_COLOR ?? '') === ''
    io.stdout(formatReport({ url, origin: values.origin, method: values.method, credentials: values.credentials }, result, paint(colour)))
  }
  return result.verdict === 'allowed' ? EXIT_OK : EXIT_FINDING
}
