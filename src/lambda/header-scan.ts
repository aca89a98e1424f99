/**
 * Allocation-free reads of the request headers the hot path needs, with
 * exactly the semantics of `readCorsRequest` (src/lambda/event.ts): names in
 * any case, in `headers` and then `multiValueHeaders`, string or string-array
 * values, a value repeated across the two maps counted once.
 *
 * `readCorsRequest` builds lists of every value; these functions keep only
 * what one answer needs, so the common request allocates nothing here.
 */

type Fields = Record<string, unknown>

const hasOwn = Object.prototype.hasOwnProperty

/** Two distinct Origin values: no single origin to trust. */
export const AMBIGUOUS: unique symbol = Symbol('ambiguous origin')

/**
 * Whether `name` is `lower` (a lower-case ASCII header name) in any case,
 * exactly as `name.toLowerCase() === lower`, without allocating a string.
 *
 * Outside ASCII, only U+212A KELVIN SIGN lower-cases to an ASCII letter (k)
 * on its own; U+0130 becomes i plus a combining dot, which changes the
 * length (test/lambda-header-readers.property.test.ts checks every code point).
 */
export function isHeaderName(name: string, lower: string): boolean {
  const length = lower.length
  if (name.length !== length) return false
  for (let i = 0; i < length; i++) {
    const c = name.charCodeAt(i)
    const wanted = lower.charCodeAt(i)
    if (c === wanted || (c === 0x212a && wanted === 0x6b)) continue
    if (wanted < 0x61 || wanted > 0x7a || c !== wanted - 0x20) return false
  }
  return true
}

/** What one scan found. Reused: the scan allocates nothing. */
let origin: string | undefined
let otherOrigin = false
let seen = 0

const ORIGIN = 1
const REQUEST_METHOD = 2
const PRIVATE_NETWORK = 8

/** What the preflight path needs besides the origin. */
export interface PreflightScan {
  /** The first non-blank Access-Control-Request-Method, trimmed; `''` when there is none (not a preflight). */
  method: string
  /** Access-Control-Request-Private-Network: its first non-blank value is `true` (read only when asked for). */
  privateNetwork: boolean
}

/** Records one Origin value; returns `false` once a second, different one was seen. */
function takeOrigin(item: unknown): boolean {
  if (typeof item !== 'string') return true
  if (origin === undefined) origin = item
  else if (item !== origin) otherOrigin = true
  return !otherOrigin
}

function takeMethod(into: PreflightScan, item: unknown): boolean {
  if (typeof item !== 'string') return true
  const trimmed = item.trim()
  if (trimmed === '') return true
  into.method = trimmed
  return false
}

function takePrivateNetwork(into: PreflightScan, item: unknown): boolean {
  if (typeof item !== 'string') return true
  const trimmed = item.trim()
  if (trimmed === '') return true
  into.privateNetwork = trimmed.toLowerCase() === 'true'
  return false
}

/**
 * One pass over a header map, skipping the names in `skip` (bits): Origin
 * always; with `preflight`, also Access-Control-Request-Method and, with
 * `privateNetwork`, its Private Network Access companion. Names are tested by
 * length first, so most are skipped after one comparison.
 */
function scanMap(map: unknown, skip: number, preflight: PreflightScan | undefined, privateNetwork: boolean): void {
  // As `readCorsRequest`, any object is a map (an array too: its own named properties are read).
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, for...in visits no name of undefined, null, a number or a boolean, and only the digit names of a string's indices, none of them a header this scan reads; the test only skips the loop
  if (typeof map !== 'object' || map === null) return
  for (const name in map) {
    const length = name.length
    if (length === 6) {
      if ((skip & ORIGIN) !== 0) continue
      // Property names from JSON.parse are internalized, so the usual
      // spellings compare by identity before any character is read.
      // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, isHeaderName gives the same answer for the two usual spellings; comparing them first only saves reading characters
      if (name !== 'Origin' && name !== 'origin'
        && !isHeaderName(name, 'origin')) continue
      if (!hasOwn.call(map, name)) continue
      seen |= ORIGIN
      const value = (map as Fields)[name]
      if (Array.isArray(value)) {
        // Stryker disable next-line EqualityOperator: equivalent, one step more reads value[length], which is undefined, and take* passes over anything but a string
        for (let i = 0; i < value.length; i++) if (!takeOrigin(value[i])) break
      } else takeOrigin(value)
    } else if (preflight !== undefined) {
      if (length === 29) {
        if ((skip & REQUEST_METHOD) !== 0) continue
        // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, isHeaderName gives the same answer for the two usual spellings; comparing them first only saves reading characters
        if (name !== 'Access-Control-Request-Method' && name !== 'access-control-request-method'
          && !isHeaderName(name, 'access-control-request-method')) continue
        if (!hasOwn.call(map, name)) continue
        seen |= REQUEST_METHOD
        if (preflight.method !== '') continue
        const value = (map as Fields)[name]
        if (Array.isArray(value)) {
          // Stryker disable next-line EqualityOperator: equivalent, one step more reads value[length], which is undefined, and take* passes over anything but a string
          for (let i = 0; i < value.length; i++) if (!takeMethod(preflight, value[i])) break
        } else takeMethod(preflight, value)
      } else if (
        // Stryker disable next-line ConditionalExpression: equivalent, isHeaderName below refuses a name of another length at once; testing the length here only saves the call
        length === 38 && privateNetwork
      ) {
        if ((skip & PRIVATE_NETWORK) !== 0 || !isHeaderName(name, 'access-control-request-private-network') || !hasOwn.call(map, name)) continue
        seen |= PRIVATE_NETWORK
        const value = (map as Fields)[name]
        if (Array.isArray(value)) {
          // Stryker disable next-line EqualityOperator: equivalent, one step more reads value[length], which is undefined, and take* passes over anything but a string
          for (let i = 0; i < value.length; i++) if (!takePrivateNetwork(preflight, value[i])) break
        } else takePrivateNetwork(preflight, value)
      }
    }
  }
}

/**
 * The request's Origin: the value, `undefined` when there is none, or
 * {@link AMBIGUOUS} when it carries two distinct values: the answer
 * `judgeOrigin` gives from `readCorsRequest(event).origins`. With
 * `preflight`, fills it in the same pass, as `readCorsRequest` reads it.
 *
 * Like `readCorsRequest`, it reads `multiValueHeaders` first (where both
 * maps are filled, it holds every value) and does not read again from
 * `headers` a name found there.
 */
export function scanHeaders(
  event: Fields,
  preflight?: PreflightScan,
  privateNetwork = false,
): string | undefined | typeof AMBIGUOUS {
  origin = undefined
  otherOrigin = false
  seen = 0
  if (preflight !== undefined) {
    preflight.method = ''
    preflight.privateNetwork = false
  }
  scanMap(event.multiValueHeaders, 0, preflight, privateNetwork)
  scanMap(event.headers, seen, preflight, privateNetwork)
  const found = origin
  origin = undefined
  return otherOrigin ? AMBIGUOUS : found
}
