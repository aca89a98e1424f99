/**
 * Parsing of the `Origin` request header.
 *
 * Browsers send the ASCII serialization of an origin: a lower-case scheme,
 * `://`, a lower-case (punycode) host and a port only when it is not the
 * scheme's default; or the opaque `null`. Anything else did not come from a
 * browser's own serialization and is never allowed, so it is never reflected.
 */

/**
 * Longest `Origin` value considered. A DNS name has at most 253 characters,
 * and schemes and ports add a few dozen; past this bound a value is refused
 * before any parsing work, so a hostile megabyte costs one length check.
 */
export const MAX_ORIGIN_LENGTH = 320

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

/**
 * Parses a serialized origin, or returns `undefined` when the value is not
 * one (too long, upper-case, a path, a bad port, `null`, ...).
 */
export function parseSerializedOrigin(value: string): SerializedOrigin | undefined {
  if (value.length > MAX_ORIGIN_LENGTH) return undefined
  const match = SERIALIZED_ORIGIN.exec(value)
  if (match === null) return undefined
  const port = match[3] ?? ''
  if (port !== '' && Number(port) > 65535) return undefined
  return { scheme: match[1] as string, host: match[2] as string, port }
}
