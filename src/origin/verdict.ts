/**
 * The origin check of one request: the Origin values read from the event in,
 * a verdict out. Synchronous unless a predicate has to be awaited.
 */
import type { OriginVerdict } from '../headers/rules.js'
import { matchPredicates, matchStatic, type OriginIndex } from './matcher.js'
import { parseSerializedOrigin } from './serialized-origin.js'

const ABSENT: OriginVerdict = Object.freeze({ kind: 'absent' })

/** Decides whether the request's origin is allowed. */
export function judgeOrigin(index: OriginIndex, values: readonly string[], event: unknown): OriginVerdict | Promise<OriginVerdict> {
  const origin = values[0]
  if (origin === undefined) return ABSENT
  for (let i = 1; i < values.length; i++) {
    // Two different Origin values: no single origin to trust.
    if (values[i] !== origin) return { kind: 'refused', origin, reason: 'origin-ambiguous' }
  }
  const decided = matchStatic(index, origin)
  if (decided === true) return { kind: 'allowed', origin }
  if (decided === false) return refused(origin)
  return matchPredicates(index, origin, event).then((allowed) => (allowed ? { kind: 'allowed', origin } : refused(origin)))
}

function refused(origin: string): OriginVerdict {
  const valid = origin === 'null' || parseSerializedOrigin(origin) !== undefined
  return { kind: 'refused', origin, reason: valid ? 'origin-not-allowed' : 'origin-invalid' }
}
