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
  // Stryker disable next-line ConditionalExpression: equivalent, were it always true, every refusal and every preflight would take the general path, which gives the same answer
  const logs = policy.logger !== undefined
  // Stryker disable next-line ConditionalExpression: equivalent, were it always false, every preflight would take the general path, which gives the same answer
  const preflightFast = !logs && !policy.mirrorMethods && !policy.mirrorHeaders
  // Stryker disable next-line ObjectLiteral,StringLiteral,BooleanLiteral: equivalent, scanHeaders sets both fields before anything reads them
  const scratch: PreflightScan = { method: '', privateNetwork: false }

  /** The memo entry of a single origin, judged by the static rules; `undefined` when predicates must decide. */
  // Stryker disable next-line BlockStatement: equivalent, without an entry every request takes the general path, which gives the same answer
  const entryFor = (origin: string): OriginMemoEntry | undefined => {
    const known = memo.get(origin)
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the memo only saves work: without it the origin is judged again, to the same entry, or the request takes the general path
    if (known !== undefined) return known
    const match = matchStatic(policy.origins, origin)
    // Stryker disable next-line ConditionalExpression: equivalent, the request then takes the general path, which judges the origin to the same answer
    if (match === 'ask-predicates') return undefined
    const verdict: OriginVerdict = Object.freeze(
      match === 'allowed'
        ? { kind: 'allowed', origin }
        : {
          kind: 'refused',
          origin,
          // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent, only a logged refusal record reads the reason, and with a logger refusals take the general path
          reason: match === 'invalid' ? 'origin-invalid' : 'origin-not-allowed',
        },
    )
    return memo.remember(origin, { verdict, actual: frozenHeaderSet(actualResponseHeaders(policy, verdict).set), preflight: undefined })
  }

  return {
    // Stryker disable next-line BlockStatement: equivalent, without the fast path every request takes the general path, which gives the same answer
    actualHeaders(event) {
      // Stryker disable next-line ConditionalExpression: equivalent, actualResponseHeaders gives the same static set for a '*' policy whatever the origin; this only skips reading and judging the Origin
      if (policy.anyOrigin) return policy.staticActualHeaders
      const origin = scanHeaders(event)
      if (origin === undefined) return absentActual
      // Stryker disable next-line ConditionalExpression: equivalent, the request then takes the general path, which gives the same answer
      if (origin === AMBIGUOUS) return undefined
      const entry = entryFor(origin)
      // Stryker disable next-line ConditionalExpression: equivalent, the request then takes the general path, which gives the same answer
      if (entry === undefined) return undefined
      // A refusal to log is logged by the general path.
      // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, sending more requests to the general path (an allowed origin, or a refusal with no logger) only costs time
      if (logs && entry.verdict.kind !== 'allowed') return undefined
      return entry.actual
    },

    // Stryker disable next-line BlockStatement: equivalent, without the fast path every preflight takes the general path, which gives the same answer
    preflightHeaders(event) {
      // Stryker disable next-line ConditionalExpression: equivalent, every preflight then takes the general path, which gives the same answer
      if (!preflightFast) return undefined
      const scan = scratch
      const origin = scanHeaders(event, scan, policy.privateNetwork)
      if (origin === undefined || scan.method === '') return NOT_PREFLIGHT
      // Stryker disable next-line ConditionalExpression: equivalent, the request then takes the general path, which gives the same answer
      if (origin === AMBIGUOUS) return undefined
      const entry = entryFor(origin)
      // Stryker disable next-line ConditionalExpression: equivalent, the request then takes the general path, which gives the same answer
      if (entry === undefined) return undefined
      // Neither the method nor the header list changes this answer (no
      // mirroring, no logger); Private Network Access adds a header.
      if (policy.privateNetwork && scan.privateNetwork) {
        return preflightResponseHeaders(policy, entry.verdict, { method: scan.method, requestHeaders: NO_VALUES, privateNetwork: true }).set
      }
      // Stryker disable next-line AssignmentOperator: equivalent, never filling the entry returns undefined, and the general path answers
      return (entry.preflight ??= frozenHeaderSet(
        // Stryker disable next-line ObjectLiteral: equivalent, without mirroring or a logger the answer reads only the query's privateNetwork, and a missing flag reads as false
        preflightResponseHeaders(policy, entry.verdict, { method: scan.method, requestHeaders: NO_VALUES, privateNetwork: false }).set,
      ))
    },
  }
}
