/**
 * Parsing of the `Origin` request header.
 *
 * Browsers send the ASCII serialization of an origin: a lower-case scheme,
 * `://`, a lower-case (punycode) host and a port only when it is not the
 * scheme's default; or the opaque `null`. Anything else did not come from a
 * browser's own serialization and is never allowed, so it is never reflected.
 *
 * The host is checked as the URL standard's host parser would leave it: an
 * IPv4 address only in its canonical dotted form (`127.1` and `1` are not
 * what a browser sends), an IPv6 address only in its canonical compressed
 * form, punycode labels only when they decode. Every check is a bounded,
 * linear scan; only a host with an `xn--` label is handed to the URL parser.
 */

/**
 * Longest `Origin` value considered. A DNS name has at most 253 characters,
 * and schemes and ports add a few dozen; past this bound a value is refused
 * before any parsing work, so a hostile megabyte costs one length check.
 */
export const MAX_ORIGIN_LENGTH = 320

/** Longest host name: a DNS name has at most 253 characters. */
export const MAX_HOST_LENGTH = 253

/** The parts of a valid serialized origin. */
export interface SerializedOrigin {
  /** Lower-case scheme without `://`. */
  readonly scheme: string
  /** Lower-case host: a DNS name, an IPv4 address or a bracketed IPv6 address. */
  readonly host: string
  /** The port digits, or `''` when the origin has none. */
  readonly port: string
}

// Linear-time: every repetition is separated by a character it cannot
// contain, so there is no ambiguous backtracking.
const SERIALIZED_ORIGIN =
  /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*)(?::([1-9][0-9]{0,4}))?$/

/** Ports a browser leaves out of the serialization (the URL standard's special schemes). */
export const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443', ftp: '21' }

/**
 * Schemes whose documents have an opaque origin (sent as `null`) or borrow
 * another one (`blob:`): a browser never sends `file://...` and the like.
 */
export const OPAQUE_SCHEMES: ReadonlySet<string> = new Set(['file', 'data', 'javascript', 'about', 'blob'])

/**
 * Parses a serialized origin, or returns `undefined` when the value is not
 * one a browser would send (too long, upper-case, a path, a bad or default
 * port, `null`, a host the URL standard refuses or would rewrite, ...).
 */
export function parseSerializedOrigin(value: string): SerializedOrigin | undefined {
  if (value.length > MAX_ORIGIN_LENGTH) return undefined
  const match = SERIALIZED_ORIGIN.exec(value)
  if (match === null) return undefined
  const scheme = match[1] as string
  const host = match[2] as string
  const port = match[3] ?? ''
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, an empty port is neither above 65535 nor any scheme's default; this only skips both checks for the usual origin without a port
  if (port !== '' && (Number(port) > 65535 || DEFAULT_PORTS[scheme] === port)) return undefined
  if (OPAQUE_SCHEMES.has(scheme) || !isSerializedHost(host)) return undefined
  return { scheme, host, port }
}

/**
 * Is `host` (already lower-case ASCII, labels of `[a-z0-9_-]`, or a
 * bracketed literal of hex digits, colons and dots) exactly what the URL
 * standard serializes it as?
 */
export function isSerializedHost(host: string): boolean {
  if (host.charCodeAt(0) === 0x5b /* [ */) return isCanonicalIPv6(host.slice(1, -1))
  // The URL parser reads a host whose last label is a number as IPv4.
  if (endsInNumber(host)) return isCanonicalIPv4(host)
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the URL parser leaves every other host of [a-z0-9_-] labels not ending in a number as it is; this only keeps the parser off the common path
  if (host.startsWith('xn--') || host.includes('.xn--')) return punycodeIsValid(host)
  return true
}

/**
 * The URL standard's "ends in a number": the last label is digits, or `0x`
 * and hex digits. As in the standard, one trailing dot is dropped first, so
 * `1.2.3.4.` ends in a number (browsers read it as the address `1.2.3.4`)
 * while `xn--f.com.` and `1.2.3..` do not.
 */
export function endsInNumber(host: string): boolean {
  const end = host.endsWith('.') ? host.length - 1 : host.length
  const start = host.lastIndexOf('.', end - 1) + 1
  if (start >= end) return false
  if (host.charCodeAt(start) === 0x30 && host.charCodeAt(start + 1) === 0x78 /* 0x */) {
    for (let i = start + 2; i < end; i++) if (!isHexDigit(host.charCodeAt(i))) return false
    return true
  }
  for (let i = start; i < end; i++) if (!isDigit(host.charCodeAt(i))) return false
  return true
}

/** Four decimal numbers 0-255 without leading zeros: the only IPv4 form a browser serializes. */
function isCanonicalIPv4(host: string): boolean {
  let parts = 0
  let start = 0
  for (let i = 0; i <= host.length; i++) {
    if (i < host.length && host.charCodeAt(i) !== 0x2e /* . */) continue
    const length = i - start
    // No part is empty (the labels are not), and one of four digits or more
    // has a leading zero or is above 255: both are refused below.
    if (++parts > 4) return false
    if (length > 1 && host.charCodeAt(start) === 0x30) return false // leading zero
    let number = 0
    for (let j = start; j < i; j++) {
      const code = host.charCodeAt(j)
      if (!isDigit(code)) return false
      number = number * 10 + code - 0x30
    }
    if (number > 255) return false
    start = i + 1
  }
  return parts === 4
}

const IPV6_PIECE = /^(?:0|[1-9a-f][0-9a-f]{0,3})$/

/**
 * The URL standard's IPv6 serialization: eight pieces in lower-case hex
 * without leading zeros, the first longest run of two or more zero pieces
 * written `::`, no embedded IPv4.
 */
function isCanonicalIPv6(text: string): boolean {
  // No length or character check first: every piece is matched against
  // IPV6_PIECE (a dot, a fifth digit or the empty piece a second `::` leaves
  // all fail it), and the pieces are counted.
  const gap = text.indexOf('::')
  if (gap === -1) {
    const pieces = text.split(':')
    return pieces.length === 8 && pieces.every((piece) => IPV6_PIECE.test(piece)) && longestZeroRun(pieces) < 2
  }
  const left = gap === 0 ? [] : text.slice(0, gap).split(':')
  const right = gap + 2 === text.length ? [] : text.slice(gap + 2).split(':')
  const compressed = 8 - left.length - right.length
  if (compressed < 2) return false // a single zero piece is written 0
  if (!left.every((piece) => IPV6_PIECE.test(piece)) || !right.every((piece) => IPV6_PIECE.test(piece))) return false
  // The compressed run must be the first longest one, and as long as it gets.
  if (left[left.length - 1] === '0' || right[0] === '0') return false
  return longestZeroRun(left) < compressed && longestZeroRun(right) <= compressed
}

function longestZeroRun(pieces: readonly string[]): number {
  let longest = 0
  let run = 0
  for (const piece of pieces) {
    run = piece === '0' ? run + 1 : 0
    // Stryker disable next-line EqualityOperator: equivalent, when run equals longest the assignment changes nothing
    if (run > longest) longest = run
  }
  return longest
}

/**
 * A host with a punycode label is valid only if every `xn--` label decodes
 * to a valid Unicode label. The URL parser decides, and such hosts are rare,
 * so the common path never pays for it. Node 24's parser keeps a label that
 * does not decode (`xn--f`) instead of failing, as Node 20 and 22 and
 * browsers do; node:url's domainToUnicode, which returns such a label
 * unchanged, tells the two apart (loaded only here, never at import).
 */
export function punycodeIsValid(host: string): boolean {
  try {
    if (new URL(`http://${host}`).hostname !== host) return false
  } catch {
    return false
  }
  const url = process.getBuiltinModule?.('node:url')
  if (url === undefined) return true // Node before 20.16: the parser above already refused bad labels
  return host.split('.').every((label) => !label.startsWith('xn--') || url.domainToUnicode(label) !== label)
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 0x61 && code <= 0x66)
}
