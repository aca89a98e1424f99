/**
 * The fast path of one middleware: header sets for the common requests,
 * read from the event without building a `CorsRequest` and remembered per
 * origin. Whenever it cannot answer exactly as the general path
 * (lambda/answers.ts) would (two Origin values, an origin only a predicate
 * can judge, a refusal to log, a mirrored preflight), it returns `undefined`
 * and the caller takes the general path.
 */
import {
  actualResponseHeaders,
  preflightResponseHeaders,
  type CorsHeaderSet,
  type OriginVerdict,
} from '../headers/rules.js'
import { matchStatic } from '../origin/matcher.js'
import type { CorsPolicy } from '../policy/compile.js'
import { AMBIGUOUS, scanHeaders, type PreflightScan } from './header-scan.js'
import { OriginMemo, frozenHeaderSet, type OriginMemoEntry } from './origin-memo.js'

type Fields = Record<string, unknown>

/** The request is an OPTIONS request but not a preflight: nothing to answer in `before`. */
export const NOT_PREFLIGHT: unique symbol = Symbol('not a preflight')

const ABSENT: OriginVerdict = Object.freeze({ kind: 'absent' })
const NO_VALUES: readonly string[] = Object.freeze([])

export interface Responder {
  /** The header set of an actual (non-OPTIONS) request, or `undefined` for the general path. */
  actualHeaders(event: Fields): CorsHeaderSet | undefined
  /** The header set of a preflight, {@link NOT_PREFLIGHT}, or `undefined` for the general path. */
  preflightHeaders(event: Fields): CorsHeaderSet | typeof NOT_PREFLIGHT | undefined
}

export function createResponder(policy: CorsPolicy): Responder {
  const memo = new OriginMemo()
  const absentActual = frozenHeaderSet(actualResponseHeaders(policy, ABSENT).set)
  const logs = policy.logger !== undefined
  const preflightFast = !logs && !policy.mirrorMethods && !policy.mirrorHeaders
  const scratch: PreflightScan = { method: '', privateNetwork: false }

  /** The memo entry of a single origin, judged by the static rules; `undefined` when predicates must decide. */
  const entryFor = (origin: string): OriginMemoEntry | undefined => {
    const known = memo.get(origin)
    if (known !== undefined) return known
    const match = matchStatic(policy.origins, origin)
    if (match === 'ask-predicates') return undefined
    const verdict: OriginVerdict = Object.freeze(
      match === 'allowed'
        ? { kind: 'allowed', origin }
        : { kind: 'refused', origin, reason: match === 'invalid' ? 'origin-invalid' : 'origin-not-allowed' },
    )
    return memo.remember(origin, { verdict, actual: frozenHeaderSet(actualResponseHeaders(policy, verdict).set), preflight: undefined })
  }

  return {
    actualHeaders(event) {
      if (policy.anyOrigin) return policy.staticActualHeaders
      const origin = scanHeaders(event)
      if (origin === undefined) return absentActual
      if (origin === AMBIGUOUS) return undefined
      const entry = entryFor(origin)
      if (entry === undefined || (logs && entry.verdict.kind !== 'allowed')) return undefined
      return entry.actual
    },

    preflightHeaders(event) {
      if (!preflightFast) return undefined
      const scan = scratch
      const origin = scanHeaders(event, scan, policy.privateNetwork)
      if (origin === undefined || scan.method === '') return NOT_PREFLIGHT
      if (origin === AMBIGUOUS) return undefined
      const entry = entryFor(origin)
      if (entry === undefined) return undefined
      // Neither the method nor the header list changes this answer (no
      // mirroring, no logger); Private Network Access adds a header.
      if (policy.privateNetwork && scan.privateNetwork) {
        return preflightResponseHeaders(policy, entry.verdict, { method: scan.method, requestHeaders: NO_VALUES, privateNetwork: true }).set
      }
      return (entry.preflight ??= frozenHeaderSet(
        preflightResponseHeaders(policy, entry.verdict, { method: scan.method, requestHeaders: NO_VALUES, privateNetwork: false }).set,
      ))
    },
  }
}
