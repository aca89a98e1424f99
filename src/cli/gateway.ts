/**
 * `lambda-cors gateway --policy <module> --format <format>`: prints the
 * gateway responses of a policy for CloudFormation, SAM, the Serverless
 * Framework or the CDK.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { GATEWAY_FORMATS, isGatewayFormat } from '../gateway/formats.js'
import { isGatewayResponseType, type GatewayResponseType } from '../gateway/response-types.js'
import { gatewayResponses, type GatewayOriginChoice } from '../gateway/responses.js'
import type { CorsOptions } from '../policy/options.js'
import { CorsConfigError } from '../policy/problems.js'
import { EXIT_OK, EXIT_USAGE, type CliCommand } from './io.js'

const USAGE = `Usage: lambda-cors gateway --policy <module> --format <format> [--gateway-origin reflect|omit] [--types <list>]

Prints API Gateway gateway responses (REST APIs) that give the errors API Gateway
answers itself the CORS headers of your policy.

Options:
  --policy <module>          a .js, .mjs or .cjs module whose default export is the CORS options
                             (for TypeScript, run the command through tsx)
  --format <format>          cloudformation | sam | serverless | cdk
  --gateway-origin <choice>  required when the allowlist is not one exact origin or '*':
                             reflect  copy the request's Origin (every site can read these errors)
                             omit     no Access-Control-Allow-Origin (browsers keep hiding them)
  --types <list>             comma-separated gateway response types (default: DEFAULT_4XX,
                             DEFAULT_5XX and the types browsers meet most)

HTTP APIs have no gateway responses: see docs/gateway.md.
`

interface GatewayArgs {
  readonly policy: string
  readonly format: keyof typeof GATEWAY_FORMATS
  readonly gatewayOrigin: GatewayOriginChoice | undefined
  readonly types: readonly GatewayResponseType[] | undefined
}

function parse(args: readonly string[]): GatewayArgs | string {
  const values = new Map<string, string>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    if (!['--policy', '--format', '--gateway-origin', '--types'].includes(name)) return `unknown argument ${JSON.stringify(arg)}`
    const value = inline ?? args[++i]
    if (value === undefined || value === '') return `${name} needs a value`
    values.set(name, value)
  }
  const policy = values.get('--policy')
  const format = values.get('--format')
  const origin = values.get('--gateway-origin')
  const types = values.get('--types')?.split(',').map((t) => t.trim().toUpperCase()).filter((t) => t !== '')
  if (policy === undefined) return '--policy is required'
  if (format === undefined || !isGatewayFormat(format)) return `--format must be one of ${Object.keys(GATEWAY_FORMATS).join(', ')}`
  if (origin !== undefined && origin !== 'reflect' && origin !== 'omit') return '--gateway-origin must be reflect or omit'
  const unknownType = types?.find((type) => !isGatewayResponseType(type))
  if (unknownType !== undefined) return `--types: ${unknownType} is not a gateway response type`
  return { policy, format, gatewayOrigin: origin, types: types as GatewayResponseType[] | undefined }
}

export const run: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE)
    return EXIT_OK
  }
  const parsed = parse(args)
  if (typeof parsed === 'string') {
    io.stderr(`lambda-cors gateway: ${parsed}.\n\n${USAGE}`)
    return EXIT_USAGE
  }
  let options: unknown
  try {
    const loaded = (await import(pathToFileURL(resolve(io.cwd, parsed.policy)).href)) as { default?: unknown }
    options = loaded.default
  } catch (error) {
    io.stderr(`lambda-cors gateway: cannot load ${parsed.policy}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`)
    return EXIT_USAGE
  }
  if (typeof options !== 'object' || options === null) {
    io.stderr(`lambda-cors gateway: ${parsed.policy} has no default export with the CORS options (export default { origins: [...] }).\n`)
    return EXIT_USAGE
  }
  try {
    const set = gatewayResponses(options as CorsOptions, {
      ...(parsed.gatewayOrigin === undefined ? {} : { gatewayOrigin: parsed.gatewayOrigin }),
      ...(parsed.types === undefined ? {} : { types: parsed.types }),
    })
    io.stdout(GATEWAY_FORMATS[parsed.format](set))
    return EXIT_OK
  } catch (error) {
    if (!(error instanceof CorsConfigError)) throw error
    // The library's message names options; the command line's names its flag.
    const text = error.message.replaceAll("gatewayOrigin: 'reflect'", '--gateway-origin reflect').replaceAll("gatewayOrigin: 'omit'", '--gateway-origin omit')
    io.stderr(`lambda-cors gateway: ${parsed.policy}: ${text}\n`)
    return EXIT_USAGE
  }
}
