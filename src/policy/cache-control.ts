/**
 * The `cacheControl` option: a Cache-Control value for preflight answers,
 * checked once so that a typo cannot reach a CDN as a header.
 */
import { isToken } from './http-grammar.js'
import type { ProblemList } from './problems.js'

/** One directive: `name` or `name=token` or `name="quoted"` (RFC 9111, section 5.2). */
const DIRECTIVE = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)(?:=(?:[!#$%&'*+\-.^_`|~0-9A-Za-z]+|"(?:[^"\\\r\n]|\\.)*"))?$/

/** Request-only directives: caches ignore them in a response, so one here is a mistake. */
const REQUEST_ONLY = new Set(['max-stale', 'min-fresh', 'only-if-cached'])

/** Returns the value to write, or `undefined` when the option is unset. */
export function readCacheControl(value: unknown, problems: ProblemList): string | undefined {
  if (value === undefined) return undefined
  const fix = "write cacheControl: 'public, max-age=600' (or leave it out)."
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add('cacheControl', value, 'cacheControl must be a Cache-Control header value, such as \'public, max-age=600\'.', fix)
    return undefined
  }
  const directives = value.split(',').map((part) => part.trim())
  for (const directive of directives) {
    const match = DIRECTIVE.exec(directive)
    if (match === null || !isToken(match[1] as string)) {
      problems.add('cacheControl', value, `"${directive}" is not a Cache-Control directive (name or name=value, separated by commas).`, fix)
      return undefined
    }
    if (REQUEST_ONLY.has((match[1] as string).toLowerCase())) {
      problems.add('cacheControl', value, `${match[1]} is a request directive: caches ignore it in a response.`, fix)
      return undefined
    }
  }
  return directives.join(', ')
}
