/**
 * Origin patterns: the allowlist language, parsed and validated at
 * configuration time into rules that the matcher indexes.
 *
 * Nothing here runs per request. Every refusal names the fix.
 */
import type { ProblemList } from '../policy/problems.js'
import { compileHostGlob } from './glob.js'
import { isOriginGlob, type GlobEngine, type OriginGlob } from './glob-pattern.js'
import { isPublicSuffix } from './public-suffix.js'
import {
  DEFAULT_PORTS,
  MAX_HOST_LENGTH,
  MAX_ORIGIN_LENGTH,
  OPAQUE_SCHEMES,
  endsInNumber,
  punycodeIsValid,
} from './serialized-origin.js'

/**
 * Decides whether an origin is allowed, for allowlists kept elsewhere (a
 * table, a parameter store). It receives only valid serialized origins, and
 * the Lambda event when called from the middleware.
 */
export type OriginPredicate<TEvent = unknown> = (
  origin: string,
  event: TEvent | undefined,
) => boolean | Promise<boolean>

/** A predicate that answers at once, usable with {@link createOriginMatcher}. */
export type SyncOriginPredicate<TEvent = unknown> = (origin: string, event: TEvent | undefined) => boolean

/**
 * One allowlist entry:
 * - an exact origin: `'https://app.example.com'`, `'capacitor://localhost'`;
 * - a subdomain wildcard: `'https://*.example.com'` (one or more labels, never the apex);
 * - a port wildcard: `'http://localhost:*'`;
 * - a glob, written with `glob()` from `lambda-cors/glob` (micromatch):
 *   `glob('https://{app,admin}.example.com')`, `glob('https://pr-*.preview.example.com')`;
 * - an anchored RegExp: `/^https:\/\/[a-z]+\.example\.com$/`;
 * - a predicate `(origin, event) => boolean | Promise<boolean>`.
 */
export type OriginPattern<TEvent = unknown> = string | RegExp | OriginPredicate<TEvent> | OriginGlob

/** A pattern compiled into the form the matcher indexes. */
export type OriginRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'null' }
  /** `scheme://host[:port]`, normalised; matched by one set look-up. */
  | { readonly kind: 'exact'; readonly origin: string }
  /** `scheme://host:*`; matched by one look-up of `scheme://host`. */
  | { readonly kind: 'any-port'; readonly schemeHost: string }
  /** `scheme://*.suffix[:port|:*]`; matched by look-ups over the host's label suffixes. */
  | { readonly kind: 'subdomains'; readonly scheme: string; readonly suffix: string; readonly port: PortRule }
  /** A glob over the host's labels, with dots turned into `/` so `*` never crosses a dot. */
  | { readonly kind: 'glob'; readonly scheme: string; readonly host: RegExp; readonly port: PortRule }
  | { readonly kind: 'regexp'; readonly regexp: RegExp }
  | { readonly kind: 'predicate'; readonly predicate: OriginPredicate<never> }

/** `''` for no port, digits for one port, `'*'` for any valid port or none. */
export type PortRule = string

/** Settings that change what the pattern language accepts. */
export interface PatternContext {
  readonly credentials: boolean
  readonly dangerouslyAllowNullOrigin: boolean
  readonly dangerouslyAllowInsecureOriginsWithCredentials: boolean
}

const SCHEME = /^[a-z][a-z0-9+.-]*$/
const LABEL = /^[a-z0-9_-]+$/
// Only `*` inside labels: `!` would negate a whole micromatch pattern, a
// `[...]` range can contain the `/` that stands for a dot, and `?` starts a query.
const GLOB_LABEL = /^[a-z0-9_\-*]+$/
const GLOB_CHARS = /[*?[\]!]/ // `!` counts, so it is refused rather than taken literally
/**
 * The usual allowlist entries: `https://` and a lower-case host of labels of
 * letters, digits, `_` and `-`, whose last label starts with a letter (so the
 * host is not an IPv4 address) and which has no `xn--` label (whose punycode
 * would need checking), perhaps after a leading `*.`. The full parser below
 * accepts each such entry unchanged once its lengths (and, for `*.`, the
 * Public Suffix List) are checked; taking it directly skips dozens of checks
 * that, at cold start, are compiled and then run in the interpreter for
 * every entry of a long list.
 */
const PLAIN_HTTPS_ORIGIN = /^https:\/\/(\*\.)?((?:[a-z0-9_-]+\.)*[a-z][a-z0-9_-]*)$/
/** Brace expansions beyond this are almost certainly a mistake (`{1..100000}`). */
const MAX_BRACE_EXPANSIONS = 256

/**
 * Parses one allowlist entry into rules, adding a problem to `problems` for
 * everything wrong with it. Returns no rules when the entry is refused.
 */
export function parseOriginPattern(
  pattern: unknown,
  option: string,
  context: PatternContext,
  problems: ProblemList,
): OriginRule[] {
  if (typeof pattern === 'function') {
    return [{ kind: 'predicate', predicate: pattern as OriginPredicate<never> }]
  }
  if (pattern instanceof RegExp) return parseRegExp(pattern, option, problems)
  if (isOriginGlob(pattern)) {
    if (typeof pattern.pattern === 'string') return parseStringPattern(pattern.pattern, option, context, problems, pattern.engine)
    problems.add(option, pattern.pattern, 'glob() takes the pattern as a string.', "write glob('https://{app,admin}.example.com').")
    return []
  }
  if (typeof pattern !== 'string') {
    problems.add(option, pattern, 'an origin pattern must be a string, a RegExp or a function.',
      "write the origin as a string such as 'https://app.example.com'.")
    return []
  }
  return parseStringPattern(pattern, option, context, problems)
}

function parseRegExp(regexp: RegExp, option: string, problems: ProblemList): OriginRule[] {
  let ok = true
  if (regexp.global || regexp.sticky) {
    // lastIndex makes test() answer differently on consecutive calls.
    problems.add(option, regexp, 'the g and y flags make RegExp.test() stateful, so the same origin would be allowed and then refused.',
      `drop the flags: /${regexp.source}/${regexp.flags.replace(/[gy]/g, '')}.`)
    ok = false
  }
  const source = regexp.source
  // A final $ after an odd run of backslashes is a literal $. The run always
  // follows a character: a source that does not start with ^ is refused anyway.
  const anchoredEnd = source.endsWith('$') && !/[^\\](\\\\)*\\\$$/.test(source)
  if (!source.startsWith('^') || !anchoredEnd) {
    problems.add(option, regexp, 'an unanchored RegExp also matches origins that merely contain the allowed one, such as https://example.com.evil.net.',
      'anchor it at both ends: /^https:\\/\\/app\\.example\\.com$/.')
    ok = false
  }
  if (!ok) return []
  // Wrapping keeps a top-level alternation (/^a$|b/) from escaping the anchors.
  const whole = new RegExp(`^(?:${source})$`, regexp.flags)
  return [{ kind: 'regexp', regexp: whole }]
}

/** How a glob that was written as a plain string is fixed. */
function globFix(raw: string): string {
  return `mark it as a glob: import { glob } from 'lambda-cors/glob' and write glob(${JSON.stringify(raw).replaceAll('"', "'")}).`
}

function parseStringPattern(raw: string, option: string, context: PatternContext, problems: ProblemList, engine?: GlobEngine): OriginRule[] {
  const usual = usualEntryRule(raw)
  // Stryker disable next-line ConditionalExpression: equivalent, the shortcut only saves work: the full parser gives the same rule (test/origin/plain-origin-shortcut.property.test.ts)
  if (usual !== undefined) return [usual]
  return parsePatternInFull(raw, option, context, problems, engine)
}

/**
 * The rule for an entry of a usual form (see PLAIN_HTTPS_ORIGIN, and
 * `http://localhost:*`), or `undefined` when the full parser must read it.
 * Exported for the test that holds it to the full parser's answer.
 */
export function usualEntryRule(raw: string): OriginRule | undefined {
  if (raw === 'http://localhost:*') return { kind: 'any-port', schemeHost: 'http://localhost' }
  // 8 is the length of 'https://'; a wildcard's shortest host puts 'a' for '*'.
  // Such a host is also short enough for the origin to be within MAX_ORIGIN_LENGTH.
  // Stryker disable next-line EqualityOperator: equivalent, declining one more length only leaves that entry to the full parser, which gives the same rule (test/origin/plain-origin-shortcut.property.test.ts)
  if (raw.length - 8 > MAX_HOST_LENGTH || raw.includes('xn--')) return undefined
  const match = PLAIN_HTTPS_ORIGIN.exec(raw)
  if (match === null) return undefined
  const host = match[2] as string
  if (match[1] === undefined) return { kind: 'exact', origin: raw }
  // The full parser's rule for `*.`: never over a public suffix (every single label is one).
  if (isPublicSuffix(host)) return undefined
  return { kind: 'subdomains', scheme: 'https', suffix: host, port: '' }
}

/** Every string pattern, by every rule; exported for the test that holds the shortcut to it. */
export function parsePatternInFull(raw: string, option: string, context: PatternContext, problems: ProblemList, engine?: GlobEngine): OriginRule[] {
  if (raw === '*') {
    if (!context.credentials) return [{ kind: 'any' }]
    problems.add(option, raw, "with credentials, '*' would let every website read your users' credentialed responses (and browsers refuse a literal '*' with credentials anyway).",
      'list the origins that may call the API with credentials.')
    return []
  }
  if (raw.toLowerCase() === 'null') {
    if (context.dangerouslyAllowNullOrigin) return [{ kind: 'null' }]
    problems.add(option, raw,
      "sandboxed iframes, file: pages and cross-origin redirects all send 'Origin: null', so allowing it allows any attacker who can make a page send it.",
      'remove it; if you really serve such a client, set dangerouslyAllowNullOrigin: true and read docs/security.md first.')
    return []
  }
  if (/\s/.test(raw)) {
    problems.add(option, raw, 'an origin never contains whitespace.', `write ${JSON.stringify(raw.replace(/\s/g, ''))}.`)
    return []
  }
  if (raw.includes('{')) {
    if (engine !== undefined) return parseBraces(raw, option, context, problems, engine)
    problems.add(option, raw, 'braces list alternatives in a glob, and globs are marked so that they stand out.', globFix(raw))
    return []
  }
  const rule = parseSingleOrigin(raw, option, context, problems, raw, engine)
  return rule === undefined ? [] : [rule]
}

function parseBraces(raw: string, option: string, context: PatternContext, problems: ProblemList, engine: GlobEngine): OriginRule[] {
  let expansions: string[]
  try {
    expansions = engine.expandBraces(raw, MAX_BRACE_EXPANSIONS)
  } catch {
    expansions = []
  }
  if (expansions.length === 0 || expansions.length > MAX_BRACE_EXPANSIONS) {
    problems.add(option, raw, `a brace pattern must expand to between 1 and ${MAX_BRACE_EXPANSIONS} origins.`,
      "list the alternatives explicitly, for example 'https://{app,admin}.example.com'.")
    return []
  }
  const rules: OriginRule[] = []
  for (const expansion of expansions) {
    if (expansion.includes('{') || expansion.includes('}')) {
      problems.add(option, raw, 'unbalanced braces.', "close every brace: 'https://{app,admin}.example.com'.")
      return []
    }
    // Each alternative is validated on its own; problems name the original pattern.
    const rule = parseSingleOrigin(expansion, option, context, problems, raw, engine)
    if (rule !== undefined) rules.push(rule)
  }
  return rules
}

function parseSingleOrigin(
  raw: string,
  option: string,
  context: PatternContext,
  problems: ProblemList,
  shownAs: string = raw,
  engine?: GlobEngine,
): OriginRule | undefined {
  const refuse = (reason: string, fix: string): undefined => {
    problems.add(option, shownAs, reason, fix)
    return undefined
  }
  const separator = raw.indexOf('://')
  if (separator === -1) {
    // "https:app.example.com", "//app.example.com", "app.example.com/": keep what looks like the host (and port).
    const host = raw.replace(/^[a-z][a-z0-9+.-]*:(?![0-9*])/i, '').replace(/^\/+/, '').replace(/[/?#].*/, '')
    return refuse('the scheme is missing: an origin is scheme://host[:port].', `write ${JSON.stringify(`https://${host}`)}.`)
  }
  const scheme = raw.slice(0, separator).toLowerCase()
  if (!SCHEME.test(scheme)) {
    return refuse(`${JSON.stringify(raw.slice(0, separator))} is not a URL scheme (a letter followed by letters, digits, +, - or .).`,
      "use a scheme such as 'https', 'http' or 'capacitor'.")
  }
  if (scheme === 'file') {
    return refuse("file: pages have the opaque origin 'null', so a file: pattern can never match.",
      'serve the page over http(s) from a local server, or see dangerouslyAllowNullOrigin in docs/security.md.')
  }
  if (OPAQUE_SCHEMES.has(scheme)) {
    return refuse(`browsers never send a ${JSON.stringify(`${scheme}:`)} origin (such pages have the opaque origin 'null' or their creator's origin), so this pattern can never match.`,
      'list the origin of the page that makes the request, such as \'https://app.example.com\'.')
  }
  const rest = raw.slice(separator + 3)
  const authorityEnd = rest.search(/[/?#]/)
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd)
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd)
  if (authority.includes('@')) {
    return refuse('userinfo (user@) is never part of an origin.', `write ${JSON.stringify(`${scheme}://${authority.slice(authority.lastIndexOf('@') + 1)}`)}.`)
  }
  if (/^\?[^/]*\./.test(tail)) {
    return refuse('? is not a wildcard in origin patterns (it starts a query).', "use * inside a label, such as 'https://pr-*.example.com', or braces: 'https://{a,b}.example.com'.")
  }

  const hostAndPort = splitHostAndPort(scheme, authority, refuse)
  if (hostAndPort === undefined) return undefined
  const { host, port } = hostAndPort
  const browserForm = `${scheme}://${host}${port === '' ? '' : `:${port}`}`
  if (tail !== '') {
    const what = tail === '/' ? 'a trailing slash' : tail.startsWith('/') ? 'a path' : tail.startsWith('?') ? 'a query' : 'a fragment'
    return refuse(`an origin has no path, query or fragment, and this one has ${what}.`, `browsers send ${JSON.stringify(browserForm)}; write that.`)
  }

  // A literal host (an IPv6 literal's brackets count as glob characters here: the URL parser has checked it).
  if (!GLOB_CHARS.test(host)) {
    const problem = endsInNumber(host) ? ipv4Problem(scheme, host, port) : punycodeProblem(host)
    if (problem !== undefined) return refuse(problem.reason, problem.fix)
  }

  if (context.credentials && scheme === 'http' && !isLoopbackHost(host) && !context.dangerouslyAllowInsecureOriginsWithCredentials) {
    return refuse(
      'with credentials, a plain-http origin lets anyone on the network path (public Wi-Fi, a proxy) inject script into that origin and read your users\' credentialed responses.',
      `serve the front end over https and write ${JSON.stringify(`https://${host}${port === '' || port === '*' ? '' : ':' + port}`)}; only loopback (localhost, 127.0.0.1, [::1]) is accepted over http, or set dangerouslyAllowInsecureOriginsWithCredentials: true.`)
  }

  if (host.startsWith('[')) return exactOrAnyPort(scheme, host, port)
  return parseHostLabels(scheme, host, port, refuse, engine, shownAs)
}

/** Splits and normalises `host[:port]`: lower case, punycode, canonical IPv6, no default port. */
function splitHostAndPort(
  scheme: string,
  authority: string,
  refuse: (reason: string, fix: string) => undefined,
): { host: string; port: PortRule } | undefined {
  let host: string
  let port: string
  if (authority.startsWith('[')) {
    // An IPv6 literal carries colons inside its brackets.
    const close = authority.indexOf(']')
    if (close === -1) return refuse('the IPv6 address has no closing bracket.', "write it as 'http://[::1]:3000'.")
    const literal = authority.slice(1, close)
    const after = authority.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) return refuse('unexpected text after the IPv6 address.', "write it as 'http://[::1]:3000'.")
    // The URL parser validates the address (it refuses every other character)
    // and gives the compressed form browsers serialize ([::1], not [0:0:0:0:0:0:0:1]).
    const canonical = urlHostname(`[${literal}]`)
    if (canonical === undefined) return refuse(`[${literal}] is not a valid IPv6 address.`, "write a valid address such as '[::1]'.")
    host = canonical
    port = after.slice(1)
    if (after === ':') return refuse('the port is empty.', `remove the colon: ${JSON.stringify(`${scheme}://${host}`)}.`)
  } else {
    const colon = authority.lastIndexOf(':')
    host = colon === -1 ? authority : authority.slice(0, colon)
    port = colon === -1 ? '' : authority.slice(colon + 1)
    if (colon !== -1 && port === '') return refuse('the port is empty.', `remove the colon: ${JSON.stringify(`${scheme}://${host.toLowerCase()}`)}.`)
  }

  if (port !== '' && port !== '*') {
    if (!/^[0-9]+$/.test(port) || /^0/.test(port) || Number(port) > 65535) {
      return refuse(`${JSON.stringify(port)} is not a port (1-65535, no leading zero).`,
        "write a port such as ':3000', or ':*' for any port.")
    }
    if (DEFAULT_PORTS[scheme] === port) port = '' // browsers omit the default port
  }

  if (host === '') return refuse('the host is empty.', "write a host such as 'https://app.example.com'.")
  // An IPv6 literal is already as the URL parser serializes it: lower-case ASCII, which this keeps.
  const ascii = toAsciiHost(host)
  if (ascii === undefined) {
    return refuse(`${JSON.stringify(host)} is not a valid host name.`, 'use letters, digits and hyphens (Unicode names are converted to punycode).')
  }
  return { host: ascii, port }
}

function parseHostLabels(
  scheme: string,
  host: string,
  port: PortRule,
  refuse: (reason: string, fix: string) => undefined,
  engine: GlobEngine | undefined,
  shownAs: string,
): OriginRule | undefined {
  const labels = host.split('.')
  if (labels[labels.length - 1] === '') {
    return refuse(
      `the host ends with a dot. A browser sends ${JSON.stringify(`${scheme}://${host}`)} only from a page whose address has the dot, which is a different origin from ${JSON.stringify(`${scheme}://${host.slice(0, -1)}`)}; lambda-cors never allows such an origin (a request carrying it is refused as a value outside the supported form).`,
      `write ${JSON.stringify(`${scheme}://${host.slice(0, -1)}`)}, the origin of pages at the usual address (and redirect the dotted address to it).`)
  }
  if (labels.includes('')) return refuse('the host has an empty label (two dots in a row, or a leading dot).', 'remove the extra dot.')
  if (!GLOB_CHARS.test(host)) {
    for (const label of labels) {
      if (!LABEL.test(label)) return refuse(`the label ${JSON.stringify(label)} has characters a host name cannot have.`, 'use letters, digits and hyphens.')
    }
    const rule = exactOrAnyPort(scheme, host, port)
    if (host.length > MAX_HOST_LENGTH) {
      return refuse(`the host has ${host.length} characters; a DNS name has at most ${MAX_HOST_LENGTH}, so no page is served from it.`, 'write the host name the browser shows.')
    }
    if (rule.kind === 'exact' && rule.origin.length > MAX_ORIGIN_LENGTH) {
      return refuse(`the origin has ${rule.origin.length} characters; a request Origin longer than ${MAX_ORIGIN_LENGTH} is refused unread, so this pattern could never match.`,
        'write the origin the browser sends (a DNS name has at most 253 characters).')
    }
    return rule
  }

  // A wildcard on an IP address (the URL parser reads a host whose last
  // label is a number as IPv4).
  if (endsInNumber(host) || (labels.some((label) => /[0-9]/.test(label)) && labels.every((label) => /^[0-9*?[\]!]+$/.test(label)))) {
    return refuse('a wildcard on an IP address matches other machines\' addresses.', 'list each address exactly.')
  }
  if (host.includes('**')) return refuse('** would cross dots and match any depth of labels.', "use '*.' as the leftmost label for any depth of subdomains.")
  for (const label of labels) {
    if (!GLOB_LABEL.test(label)) {
      return refuse(`the label ${JSON.stringify(label)} has characters a host name pattern cannot have.`,
        "use letters, digits, hyphens and * (a * inside a label never crosses a dot); braces list alternatives: 'https://{app,admin}.example.com'.")
    }
  }
  // A whole `*` label stands for any labels only as the leftmost one; anywhere
  // else it would let a stranger's name sit in the middle of yours.
  const lastWholeStar = labels.lastIndexOf('*')
  if (lastWholeStar > 0) {
    return refuse('a * label is only allowed as the leftmost label.', ownDomainFix(scheme, labels.slice(lastWholeStar + 1).join('.')))
  }
  // One `*` per label keeps matching linear in the origin's length (see glob.ts).
  const crowded = labels.find((label) => label.indexOf('*') !== label.lastIndexOf('*'))
  if (crowded !== undefined) {
    const single = `${crowded.slice(0, crowded.indexOf('*'))}*${crowded.slice(crowded.lastIndexOf('*') + 1)}`
    const written = `${scheme}://${labels.map((label) => (label === crowded ? single : label)).join('.')}${port === '' ? '' : `:${port}`}`
    const reason = `the label ${JSON.stringify(crowded)} has more than one *; a pattern may have one * per label, so that matching an origin takes time linear in its length.`
    if (single !== '*') {
      return refuse(reason, `write ${JSON.stringify(written)} (one * matches any run of characters within the label), or a RegExp if the label's shape matters.`)
    }
    // Collapsed to a whole `*` label: that means any subdomains, and only leftmost.
    return refuse(reason, labels.indexOf(crowded) === 0
      ? `write ${JSON.stringify(written)} (a whole * label allows every subdomain), or a RegExp if the label's shape matters.`
      : 'keep one * per label, with literal text beside it (such as pr-*), or use a RegExp if the label\'s shape matters.')
  }

  // The fixed part right of the last wildcard must hold a name someone owns:
  // a wildcard directly under a public suffix or a hosting platform admits
  // strangers' sites.
  const lastWild = labels.findLastIndex((label) => label.includes('*'))
  const fixed = labels.slice(lastWild + 1).join('.')
  const wildLabel = labels[lastWild] as string
  if (fixed === '') {
    // A whole * label that is the last one is also the only one (a * label elsewhere than leftmost was refused).
    if (wildLabel === '*') return refuse('a bare * host allows every site.', "use origins: '*' without credentials, or list your domains.")
    return refuse(`a wildcard in the last label could match any top-level domain.`, "list the domain exactly, such as 'https://app.example.com'.")
  }
  if (fixed !== 'localhost' && isPublicSuffix(fixed)) {
    if (!fixed.includes('.')) {
      if (wildLabel === '*') {
        return refuse(`a wildcard over the single label ${JSON.stringify(fixed)} allows every domain registered under it.`,
          isAcceptableWildcardSuffix(`example.${fixed}`)
            ? `name your own domain: ${JSON.stringify(`${scheme}://*.example.${fixed}`)}.`
            : `name your own domain, such as ${JSON.stringify(`${scheme}://*.example.com`)}.`)
      }
      return refuse('a wildcard in the last two labels could match a domain someone else registers (https://*example.com matches https://evilexample.com).',
        `list the domain exactly, and for its subdomains: ${ownDomainFix(scheme, labels.slice(-2).join('.').replace(/[*?[\]!]/g, ''))}`)
    }
    const reason = `anyone can get a name under ${fixed} (a public suffix or hosting platform), so the wildcard would allow strangers' sites.`
    if (wildLabel !== '*') {
      // A glob in the label a tenant chooses (pr-*--site.netlify.app): the
      // platform decides whether strangers can pick a name of that shape.
      const example = `${scheme}://${labels.map((label) => label.replaceAll('*', label === '*' ? 'www' : '1')).join('.')}`
      return refuse(reason, `list your own names exactly, such as ${JSON.stringify(example)}, or serve them from a domain you own; if the platform reserves names of this shape for you alone, an anchored RegExp can say so, on your own judgement.`)
    }
    const yours = `your-site.${fixed}`
    return refuse(reason, isPublicSuffix(yours)
      ? 'list your own names exactly (or serve the front end from a custom domain you own).'
      : `list your own names exactly, or put the wildcard under your own name: ${JSON.stringify(`${scheme}://*.${yours}`)}.`)
  }
  // The fixed labels passed GLOB_LABEL without a *, so they are plain labels; and the
  // fixed part does not end in a number, as the whole host does not.
  const fixedProblem = punycodeProblem(fixed)
  if (fixedProblem !== undefined) return refuse(fixedProblem.reason, fixedProblem.fix)

  // The shortest host the pattern can match: a whole `*` stands for at least one character.
  const shortest = labels.map((label) => (label === '*' ? 'a' : label.replaceAll('*', ''))).join('.')
  if (shortest.length > MAX_HOST_LENGTH) {
    return refuse(`every host this pattern matches has more than ${MAX_HOST_LENGTH} characters, more than a DNS name has, so it could never match.`, 'shorten the fixed part of the pattern.')
  }
  if (`${scheme}://${shortest}${port === '' || port === '*' ? '' : `:${port}`}`.length > MAX_ORIGIN_LENGTH) {
    return refuse(`every origin this pattern matches has more than ${MAX_ORIGIN_LENGTH} characters; longer request Origins are refused unread, so it could never match.`, 'shorten the fixed part of the pattern.')
  }

  // A whole * label is the leftmost one (anywhere else it was refused).
  if (wildLabel === '*') return { kind: 'subdomains', scheme, suffix: fixed, port }
  if (engine === undefined) return refuse('a * inside a label is a glob, and globs are marked so that they stand out.', globFix(shownAs))
  return { kind: 'glob', scheme, host: compileHostGlob(host, engine), port }
}

/** A fix that puts `*.` in front of `suffix`, unless that would be refused too. */
function ownDomainFix(scheme: string, suffix: string): string {
  return isAcceptableWildcardSuffix(suffix)
    ? `write ${JSON.stringify(`${scheme}://*.${suffix}`)} to allow every subdomain of ${suffix}.`
    : `put the * as the leftmost label of a domain you own, such as ${JSON.stringify(`${scheme}://*.example.com`)}.`
}

/**
 * Would `scheme://*.suffix` itself be accepted? Used so a fix never suggests
 * another refused pattern. `suffix` ends with the last label of a host that
 * does not end in a number (a wildcard over such a host is refused first).
 */
function isAcceptableWildcardSuffix(suffix: string): boolean {
  // A single label is always a public suffix.
  return suffix.split('.').every((label) => LABEL.test(label)) && punycodeProblem(suffix) === undefined && !isPublicSuffix(suffix)
}

/** Why a literal host (no wildcard) is not one a browser sends. */
interface HostProblem {
  readonly reason: string
  readonly fix: string
}

/**
 * Checks a literal, lower-case ASCII host whose last label is a number as the
 * URL standard's host parser reads it: an IPv4 address, which browsers
 * serialize as four decimal numbers.
 */
function ipv4Problem(scheme: string, host: string, port: PortRule): HostProblem | undefined {
  const canonical = urlHostname(host)
  if (canonical === undefined) {
    return {
      reason: `${JSON.stringify(host)} is not a valid host: a host whose last label is a number is read as an IPv4 address, and this one is not one.`,
      fix: 'write the address as four numbers from 0 to 255, such as 127.0.0.1, or a domain name whose last label is not a number.',
    }
  }
  if (canonical === host) return undefined
  return {
    reason: `browsers read ${JSON.stringify(host)} as the IPv4 address ${JSON.stringify(canonical)} and send that form, so this pattern would never match.`,
    fix: `write ${JSON.stringify(`${scheme}://${canonical}${port === '' ? '' : `:${port}`}`)}.`,
  }
}

/** Checks a literal, lower-case ASCII host whose last label is not a number: an `xn--` label must be valid punycode. */
function punycodeProblem(host: string): HostProblem | undefined {
  if ((host.startsWith('xn--') || host.includes('.xn--')) && !punycodeIsValid(host)) {
    return {
      reason: `${JSON.stringify(host)} is not a valid host: an xn-- label must be the punycode of a valid Unicode label.`,
      fix: 'write the name in Unicode (it is converted to punycode), or copy the punycode from the browser\'s address bar.',
    }
  }
  return undefined
}

function exactOrAnyPort(scheme: string, host: string, port: PortRule): OriginRule {
  if (port === '*') return { kind: 'any-port', schemeHost: `${scheme}://${host}` }
  return { kind: 'exact', origin: port === '' ? `${scheme}://${host}` : `${scheme}://${host}:${port}` }
}

/** Lower-cases a host and converts Unicode labels to punycode, keeping glob characters. */
function toAsciiHost(host: string): string | undefined {
  const lower = host.toLowerCase()
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(lower)) return lower
  const labels = lower.split('.').map((label) => {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(label)) return label
    if (GLOB_CHARS.test(label)) return '' // a glob inside a Unicode label has no punycode form
    return urlHostname(label) ?? ''
  })
  return labels.some((label) => label === '') ? undefined : labels.join('.')
}

/** Loopback hosts: a plain-http origin there cannot be reached by a network attacker. */
export function isLoopbackHost(host: string): boolean {
  // '*.localhost' ends with '.localhost' too.
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '[::1]') return true
  return IPV4_LOOPBACK.test(host)
}

const IPV4_LOOPBACK = /^127\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})\.(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})$/

/**
 * The host as the URL standard serializes it (punycode, compressed IPv6), or
 * `undefined` when the parser refuses it. The global URL parser is used
 * rather than node:url or node:net so that loading the package costs no
 * extra built-in modules at cold start.
 */
function urlHostname(host: string): string | undefined {
  try {
    return new URL(`http://${host}`).hostname
  } catch {
    // Refused: the function ends, which returns undefined.
  }
}
