/**
 * The fast matcher (hash look-ups over label suffixes, micromatch globs)
 * against a reference written here for clarity, not speed: parse the origin
 * with plain string operations, then ask each pattern, one by one, whether it
 * matches. They must agree on every generated allowlist and origin.
 */
import { domainToUnicode } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createAsyncOriginMatcher, createOriginMatcher, type SyncOriginPredicate } from '../../src/index.js'
import { glob } from '../../src/glob.js'
import { parseSerializedOrigin } from '../../src/origin/serialized-origin.js'
import { PUBLIC_SUFFIX_RULES } from '../../src/origin/public-suffix-data.js'
import { getPublicSuffix } from 'tldts'

/** A fixed seed in `npm test`; CI may raise FC_RUNS for more generated cases. */
const SEED = 20_261_130
const RUNS = Number(process.env.FC_RUNS ?? 400)
/**
 * Each property's time limit: a minute of room for a loaded machine, plus
 * more as FC_RUNS raises the number of generated cases (the largest property
 * runs 10 × RUNS cases).
 */
const TIMEOUT = 60_000 + RUNS * 150

// ---------------------------------------------------------------------------
// The reference

interface RefOrigin {
  readonly scheme: string
  readonly host: string
  readonly port: string
}

const DEFAULT_PORT: Readonly<Record<string, string>> = { http: '80', https: '443' }

/** A serialized origin as a browser sends it, parsed the slow, obvious way. */
function refParse(origin: unknown): RefOrigin | undefined {
  if (typeof origin !== 'string' || origin.length > 320) return undefined
  const separator = origin.indexOf('://')
  if (separator < 1) return undefined
  const scheme = origin.slice(0, separator)
  const first = scheme.charAt(0)
  if (!(first >= 'a' && first <= 'z')) return undefined
  for (const c of scheme) if (!isLowerAlnum(c) && !'+.-'.includes(c)) return undefined
  const rest = origin.slice(separator + 3)
  let host = rest
  let port = ''
  const colon = rest.lastIndexOf(':')
  if (colon !== -1 && !rest.endsWith(']')) {
    host = rest.slice(0, colon)
    port = rest.slice(colon + 1)
    if (port === '' || port.startsWith('0') || port.length > 5) return undefined
    for (const c of port) if (!(c >= '0' && c <= '9')) return undefined
    if (Number(port) > 65535) return undefined
  }
  if (host.startsWith('[')) {
    if (!host.endsWith(']') || host.length < 3) return undefined
    for (const c of host.slice(1, -1)) if (!'0123456789abcdef:.'.includes(c)) return undefined
  } else {
    for (const label of host.split('.')) {
      if (label === '') return undefined
      for (const c of label) if (!isLowerAlnum(c) && c !== '-' && c !== '_') return undefined
    }
  }
  // What the URL standard's parser serializes the value as must be the value itself.
  return urlStandardOrigin(origin, scheme, port) === origin ? { scheme, host, port } : undefined
}

/** Schemes whose pages have an opaque origin or another page's origin: never sent as such. */
const OPAQUE = ['file', 'data', 'javascript', 'about', 'blob']
const SPECIAL = ['http', 'https', 'ws', 'wss', 'ftp']

/**
 * `new URL(value).origin`, the URL standard's serialization. For a scheme
 * the standard does not know (capacitor:, chrome-extension:), whose origin
 * it calls opaque though browsers send it, the host and port are read as an
 * http(s) URL's would be.
 */
function urlStandardOrigin(value: string, scheme: string, port: string): string | undefined {
  if (OPAQUE.includes(scheme)) return undefined
  const special = SPECIAL.includes(scheme)
  const stand = special ? value : `${port === '80' ? 'https' : 'http'}${value.slice(scheme.length)}`
  try {
    const origin = new URL(stand).origin
    return special ? origin : `${scheme}${origin.slice(origin.indexOf('://'))}`
  } catch {
    return undefined
  }
}

function isLowerAlnum(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
}

/** A pattern as the generator knows it: what it means, before it is written out. */
type Spec =
  | { readonly kind: 'exact'; readonly scheme: string; readonly host: string; readonly port: string }
  | { readonly kind: 'any-port'; readonly scheme: string; readonly host: string }
  | { readonly kind: 'subdomains'; readonly scheme: string; readonly suffix: string; readonly port: string }
  | { readonly kind: 'glob'; readonly scheme: string; readonly labels: readonly string[]; readonly port: string }
  | { readonly kind: 'braces'; readonly scheme: string; readonly alternatives: readonly string[]; readonly rest: string; readonly port: string }
  | { readonly kind: 'regexp'; readonly origins: readonly string[] }
  | { readonly kind: 'predicate'; readonly origins: readonly string[] }

/** The port a browser would send for a configured port ('' for the default). */
function sentPort(scheme: string, port: string): string {
  return DEFAULT_PORT[scheme] === port ? '' : port
}

function portMatches(configured: string, scheme: string, actual: string): boolean {
  return configured === '*' || sentPort(scheme, configured) === actual
}

/** Does a glob label ('a*b', '*') match a host label? `*` is any run of label characters. */
function labelGlobMatches(glob: string, label: string): boolean {
  const pieces = glob.split('*')
  if (pieces.length === 1) return glob === label
  const head = pieces[0] as string
  const tail = pieces[pieces.length - 1] as string
  if (label.length < head.length + tail.length || !label.startsWith(head) || !label.endsWith(tail)) return false
  let position = head.length
  const end = label.length - tail.length
  for (const middle of pieces.slice(1, -1)) {
    const found = label.indexOf(middle, position)
    if (found === -1 || found + middle.length > end) return false
    position = found + middle.length
  }
  return true
}

function refPatternMatches(spec: Spec, origin: string, parsed: RefOrigin): boolean {
  switch (spec.kind) {
    case 'exact':
      return parsed.scheme === spec.scheme && parsed.host === spec.host && parsed.port === sentPort(spec.scheme, spec.port)
    case 'any-port':
      return parsed.scheme === spec.scheme && parsed.host === spec.host
    case 'subdomains':
      return parsed.scheme === spec.scheme && parsed.host.endsWith(`.${spec.suffix}`) && portMatches(spec.port, spec.scheme, parsed.port)
    case 'glob': {
      const labels = parsed.host.split('.')
      return parsed.scheme === spec.scheme && portMatches(spec.port, spec.scheme, parsed.port)
        && labels.length === spec.labels.length && labels.every((label, i) => labelGlobMatches(spec.labels[i] as string, label))
    }
    case 'braces':
      return parsed.scheme === spec.scheme && portMatches(spec.port, spec.scheme, parsed.port)
        && spec.alternatives.some((alternative) => parsed.host === `${alternative}.${spec.rest}`)
    case 'regexp':
    case 'predicate':
      return spec.origins.includes(origin)
  }
}

/** The reference allowlist: the origin is one a browser sends, and some pattern matches it. */
function refAllowed(specs: readonly Spec[] | '*', allowNull: boolean, origin: unknown): boolean {
  if (origin === 'null') return allowNull
  const parsed = refParse(origin)
  if (parsed === undefined) return false
  if (specs === '*') return true
  return specs.some((spec) => refPatternMatches(spec, origin as string, parsed))
}

// ---------------------------------------------------------------------------
// Writing patterns out, with the normalisations the matcher must undo

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function withPort(port: string): string {
  return port === '' ? '' : `:${port}`
}

/** Writes a spec as a pattern; `upper` picks characters to upper-case (normalisation). */
function render(spec: Spec, upper: readonly boolean[]): string | RegExp | SyncOriginPredicate | ReturnType<typeof glob> {
  const shout = (text: string): string => [...text].map((c, i) => (upper[i % upper.length] === true ? c.toUpperCase() : c)).join('')
  switch (spec.kind) {
    case 'exact': return shout(`${spec.scheme}://${spec.host}`) + withPort(spec.port)
    case 'any-port': return `${shout(`${spec.scheme}://${spec.host}`)}:*`
    case 'subdomains': return `${shout(`${spec.scheme}://*.${spec.suffix}`)}${withPort(spec.port)}`
    // Globs are written with glob() from lambda-cors/glob.
    case 'glob': return glob(`${shout(`${spec.scheme}://${spec.labels.join('.')}`)}${withPort(spec.port)}`)
    case 'braces': return glob(`${spec.scheme}://{${spec.alternatives.join(',')}}.${spec.rest}${withPort(spec.port)}`)
    case 'regexp': return new RegExp(spec.origins.map((origin) => `^${escapeRegExp(origin)}$`).join('|'))
    case 'predicate': {
      const allowed = new Set(spec.origins)
      return (origin: string) => allowed.has(origin)
    }
  }
}

// ---------------------------------------------------------------------------
// Generators: small alphabets so that patterns and origins collide

const LABELS = ['a', 'b', 'ab', 'ba', 'a-b', 'b1', 'x_y'] as const
const label = fc.constantFrom(...LABELS)
const scheme = fc.constantFrom('http', 'https')
const configPort = fc.constantFrom('', '', '80', '443', '3000', '8080', '1', '65535')
const requestPort = fc.constantFrom('', '', '80', '443', '3000', '8080', '1', '65535', '0', '65536', '03000', 'abc', '')
const host = (min: number, max: number) => fc.array(label, { minLength: min, maxLength: max }).map((labels) => labels.join('.'))

/** Label templates with a `*` inside (never a whole `*`, never `**`). */
const partialGlob = fc.constantFrom('a*', '*a', 'a*b', '*-b', 'b*1', 'x*y')

const exactSpec = fc.record({ kind: fc.constant('exact' as const), scheme, host: host(1, 4), port: configPort })
const anyPortSpec = fc.record({ kind: fc.constant('any-port' as const), scheme, host: host(1, 3) })
const subdomainsSpec = fc.record({
  kind: fc.constant('subdomains' as const), scheme, suffix: host(2, 3), port: fc.oneof(configPort, fc.constant('*')),
})
const globSpec = fc
  .record({
    kind: fc.constant('glob' as const),
    scheme,
    first: fc.oneof(partialGlob, fc.constant('*'), label),
    middle: fc.array(fc.oneof(partialGlob, label), { maxLength: 2 }),
    last: fc.tuple(label, label),
    port: fc.oneof(configPort, fc.constant('*')),
  })
  // at least one glob character, and a lone leftmost `*` needs another glob label (else it is a subdomain wildcard)
  .filter(({ first, middle }) => middle.some((l) => l.includes('*')) || (first.includes('*') && first !== '*'))
  .map(({ kind, scheme: s, first, middle, last, port }) => ({ kind, scheme: s, labels: [first, ...middle, ...last], port }))
const bracesSpec = fc.record({
  kind: fc.constant('braces' as const), scheme, alternatives: fc.uniqueArray(label, { minLength: 2, maxLength: 3 }), rest: host(1, 2), port: configPort,
})

/** A request origin built from the alphabet (valid or not, depending on the port). */
const plainOrigin = fc.tuple(scheme, host(1, 5), requestPort).map(([s, h, p]) => `${s}://${h}${withPort(p)}`)

const listedSpec = fc.oneof(
  { weight: 3, arbitrary: exactSpec },
  { weight: 2, arbitrary: anyPortSpec },
  { weight: 3, arbitrary: subdomainsSpec },
  { weight: 2, arbitrary: globSpec },
  { weight: 1, arbitrary: bracesSpec },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('regexp' as const), origins: fc.array(plainOrigin, { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('predicate' as const), origins: fc.array(plainOrigin, { minLength: 1, maxLength: 2 }) }) },
)

const allowlist = fc.oneof(
  { weight: 12, arbitrary: fc.array(listedSpec, { minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant('*' as const) },
)

/** A host a spec is about, with its wildcards filled in, for deriving near-miss origins. */
function specHost(spec: Spec, fill: string): string | undefined {
  switch (spec.kind) {
    case 'exact': case 'any-port': return spec.host
    case 'subdomains': return `${fill}.${spec.suffix}`
    case 'glob': return spec.labels.map((l) => l.replaceAll('*', fill.replaceAll('.', ''))).join('.')
    case 'braces': return `${spec.alternatives[0] as string}.${spec.rest}`
    case 'regexp': case 'predicate': return refParse(spec.origins[0])?.host
  }
}

function specScheme(spec: Spec): string {
  return 'scheme' in spec ? spec.scheme : (refParse(spec.origins[0])?.scheme ?? 'https')
}

/**
 * Origins near each pattern: the match itself and the lookalikes an attacker
 * would register or send (apex, suffix-appended, prefix-glued, other port,
 * other scheme, upper-case, trailing slash or dot, userinfo, bad ports).
 */
function nearMisses(spec: Spec, fill: string, port: string): string[] {
  const h = specHost(spec, fill)
  if (h === undefined) return []
  const s = specScheme(spec)
  const p = 'port' in spec && spec.port !== '*' ? sentPort(s, spec.port) : port
  const at = (hostPart: string, portPart = p, schemePart = s): string => `${schemePart}://${hostPart}${withPort(portPart)}`
  const parent = h.includes('.') ? h.slice(h.indexOf('.') + 1) : h
  return [
    ...(spec.kind === 'regexp' || spec.kind === 'predicate' ? spec.origins : []),
    at(h),
    at(h, port),
    at(h, ''),
    at(`${fill}.${h}`),
    at(parent),
    at(`${h}.${fill}`),
    at(`${h}.evil.net`),
    at(`evil${h}`),
    at(`${fill}${h}`),
    at(`${fill}-${h}`),
    at(h, p, s === 'https' ? 'http' : 'https'),
    at(h.toUpperCase()),
    `${at(h)}/`,
    `${s}://${h}.${withPort(p)}`,
    `${s}://user@${h}${withPort(p)}`,
    at(h, '0'),
    at(h, '65536'),
    at(h, '08080'),
    ` ${at(h)}`,
    `${at(h)}:${port}.evil.net`,
  ]
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('h', 't', 'p', 's', ':', '/', '.', 'a', 'b', '*', '@', '[', ']', '1', '0', 'A', ' ', '-'), maxLength: 30 }),
  fc.constant('null'),
)

const requestOrigins = fc.array(fc.oneof({ weight: 3, arbitrary: plainOrigin }, { weight: 1, arbitrary: hostileString }), { maxLength: 25 })

// ---------------------------------------------------------------------------

describe('the fast matcher agrees with the reference', { timeout: TIMEOUT }, () => {
  it('on generated allowlists, near-miss origins and hostile strings', () => {
    let allowed = 0
    let refused = 0
    fc.assert(
      fc.property(
        allowlist,
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
        requestOrigins,
        label,
        requestPort,
        (specs, allowNull, upper, origins, fill, port) => {
          const patterns = specs === '*' ? ['*' as const] : specs.map((spec) => render(spec, upper))
          const listed = allowNull ? [...patterns, 'null'] : patterns
          if (specs === '*' && allowNull) return // '*' must stand alone
          const isAllowed = createOriginMatcher(listed, { dangerouslyAllowNullOrigin: allowNull })
          const candidates = [...origins, 'null', ...(specs === '*' ? [] : specs.flatMap((spec) => nearMisses(spec, fill, port)))]
          for (const origin of candidates) {
            const expected = refAllowed(specs, allowNull, origin)
            expect(isAllowed(origin), `${JSON.stringify(origin)} against ${listed.map(String).join(' ')}`).toBe(expected)
            if (expected) allowed++
            else refused++
          }
        },
      ),
      { numRuns: 600, seed: SEED + 11 },
    )
    // The generators must produce both answers in quantity, or the agreement proves little.
    expect(allowed).toBeGreaterThan(1000)
    expect(refused).toBeGreaterThan(1000)
  })

  it('on each single pattern on its own', () => {
    const allowedByKind = new Map<Spec['kind'], number>()
    fc.assert(
      fc.property(listedSpec, fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }), label, requestPort, plainOrigin, (spec, upper, fill, port, random) => {
        const isAllowed = createOriginMatcher(render(spec, upper))
        for (const origin of [...nearMisses(spec, fill, port), random]) {
          const expected = refAllowed([spec], false, origin)
          expect(isAllowed(origin), `${origin} against ${String(render(spec, upper))}`).toBe(expected)
          if (expected) allowedByKind.set(spec.kind, (allowedByKind.get(spec.kind) ?? 0) + 1)
        }
      }),
      { numRuns: 800, seed: SEED + 12 },
    )
    // every pattern form was exercised with origins it allows, not only with refusals
    for (const kind of ['exact', 'any-port', 'subdomains', 'glob', 'braces', 'regexp', 'predicate'] as const) {
      expect(allowedByKind.get(kind) ?? 0, kind).toBeGreaterThan(20)
    }
  })

  it('the asynchronous matcher answers like the synchronous one', async () => {
    await fc.assert(
      fc.asyncProperty(allowlist, requestOrigins, async (specs, origins) => {
        const patterns = specs === '*' ? ['*' as const] : specs.map((spec) => render(spec, [false]))
        const sync = createOriginMatcher(patterns)
        const async = createAsyncOriginMatcher(patterns)
        for (const origin of origins) expect(await async(origin)).toBe(sync(origin))
      }),
      { numRuns: 200, seed: SEED + 13 },
    )
  })

  it('the order of the allowlist does not matter', () => {
    fc.assert(
      fc.property(fc.array(listedSpec, { minLength: 2, maxLength: 6 }), requestOrigins, label, (specs, origins, fill) => {
        const patterns = specs.map((spec) => render(spec, [false]))
        const forward = createOriginMatcher(patterns)
        const backward = createOriginMatcher([...patterns].reverse())
        for (const origin of [...origins, ...specs.flatMap((spec) => nearMisses(spec, fill, '3000'))]) {
          expect(backward(origin)).toBe(forward(origin))
        }
      }),
      { numRuns: 200, seed: SEED + 14 },
    )
  })
})

describe('the request-origin parser agrees with the reference parser', { timeout: TIMEOUT }, () => {
  const originLike = fc.oneof(
    plainOrigin,
    hostileString,
    fc.tuple(
      fc.constantFrom('http', 'https', 'HTTP', 'web+app', '1x', 'a.b-c', ''),
      fc.constantFrom('://', ':/', '//', ':///'),
      fc.array(fc.constantFrom('a', 'B', '1', '-', '_', '', '%', 'é', '[::1]', '[', ']', '::'), { maxLength: 6 }).map((parts) => parts.join('.')),
      fc.constantFrom('', ':', ':0', ':1', ':80', ':65535', ':65536', ':099', ':*', '/', '?', '#', ' ', '\n'),
    ).map((parts) => parts.join('')),
    fc.tuple(label, fc.integer({ min: 300, max: 340 })).map(([l, length]) => `https://${l.repeat(length)}`.slice(0, length)),
  )

  it('accepts exactly the serialized origins, with the same parts', () => {
    fc.assert(
      fc.property(originLike, (value) => {
        const reference = refParse(value)
        const parsed = parseSerializedOrigin(value)
        if (reference === undefined) expect(parsed).toBeUndefined()
        else expect(parsed).toEqual(reference)
      }),
      { numRuns: 3000, seed: SEED + 15 },
    )
  })
})

// ---------------------------------------------------------------------------
// Wildcards over public suffixes, several wildcards per pattern, and the
// strangers property. The reference PSL engine is tldts (a devDependency,
// independent of our lookup), plus the additions src/origin/public-suffix.ts
// documents (every name under amazonaws.com and on.aws, and wordpress.com).

const TLDTS = { allowPrivateDomains: true, extractHostname: false, validateHostname: false, detectIp: false } as const
const OWN_TREES = ['amazonaws.com', 'on.aws']

function refPublicSuffix(host: string): string {
  if (OWN_TREES.some((tree) => host === tree || host.endsWith(`.${tree}`))) return host
  const suffix = getPublicSuffix(host, TLDTS) ?? host
  // wordpress.com is ours: longer than the PSL's `com`, shorter than any PSL rule under it.
  return suffix === 'com' && (host === 'wordpress.com' || host.endsWith('.wordpress.com')) ? 'wordpress.com' : suffix
}

/** The name a stranger registers: one label more than the public suffix. */
function refRegistrable(host: string): string | undefined {
  const suffix = refPublicSuffix(host)
  if (suffix === host) return undefined
  const rest = host.slice(0, -suffix.length - 1)
  return `${rest.slice(rest.lastIndexOf('.') + 1)}.${suffix}`
}

/** Rules taken from the list itself, every 40th, with PSL wildcards filled in and exceptions as names. */
const SAMPLED_SUFFIXES: readonly string[] = PUBLIC_SUFFIX_RULES.trim().split(' ')
  .flatMap((group) => {
    const [parent, firsts] = group.split(':') as [string, string]
    return firsts.split(',').map((first) => `${first}.${parent}`)
  })
  .filter((_, i) => i % 40 === 0)
  .map((rule) => rule.replace(/^!/, '').replace(/^\*\./, 'zz.'))
  .filter((rule) => rule.length < 60)

/** Public suffixes, hosting platforms, names under them, and names of our own. */
const SUFFIXES = fc.oneof(
  fc.constantFrom(
    'co.uk', 'github.io', 'netlify.app', 'vercel.app', 'deno.dev', 'repl.co', 'ac.jp', 'blogspot.com', 'com', 'dev',
    'ck', 'foo.ck', 'www.ck', 'kawasaki.jp', 'foo.kawasaki.jp', 'city.kawasaki.jp', 'amazonaws.com',
    'us-east-1.elb.amazonaws.com', 'execute-api.us-east-1.amazonaws.com', 'lambda-url.eu-west-1.on.aws', 'wordpress.com',
    'example.com', 'a.example.com', 'example.co.uk', 'mine.github.io', 'localhost', 'example.ab',
  ),
  fc.constantFrom(...SAMPLED_SUFFIXES),
)
/** Labels in front of the suffix: whole `*`, globs with one or more `*`, literals. */
const FRONT_LABEL = fc.constantFrom('*', '*', 'a*', '*b', 'a*b', '*-*', 'a*b*', '**', 'a', 'b', 'ab')
const FILL = fc.constantFrom('a', 'b', 'ab', 'ba', 'a-b', 'x1')

interface WildSpec { readonly front: readonly string[]; readonly suffix: string }

/** Should the pattern be accepted, by the documented rules? */
function refAccepts({ front, suffix }: WildSpec): boolean {
  const labels = [...front, ...suffix.split('.')]
  if (labels.some((label) => label !== '*' && label.split('*').length > 2)) return false
  if (labels.some((label, i) => label === '*' && i > 0)) return false
  if (labels.every((label) => !label.includes('*'))) return true
  const lastWild = labels.findLastIndex((label) => label.includes('*'))
  const fixed = labels.slice(lastWild + 1).join('.')
  if (fixed === '') return false
  return fixed === 'localhost' || refPublicSuffix(fixed) !== fixed
}

/** Does the pattern match the host (for an accepted pattern)? */
function refWildMatches({ front, suffix }: WildSpec, host: string): boolean {
  const labels = [...front, ...suffix.split('.')]
  const hostLabels = host.split('.')
  if (labels[0] === '*' && labels.slice(1).every((label) => !label.includes('*'))) {
    return host.endsWith(`.${labels.slice(1).join('.')}`)
  }
  return hostLabels.length === labels.length && hostLabels.every((label, i) => labelGlobMatches(labels[i] as string, label))
}

/** Hosts one to three labels deep under the suffix, and lookalikes. */
function candidateHosts(suffix: string, fills: readonly string[]): string[] {
  const [x = 'a', y = 'b', z = 'ab'] = fills
  return [`${x}.${suffix}`, `${y}.${suffix}`, `${x}.${y}.${suffix}`, `${y}.${x}.${suffix}`, `${x}.${y}.${z}.${suffix}`,
    `${x}b.${suffix}`, `a${x}b.${suffix}`, `a-${y}.${suffix}`, suffix, `${x}${suffix}`]
}

const wildSpec = fc.record({ front: fc.array(FRONT_LABEL, { minLength: 1, maxLength: 3 }), suffix: SUFFIXES })

describe('wildcard patterns over public suffixes', { timeout: TIMEOUT }, () => {
  it('are accepted exactly when the documented rules allow them, and then match like the reference', () => {
    let accepted = 0
    let refused = 0
    fc.assert(
      fc.property(wildSpec, fc.array(FILL, { minLength: 3, maxLength: 3 }), (spec, fills) => {
        const pattern = `https://${[...spec.front, spec.suffix].join('.')}`
        let isAllowed: ((origin: string) => boolean) | undefined
        try {
          isAllowed = createOriginMatcher(glob(pattern))
        } catch {
          isAllowed = undefined
        }
        expect(isAllowed !== undefined, pattern).toBe(refAccepts(spec))
        if (isAllowed === undefined) {
          refused++
          return
        }
        accepted++
        for (const host of candidateHosts(spec.suffix, fills)) {
          expect(isAllowed(`https://${host}`), `${host} against ${pattern}`).toBe(refWildMatches(spec, host))
        }
      }),
      { numRuns: RUNS * 3, seed: SEED },
    )
    expect(accepted).toBeGreaterThan(RUNS / 4)
    expect(refused).toBeGreaterThan(RUNS / 4)
  })

  it('no accepted pattern matches two names that strangers could register', () => {
    let checked = 0
    fc.assert(
      fc.property(wildSpec, fc.array(FILL, { minLength: 3, maxLength: 3 }), fc.boolean(), (spec, fills, credentials) => {
        // Names under localhost are loopback: no stranger can serve one to your users.
        if (spec.suffix === 'localhost') return
        const pattern = `https://${[...spec.front, spec.suffix].join('.')}`
        let isAllowed: (origin: string) => boolean
        try {
          isAllowed = createOriginMatcher(glob(pattern), { credentials })
        } catch {
          return
        }
        const registrable = new Set<string>()
        for (const host of candidateHosts(spec.suffix, fills)) {
          if (isAllowed(`https://${host}`)) registrable.add(refRegistrable(host) ?? `(the public suffix ${host})`)
        }
        if (registrable.size > 0) checked++
        expect([...registrable], pattern).toHaveLength(Math.min(registrable.size, 1))
      }),
      { numRuns: RUNS * 3, seed: SEED + 1 },
    )
    expect(checked).toBeGreaterThan(RUNS / 10)
  })

  it('the same holds inside brace expansions', () => {
    fc.assert(
      fc.property(fc.array(wildSpec, { minLength: 2, maxLength: 3 }), fc.array(FILL, { minLength: 3, maxLength: 3 }), (specs, fills) => {
        const pattern = `https://{${specs.map((spec) => [...spec.front, spec.suffix].join('.')).join(',')}}`
        let isAllowed: ((origin: string) => boolean) | undefined
        try {
          isAllowed = createOriginMatcher(glob(pattern))
        } catch {
          isAllowed = undefined
        }
        // A brace pattern is accepted only when every alternative is.
        expect(isAllowed !== undefined, pattern).toBe(specs.every(refAccepts))
        if (isAllowed === undefined) return
        for (const spec of specs) {
          for (const host of candidateHosts(spec.suffix, fills)) {
            expect(isAllowed(`https://${host}`), `${host} against ${pattern}`).toBe(specs.some((s) => refWildMatches(s, host)))
          }
        }
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    )
  })
})

// ---------------------------------------------------------------------------
// Request origins against the URL standard's parser

const HOST_PIECES = ['a', 'b', 'xn--', 'xn--bcher-kva', 'xn--f', 'xn--ls8h', '0', '1', '01', '127', '255', '256', '0x', '0x7f', 'ff', '-', '_', '.', '.', '.']
const IPV6_PIECES = ['0', '1', '00', 'ffff', 'FFFF', '1:2', ':', ':', '::', '0:0', '1.2.3.4', 'abcd', '12345', 'g']

const generatedHost = fc.oneof(
  fc.array(fc.constantFrom(...HOST_PIECES), { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join('')),
  fc.array(fc.constantFrom(...IPV6_PIECES), { minLength: 1, maxLength: 10 }).map((pieces) => `[${pieces.join('')}]`),
  fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')),
  fc.array(fc.nat(2 ** 16), { minLength: 1, maxLength: 8 }).map((parts) => `[${parts.map((n) => n.toString(16)).join(':')}]`),
)
const generatedOrigin = fc.tuple(
  fc.constantFrom('http', 'https', 'ws', 'wss', 'ftp', 'file', 'capacitor', 'chrome-extension', 'data', 'blob'),
  generatedHost,
  fc.constantFrom('', ':0', ':1', ':21', ':80', ':443', ':3000', ':65535', ':65536'),
).map(([scheme, host, port]) => `${scheme}://${host}${port}`)

describe('the request-origin parser accepts only what the URL standard serializes', { timeout: TIMEOUT }, () => {
  it('every value it accepts is its own serialization by new URL(value).origin', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(generatedOrigin, plainOrigin), (value) => {
        const parsed = parseSerializedOrigin(value)
        if (parsed === undefined) return
        accepted++
        expect(urlStandardOrigin(value, parsed.scheme, parsed.port), value).toBe(value)
      }),
      { numRuns: RUNS * 10, seed: SEED + 3 },
    )
    expect(accepted).toBeGreaterThan(RUNS)
  })

  it('accepts what a browser serializes, within the supported form (no trailing dot or port 0, host characters a-z 0-9 - _)', () => {
    fc.assert(
      fc.property(generatedOrigin, (value) => {
        let origin: string
        try {
          origin = new URL(value).origin
        } catch {
          return
        }
        const host = origin.slice(origin.indexOf('://') + 3).replace(/:[0-9]+$/, '')
        // Port 0 is refused on purpose: no page is served from it.
        if (origin === 'null' || origin.endsWith(':0') || host.startsWith('.') || host.endsWith('.') || host.includes('..') || !/^(\[[0-9a-f:]+\]|[a-z0-9_.-]+)$/.test(host) || origin.length > 320) return
        // Node 24's parser keeps an xn-- label that does not decode (browsers,
        // and Node 20 and 22, refuse the URL): such a label is not a browser's.
        if (host.split('.').some((label) => label.startsWith('xn--') && domainToUnicode(label) === label)) return
        expect(parseSerializedOrigin(origin), origin).toBeDefined()
      }),
      { numRuns: RUNS * 10, seed: SEED + 4 },
    )
  })
})
