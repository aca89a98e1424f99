/**
 * The policy compiler: user options in, one frozen, validated policy out.
 *
 * Every header value that does not depend on the request is computed here,
 * once, so the request path only looks things up.
 */
import { frozenSet } from '../frozen-set.js'
import { staticActualHeaders, type CorsHeaderSet } from '../headers/rules.js'
import { buildOriginIndex, type OriginIndex } from '../origin/matcher.js'
import {
  FORBIDDEN_METHODS,
  FORBIDDEN_RESPONSE_HEADERS,
  NORMALIZED_METHODS,
  isForbiddenRequestHeader,
  isToken,
} from './http-grammar.js'
import {
  DEFAULT_ALLOWED_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_METHODS,
  type CorsLogger,
  type CorsOptions,
} from './options.js'
import { ProblemList } from './problems.js'
import { codeList, splitList, withoutListsInStrings } from './list-in-a-string.js'
import { readCacheControl } from './cache-control.js'

/**
 * A validated, immutable CORS policy, as built by {@link compilePolicy}.
 * Header values are precomputed strings.
 */
export interface CorsPolicy {
  /** The indexed allowlist. */
  readonly origins: OriginIndex
  /** `origins: '*'` without credentials: every response gets `Access-Control-Allow-Origin: *` and no `Vary`. */
  readonly anyOrigin: boolean
  readonly credentials: boolean
  /** Allowed methods, normalised; matched case-sensitively. Empty when any method is allowed. */
  readonly methods: ReadonlySet<string>
  /** Any method is allowed (`methods: '*'`). */
  readonly anyMethod: boolean
  /** Allowed request header names, lower-case. Empty when any header is allowed. */
  readonly allowedHeaders: ReadonlySet<string>
  /** Any request header is allowed (`allowedHeaders: '*'`). */
  readonly anyHeader: boolean
  /** With credentials and `'*'`: echo the preflight's request instead of a literal `*`. */
  readonly mirrorMethods: boolean
  readonly mirrorHeaders: boolean
  /** `Access-Control-Allow-Methods` value of a preflight answer (unless mirrored). */
  readonly allowMethodsValue: string
  /** `Access-Control-Allow-Headers` value of a preflight answer (unless mirrored); `''` for none. */
  readonly allowHeadersValue: string
  /** `Access-Control-Expose-Headers` value, or `undefined` for none. */
  readonly exposeHeadersValue: string | undefined
  /** The headers of every actual response when `anyOrigin`: `*` (and Expose-Headers), no Vary. */
  readonly staticActualHeaders: CorsHeaderSet
  /** `Access-Control-Max-Age` value, or `undefined` to omit the header. */
  readonly maxAgeValue: string | undefined
  /**
   * Longest `Access-Control-Request-Headers` (all values together) worth
   * reading: longer ones cannot consist of allowed names, so they are refused
   * without being parsed.
   */
  readonly requestHeadersBudget: number
  readonly privateNetwork: boolean
  readonly optionsSuccessStatus: number
  /** `Cache-Control` value of the preflight answers lambda-cors writes, or `undefined` for none. */
  readonly preflightCacheControl: string | undefined
  readonly preflightContinue: boolean
  readonly logger: CorsLogger | undefined
}

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'origins', 'credentials', 'methods', 'allowedHeaders', 'exposedHeaders', 'maxAge', 'privateNetwork',
  'optionsSuccessStatus', 'preflightContinue', 'cacheControl', 'logger', 'dangerouslyAllowNullOrigin',
  'dangerouslyAllowInsecureOriginsWithCredentials', 'dangerouslyMirrorPreflightWithCredentials',
])

/** Names other CORS libraries use (@middy/http-cors, expressjs/cors, hono, ...), and what they are called here. */
const RENAMED_OPTIONS: Readonly<Record<string, string>> = {
  origin: 'origins', allowOrigins: 'origins', allowedOrigins: 'origins', allowOrigin: 'origins',
  headers: 'allowedHeaders', allowHeaders: 'allowedHeaders', requestHeaders: 'allowedHeaders',
  exposeHeaders: 'exposedHeaders', exposedHeader: 'exposedHeaders', responseHeaders: 'exposedHeaders',
  allowMethods: 'methods', requestMethods: 'methods', allowCredentials: 'credentials', maxAgeSeconds: 'maxAge',
  allowPrivateNetwork: 'privateNetwork', preflightMaxAge: 'maxAge',
}

/** Options of other libraries that have no one-word equivalent here: why, and what to do. */
const EXPLAINED_OPTIONS: Readonly<Record<string, (value: unknown) => string>> = {
  // @middy/http-cors: true (its default) lets preflights reach the handler.
  disableBeforePreflightResponse: (value) => value === false
    ? 'remove it: lambda-cors answers preflights before the handler by default (preflightContinue: false).'
    : value === true ? 'call it preflightContinue: true.' : 'call it preflightContinue.',
  getOrigin: () => 'remove it and say which origins are allowed in origins: exact origins, patterns such as \'https://*.example.com\', or a predicate (origin, event) => boolean; lambda-cors writes the header.',
  vary: () => 'remove it: lambda-cors adds Vary: Origin whenever the answer depends on the origin and merges it into any Vary your handler returns; set other Vary values in the handler\'s response.',
  optionsSuccessStatusCode: () => 'call it optionsSuccessStatus.',
}

/** `*` is a token, so inside a list it would pass as a name that browsers read as a wildcard. */
const WILDCARD_IN_LIST = "'*' inside a list is ambiguous: browsers read it as a wildcard without credentials and as a literal name with them."

/** With `allowedHeaders: '*'`, the longest request-header list read (Chromium sends far less). */
const MAX_MIRRORED_REQUEST_HEADERS_LENGTH = 4096
/** Room for spaces and a few empty elements, which fetch never sends but proxies may add. */
const REQUEST_HEADERS_SLACK = 128

/**
 * Validates `options` and returns the frozen policy the middleware and the
 * preflight handler use.
 *
 * @throws {@link CorsConfigError} listing every problem at once.
 */
export function compilePolicy<TEvent = unknown>(options: CorsOptions<TEvent>): CorsPolicy {
  const problems = new ProblemList()
  if (typeof options !== 'object' || options === null) {
    problems.add('options', options, 'the CORS options must be an object.', "pass { origins: ['https://app.example.com'] }.")
    problems.throwIfAny()
  }
  for (const key of Object.keys(options)) {
    if (KNOWN_OPTIONS.has(key)) continue
    const value = (options as unknown as Record<string, unknown>)[key]
    problems.add(key, value, 'this is not an option of lambda-cors.', fixForUnknownOption(key, value))
  }

  const credentials = readBoolean(options, 'credentials', problems)
  const dangerouslyAllowNullOrigin = readBoolean(options, 'dangerouslyAllowNullOrigin', problems)
  const dangerouslyAllowInsecureOriginsWithCredentials = readBoolean(options, 'dangerouslyAllowInsecureOriginsWithCredentials', problems)
  const mirror = readBoolean(options, 'dangerouslyMirrorPreflightWithCredentials', problems)

  const patternContext = { credentials, dangerouslyAllowNullOrigin, dangerouslyAllowInsecureOriginsWithCredentials }
  if (options.origins === undefined) {
    problems.add('origins', undefined, 'there is no default allowlist, so that no API is opened by accident.',
      "list the front ends that may call this API: origins: ['https://app.example.com'].")
  }
  // A list or an empty string where one origin belongs (an environment
  // variable passed as it is) is reported here, once, with its real fix.
  const allowlist = withoutListsInStrings(options.origins, 'origins', problems)
  // A missing allowlist is one problem, reported above; the index is then unused.
  const origins = buildOriginIndex(allowlist === undefined ? '*' : allowlist, 'origins',
    // Stryker disable next-line ObjectLiteral: equivalent, for the stand-in '*' only credentials matters, and a missing flag reads as false
    allowlist === undefined ? { ...patternContext, credentials: false } : patternContext, problems)

  const methods = readMethods(options.methods, credentials, mirror, problems)
  const headers = readHeaderList(options.allowedHeaders, DEFAULT_ALLOWED_HEADERS, 'allowedHeaders', credentials, mirror, problems)
  // Stryker disable next-line BooleanLiteral: equivalent, '*' in exposedHeaders with credentials is refused before the mirror opt-in is looked at
  const exposed = readHeaderList(options.exposedHeaders, [], 'exposedHeaders', credentials, false, problems)
  const maxAge = readMaxAge(options.maxAge, problems)
  const optionsSuccessStatus = readStatus(options.optionsSuccessStatus, problems)
  const privateNetwork = readBoolean(options, 'privateNetwork', problems)
  const preflightContinue = readBoolean(options, 'preflightContinue', problems)
  const preflightCacheControl = readCacheControl(options.cacheControl, problems)
  if (options.logger !== undefined && typeof options.logger !== 'function') {
    problems.add('logger', options.logger, 'the logger must be a function that receives a refusal record.', 'pass (refusal) => console.warn(refusal), or leave it out.')
  }
  problems.throwIfAny()

  const headerNames = headers === '*' ? [] : headers
  const exposeHeadersValue = exposed === '*' ? '*' : exposed.length === 0 ? undefined : exposed.join(', ')
  return Object.freeze({
    origins,
    anyOrigin: origins.any && !credentials,
    credentials,
    methods: frozenSet(methods === '*' ? [] : methods),
    anyMethod: methods === '*',
    allowedHeaders: frozenSet(headerNames.map((name) => name.toLowerCase())),
    anyHeader: headers === '*',
    mirrorMethods: methods === '*' && credentials,
    mirrorHeaders: headers === '*' && credentials,
    allowMethodsValue: methods === '*' ? '*' : methods.join(', '),
    // Fetch never lets the `*` wildcard cover Authorization, so name it too.
    allowHeadersValue: headers === '*' ? '*, Authorization' : headers.join(', '),
    exposeHeadersValue,
    staticActualHeaders: staticActualHeaders(exposeHeadersValue),
    maxAgeValue: maxAge === -1 ? undefined : String(maxAge),
    requestHeadersBudget: headers === '*'
      ? MAX_MIRRORED_REQUEST_HEADERS_LENGTH
      : headerNames.reduce((sum, name) => sum + name.length + 2, REQUEST_HEADERS_SLACK),
    privateNetwork,
    optionsSuccessStatus,
    preflightCacheControl,
    preflightContinue,
    logger: options.logger,
  })
}

type BooleanOption = 'credentials' | 'privateNetwork' | 'preflightContinue' | 'dangerouslyAllowNullOrigin'
  | 'dangerouslyAllowInsecureOriginsWithCredentials' | 'dangerouslyMirrorPreflightWithCredentials'

function readBoolean(options: CorsOptions<never>, name: BooleanOption, problems: ProblemList): boolean {
  const value: unknown = options[name]
  if (value === undefined) return false
  if (typeof value !== 'boolean') {
    const meant = value === 'true' || value === 1 ? 'true' : value === 'false' || value === 0 ? 'false' : 'true or false'
    problems.add(name, value, `${name} must be true or false.`, `write ${name}: ${meant}.`)
    return false
  }
  return value
}

function readMethods(value: unknown, credentials: boolean, mirror: boolean, problems: ProblemList): string[] | '*' {
  if (value === undefined) return [...DEFAULT_METHODS]
  if (value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*')) {
    if (credentials && !mirror) {
      problems.add('methods', value, "with credentials, browsers read '*' as a method literally named '*', so no method would be allowed.",
        "list the methods, for example ['GET', 'POST'], or set dangerouslyMirrorPreflightWithCredentials: true.")
    }
    return '*'
  }
  if (!Array.isArray(value)) {
    problems.add('methods', value, 'methods must be a list of method names or \'*\'.', `write methods: ${listFix(value, ['GET', 'POST'], (method) => method.toUpperCase())}.`)
    // Stryker disable next-line ArrayDeclaration: equivalent, a problem was added, so the list is never used
    return []
  }
  const methods: string[] = []
  value.forEach((method: unknown, i) => {
    const option = `methods[${i}]`
    if (method === '*') {
      problems.add(option, method, WILDCARD_IN_LIST, "write methods: '*' alone, or list only method names.")
      return
    }
    if (typeof method !== 'string' || !isToken(method)) {
      problems.add(option, method, 'a method must be an HTTP token (letters, digits and !#$%&\'*+-.^_`|~).', "write a method name such as 'PATCH'.")
      return
    }
    const upper = method.toUpperCase()
    if (FORBIDDEN_METHODS.has(upper)) {
      problems.add(option, method, `browsers never send ${upper} from script (a forbidden method in the Fetch standard), and TRACE/TRACK enable cross-site tracing.`, 'remove it.')
      return
    }
    // fetch upper-cases these six; any other method is sent exactly as written,
    // and pages write PATCH in upper case: a lower-case 'patch' here would
    // make every PATCH preflight fail.
    if (!NORMALIZED_METHODS.has(upper) && method !== upper) {
      problems.add(option, method, `browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT, and match other methods case-sensitively: '${method}' would not allow a '${upper}' request.`,
        `write '${upper}'.`)
      return
    }
    const normalized = NORMALIZED_METHODS.has(upper) ? upper : method
    if (!methods.includes(normalized)) methods.push(normalized)
  })
  return methods
}

function readHeaderList(
  value: unknown,
  defaults: readonly string[],
  option: 'allowedHeaders' | 'exposedHeaders',
  credentials: boolean,
  mirror: boolean,
  problems: ProblemList,
): string[] | '*' {
  if (value === undefined) return [...defaults]
  if (value === '*' || (Array.isArray(value) && value.length === 1 && value[0] === '*')) {
    if (credentials && option === 'exposedHeaders') {
      problems.add(option, value, "with credentials, browsers read '*' as a header literally named '*', so nothing would be exposed.",
        "list the headers script may read, for example ['X-Request-Id'].")
    } else if (credentials && !mirror) {
      problems.add(option, value, "with credentials, browsers read '*' as a header literally named '*', so no header would be allowed.",
        "list the headers, for example ['Content-Type', 'Authorization'], or set dangerouslyMirrorPreflightWithCredentials: true.")
    }
    return '*'
  }
  if (!Array.isArray(value)) {
    const example = option === 'allowedHeaders' ? ['Content-Type', 'Authorization'] : ['X-Request-Id']
    problems.add(option, value, `${option} must be a list of header names or '*'.`, `write ${option}: ${listFix(value, example, (name) => name)}.`)
    // Stryker disable next-line ArrayDeclaration: equivalent, a problem was added, so the list is never used
    return []
  }
  const names: string[] = []
  const seen = new Set<string>()
  value.forEach((name: unknown, i) => {
    const path = `${option}[${i}]`
    if (name === '*') {
      problems.add(path, name, WILDCARD_IN_LIST, `write ${option}: '*' alone, or list only header names.`)
      return
    }
    if (typeof name !== 'string' || !isToken(name)) {
      problems.add(path, name, 'a header name must be an HTTP token (letters, digits and !#$%&\'*+-.^_`|~, no spaces or colons).', "write a name such as 'X-Request-Id'.")
      return
    }
    const lower = name.toLowerCase()
    if (option === 'allowedHeaders' && isForbiddenRequestHeader(lower)) {
      problems.add(path, name, 'browsers never let script set this header (a forbidden request-header in the Fetch standard), so allowing it has no effect.', 'remove it.')
      return
    }
    if (option === 'exposedHeaders' && FORBIDDEN_RESPONSE_HEADERS.has(lower)) {
      problems.add(path, name, 'browsers never let script read Set-Cookie, whatever the server says.', 'remove it; cookies reach the browser without being exposed.')
      return
    }
    if (!seen.has(lower)) {
      seen.add(lower)
      names.push(name)
    }
  })
  return names
}

function readMaxAge(value: unknown, problems: ProblemList): number {
  if (value === undefined) return DEFAULT_MAX_AGE
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isInteger is false for every non-number
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -1 || value > 86400) {
    const seconds = maxAgeInString(value)
    problems.add('maxAge', value, 'maxAge must be a whole number of seconds from -1 to 86400 (Chromium caps at 7200 and Safari at 600).',
      seconds === undefined ? 'write maxAge: 600, or -1 to leave the header out.' : `write maxAge: ${seconds}, a number, not a string.`)
    return DEFAULT_MAX_AGE
  }
  return value
}

/** The valid maxAge a string of digits stands for (`'600'`, as an environment variable holds it), or `undefined`. */
function maxAgeInString(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return undefined
  const seconds = Number(value)
  return seconds <= 86400 ? seconds : undefined
}

function readStatus(value: unknown, problems: ProblemList): number {
  if (value === undefined) return 204
  // Stryker disable next-line ConditionalExpression: equivalent, Number.isInteger is false for every non-number
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 200 || value > 299) {
    problems.add('optionsSuccessStatus', value, 'a preflight answer must have a 2xx status, or the browser fails the preflight.',
      'write optionsSuccessStatus: 204 (or 200 for old clients).')
    return 204
  }
  return value
}

/** The fix for an option lambda-cors does not have: its name here, or what to do instead. */
function fixForUnknownOption(key: string, value: unknown): string {
  if (Object.hasOwn(EXPLAINED_OPTIONS, key)) return (EXPLAINED_OPTIONS[key] as (value: unknown) => string)(value)
  const renamed = Object.hasOwn(RENAMED_OPTIONS, key) ? RENAMED_OPTIONS[key] : undefined
  if (renamed === undefined) return 'remove it; docs/options.md lists every option.'
  // @middy/http-cors takes comma-separated strings where lambda-cors takes lists.
  if ((renamed === 'allowedHeaders' || renamed === 'exposedHeaders' || renamed === 'methods') && typeof value === 'string' && value.trim() !== '*') {
    const items = splitList(value)
    if (items.length > 0) return `call it ${renamed}, as a list: ${renamed}: ${codeList(items)}.`
  }
  const seconds = renamed === 'maxAge' ? maxAgeInString(value) : undefined
  if (seconds !== undefined) return `call it maxAge, as a number: maxAge: ${seconds}.`
  return `call it ${renamed}.`
}

/**
 * The list a comma-separated string stands for (`'GET,POST'` becomes
 * `['GET', 'POST']`), or `example` when the value is not such a string.
 */
function listFix(value: unknown, example: readonly string[], normalize: (item: string) => string): string {
  const items = typeof value === 'string' ? splitList(value).map(normalize) : []
  return codeList(items.length > 0 ? items : example)
}
