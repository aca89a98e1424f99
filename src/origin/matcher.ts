/**
 * The origin matcher: rules indexed at configuration time, one request origin
 * answered with a few hash look-ups.
 *
 * Exact origins, port wildcards and subdomain wildcards live in sets, so their
 * cost does not grow with the allowlist. Globs, RegExps and predicates are
 * tried in order after the look-ups, each at most once.
 */
import { frozenMap, frozenSet } from '../frozen-set.js'
import { ProblemList } from '../policy/problems.js'
import { parseSerializedOrigin } from './serialized-origin.js'
import {
  parseOriginPattern,
  type OriginPattern,
  type OriginPredicate,
  type OriginRule,
  type PatternContext,
  type PortRule,
  type SyncOriginPredicate,
} from './pattern.js'
import type { OriginGlob } from './glob-pattern.js'
import { globSubject } from './glob.js'

/** Options of {@link createOriginMatcher}. */
export interface OriginMatcherOptions {
  /**
   * Validate the patterns for a credentialed policy: refuses `'*'` and
   * plain-http origins other than loopback. Default `false`.
   */
  readonly credentials?: boolean
  /** Allow the opaque origin `'null'` when it is listed. Dangerous: see docs/security.md. */
  readonly dangerouslyAllowNullOrigin?: boolean
  /** Accept plain-http, non-loopback origins with credentials. Dangerous: see docs/security.md. */
  readonly dangerouslyAllowInsecureOriginsWithCredentials?: boolean
}

/** The scheme and port rule of one subdomain wildcard under a suffix. */
export interface SubdomainRule {
  readonly scheme: string
  readonly port: PortRule
}

/** The allowlist, indexed for look-ups. Immutable once built. */
export interface OriginIndex {
  /** `'*'` was listed: every valid serialized origin matches. */
  readonly any: boolean
  /** `'null'` was listed with the dangerous opt-in. */
  readonly allowsNull: boolean
  readonly exact: ReadonlySet<string>
  /** Host of each `scheme://host:*` pattern, with the schemes it is listed for. */
  readonly anyPort: ReadonlyMap<string, readonly string[]>
  /**
   * Suffix of each `scheme://*.suffix[:port]` pattern, with the schemes and
   * port rules it is listed for. Keyed by the bare suffix so that a request
   * looks up a slice of its own host, without building a key.
   */
  readonly subdomains: ReadonlyMap<string, readonly SubdomainRule[]>
  /** Label counts of the wildcard suffixes: only these suffixes of a host are looked up. */
  readonly suffixDepths: readonly number[]
  readonly globs: readonly { readonly scheme: string; readonly host: RegExp; readonly port: PortRule }[]
  readonly regexps: readonly RegExp[]
  readonly predicates: readonly OriginPredicate<never>[]
}

/**
 * Parses and validates `patterns`, collecting every problem into `problems`,
 * and indexes what is valid.
 */
export function buildOriginIndex(
  allowlist: unknown,
  option: string,
  context: PatternContext,
  problems: ProblemList,
): OriginIndex {
  const patterns: readonly unknown[] = Array.isArray(allowlist) ? allowlist : [allowlist]
  if (patterns.length === 0) {
    problems.add(option, allowlist, 'an empty allowlist allows nothing.', "list at least one origin, such as 'https://app.example.com'.")
  }
  const rules: OriginRule[] = patterns.flatMap((pattern, i) =>
    parseOriginPattern(pattern, Array.isArray(allowlist) ? `${option}[${i}]` : option, context, problems))
  const any = rules.some((rule) => rule.kind === 'any')
  if (any && patterns.length > 1) {
    problems.add(option, patterns, "'*' allows every origin, so the other entries have no effect and suggest a mistake.",
      "use '*' alone, or list only the origins that should be allowed.")
  }
  const exact = new Set<string>()
  const anyPort = new Map<string, string[]>()
  const subdomains = new Map<string, SubdomainRule[]>()
  const depths = new Set<number>()
  const globs: { scheme: string; host: RegExp; port: PortRule }[] = []
  const regexps: RegExp[] = []
  const predicates: OriginPredicate<never>[] = []
  for (const rule of rules) {
    switch (rule.kind) {
      case 'exact': exact.add(rule.origin); break
      case 'any-port': {
        const [scheme, host] = rule.schemeHost.split('://') as [string, string]
        listIn(anyPort, host).push(scheme)
        break
      }
      case 'subdomains':
        depths.add(rule.suffix.split('.').length)
        listIn(subdomains, rule.suffix).push({ scheme: rule.scheme, port: rule.port })
        break
      case 'glob': globs.push(rule); break
      case 'regexp': regexps.push(rule.regexp); break
      case 'predicate': predicates.push(rule.predicate); break
      // 'any' and 'null' are read from `rules` below.
    }
  }
  return Object.freeze({
    any,
    allowsNull: rules.some((rule) => rule.kind === 'null'),
    exact: frozenSet(exact),
    anyPort: frozenMap(anyPort),
    subdomains: frozenMap(subdomains),
    suffixDepths: Object.freeze([...depths].sort((a, b) => a - b)),
    globs: Object.freeze(globs), regexps: Object.freeze(regexps), predicates: Object.freeze(predicates),
  })
}

function listIn<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key)
  if (list === undefined) map.set(key, (list = []))
  return list
}

/**
 * What the static rules say of an origin, before any predicate runs:
 * `allowed` (a rule matches), `not-allowed` (a valid origin no rule matches,
 * and no predicate to ask), `invalid` (not a serialized origin a browser would
 * send: never allowed, never reflected), `ask-predicates` (the predicates decide).
 */
export type StaticMatch = 'allowed' | 'not-allowed' | 'invalid' | 'ask-predicates'

/** Matches an origin against every rule except the predicates. */
export function matchStatic(index: OriginIndex, origin: string): StaticMatch {
  // `null` never reaches a predicate: it is allowed only by the explicit opt-in.
  if (origin === 'null') return index.allowsNull ? 'allowed' : 'not-allowed'
  // The exact set holds only valid, normalised origins: a hit needs no parsing.
  if (index.exact.has(origin)) return 'allowed'
  const parsed = parseSerializedOrigin(origin)
  if (parsed === undefined) return 'invalid'
  if (index.any) return 'allowed'
  const { scheme, host, port } = parsed
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the size check only saves a look-up in an empty map, which finds nothing
  if (index.anyPort.size > 0 && index.anyPort.get(host)?.includes(scheme) === true) return 'allowed'
  // An IPv6 host has no dot (the serialized form never embeds IPv4), so matchSubdomains refuses it at once.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with no suffix depth matchSubdomains loops zero times and returns false; the check only saves the call
  if (index.suffixDepths.length > 0 && matchSubdomains(index, scheme, host, port)) return 'allowed'
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with no glob the loop below runs zero times; the check only saves building the subject string
  if (index.globs.length > 0) {
    const hostPath = globSubject(host)
    for (const glob of index.globs) {
      if (glob.scheme === scheme && portMatches(glob.port, port) && glob.host.test(hostPath)) return 'allowed'
    }
  }
  for (const regexp of index.regexps) if (regexp.test(origin)) return 'allowed'
  return index.predicates.length > 0 ? 'ask-predicates' : 'not-allowed'
}

/** Looks up the host's suffix of each configured depth: one look-up per depth. */
function matchSubdomains(index: OriginIndex, scheme: string, host: string, port: string): boolean {
  let depth = 0
  let position = host.length
  for (const wanted of index.suffixDepths) {
    // Walk left from the end of the host to the dot before the wanted suffix.
    while (depth < wanted) {
      position = host.lastIndexOf('.', position - 1)
      // Stryker disable next-line EqualityOperator: equivalent, a serialized origin's host never starts with a dot, so position is never 0
      if (position <= 0) return false // the host has no label left for the `*`
      depth++
    }
    const rules = index.subdomains.get(host.slice(position + 1))
    if (rules === undefined) continue
    for (const rule of rules) if (rule.scheme === scheme && portMatches(rule.port, port)) return true
  }
  return false
}

function portMatches(rule: PortRule, port: string): boolean {
  return rule === '*' || rule === port
}

/**
 * Builds a synchronous matcher from an allowlist. Throws {@link CorsConfigError}
 * listing every problem when a pattern is invalid or unsafe.
 *
 * Predicates must answer synchronously here: a predicate that returns anything
 * but `true` (a Promise included) refuses the origin. Use
 * {@link createAsyncOriginMatcher} for asynchronous predicates.
 *
 * @example
 * const isAllowed = createOriginMatcher(['https://app.example.com', 'https://*.example.com', 'http://localhost:*'])
 * isAllowed('https://api.example.com') // true
 * isAllowed('https://evilexample.com') // false
 */
export function createOriginMatcher(
  patterns: string | RegExp | SyncOriginPredicate | OriginGlob | readonly (string | RegExp | SyncOriginPredicate | OriginGlob)[],
  options: OriginMatcherOptions = {},
): (origin: string) => boolean {
  const index = indexPatterns(patterns, options)
  return (origin: string): boolean => {
    if (typeof origin !== 'string') return false
    const decided = matchStatic(index, origin)
    if (decided !== 'ask-predicates') return decided === 'allowed'
    return index.predicates.some((predicate) => callPredicateSync(predicate, origin))
  }
}

/**
 * Builds an asynchronous matcher: like {@link createOriginMatcher}, but
 * predicates may return a Promise. A predicate that throws or rejects refuses
 * the origin; static rules answer without awaiting anything.
 */
export function createAsyncOriginMatcher<TEvent = unknown>(
  patterns: OriginPattern<TEvent> | readonly OriginPattern<TEvent>[],
  options: OriginMatcherOptions = {},
): (origin: string, event?: TEvent) => Promise<boolean> {
  const index = indexPatterns(patterns, options)
  return async (origin: string, event?: TEvent): Promise<boolean> => {
    if (typeof origin !== 'string') return false
    const decided = matchStatic(index, origin)
    if (decided !== 'ask-predicates') return decided === 'allowed'
    return matchPredicates(index, origin, event)
  }
}

/** Runs the predicates in order; the first `true` wins. Errors refuse. */
export async function matchPredicates(index: OriginIndex, origin: string, event: unknown): Promise<boolean> {
  for (const predicate of index.predicates) {
    try {
      if ((await (predicate as OriginPredicate)(origin, event)) === true) return true
    } catch {
      // A failing allowlist source must not open the door.
    }
  }
  return false
}

function callPredicateSync(predicate: OriginPredicate<never>, origin: string): boolean {
  try {
    const answer = (predicate as OriginPredicate)(origin, undefined)
    // An async predicate here refuses; its rejection must not go unhandled,
    // or Lambda's runtime would end the process.
    if (answer instanceof Promise) answer.catch(() => undefined)
    return answer === true
  } catch {
    // A predicate that throws refuses.
  }
  return false
}

function indexPatterns(patterns: unknown, options: OriginMatcherOptions): OriginIndex {
  const problems = new ProblemList()
  const index = buildOriginIndex(patterns, 'patterns', {
    credentials: options.credentials === true,
    dangerouslyAllowNullOrigin: options.dangerouslyAllowNullOrigin === true,
    dangerouslyAllowInsecureOriginsWithCredentials: options.dangerouslyAllowInsecureOriginsWithCredentials === true,
  }, problems)
  problems.throwIfAny()
  return index
}
