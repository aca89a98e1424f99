/**
 * The origin check of one request: the Origin values read from the event in,
 * a verdict out. Synchronous unless a predicate has to be awaited.
 */
import type { OriginVerdict } from '../headers/rules.js'
import { matchPredicates, matchStatic, type OriginIndex } from './matcher.js'

const ABSENT: OriginVerdict = Object.freeze({ kind: 'absent' })

/** Decides whether the request's origin is allowed. */
export function judgeOrigin(index: OriginIndex, values: readonly string[], event: unknown): OriginVerdict | Promise<OriginVerdict> {
  const origin = values[0]
  if (origin === undefined) return ABSENT
  for (let i = 1; i < values.length; i++) {
    // Two different Origin values: no single origin to trust.
    if (values[i] !== origin) return { kind: 'refused', origin, reason: 'origin-ambiguous' }
  }
  switch (matchStatic(index, origin)) {
    case 'allowed': return { kind: 'allowed', origin }
    case 'not-allowed': return { kind: 'refused', origin, reason: 'origin-not-allowed' }
    case 'invalid': return { kind: 'refused', origin, reason: 'origin-invalid' }
    case 'ask-predicates':
      return matchPredicates(index, origin, event).then((allowed): OriginVerdict =>
        allowed ? { kind: 'allowed', origin } : { kind: 'refused', origin, reason: 'origin-not-allowed' })
  }
}
