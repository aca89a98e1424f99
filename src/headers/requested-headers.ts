/**
 * Reading `Access-Control-Request-Headers`.
 *
 * Chromium sends one value of sorted, lower-case names joined by commas, but
 * proxies and other clients may split it over several values, add spaces or
 * leave empty elements. The reader tolerates all of that, and its work is
 * bounded by the policy's budget, not by the size of the value: a hostile
 * megabyte is refused after one length sum.
 */

/** What a preflight's requested header list amounts to. */
export type RequestedHeaders =
  /** Every requested name is allowed; `names` are the requested names, lower-case, for echoing. */
  | { readonly ok: true; readonly names: readonly string[] }
  /** Some names are not allowed (at most a few are kept, for the log). */
  | { readonly ok: false; readonly reason: 'headers-not-allowed'; readonly names: readonly string[] }
  /** The list is longer than any list of allowed names could be. */
  | { readonly ok: false; readonly reason: 'request-headers-too-long'; readonly names: readonly string[] }

/** How many refused names a log record carries. */
const MAX_REPORTED_NAMES = 8
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/

/**
 * Checks the requested names against `allowed` (lower-case names), or
 * accepts any token when `allowed` is `'any'`.
 */
export function readRequestedHeaders(
  values: readonly string[],
  allowed: ReadonlySet<string> | 'any',
  budget: number,
): RequestedHeaders {
  let total = 0
  for (const value of values) total += value.length
  if (total > budget) return { ok: false, reason: 'request-headers-too-long', names: [] }

  const names = new Set<string>()
  const refused: string[] = []
  for (const value of values) {
    for (const element of value.split(',')) {
      const name = element.trim().toLowerCase()
      if (name === '') continue // tolerated: "a,,b" and trailing commas
      if (allowed === 'any' ? TOKEN.test(name) : allowed.has(name)) {
        names.add(name)
      } else if (refused.length < MAX_REPORTED_NAMES) {
        refused.push(name)
      }
    }
  }
  if (refused.length > 0) return { ok: false, reason: 'headers-not-allowed', names: refused }
  return { ok: true, names: [...names] }
}
