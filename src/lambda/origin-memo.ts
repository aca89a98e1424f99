/**
 * A bounded memo of what the static rules (exact origins, wildcards, globs,
 * RegExps) say of an origin, with the frozen header sets that follow.
 *
 * Why it is safe:
 * - Only static verdicts are kept: they depend on the origin string and the
 *   frozen policy alone. An origin that only a predicate can judge is never
 *   stored, so no request ever gets an answer computed for another request's
 *   event.
 * - What is stored is immutable (frozen verdicts and header sets); every
 *   response is still a fresh copy.
 * - Its size is bounded: it holds at most {@link ORIGIN_MEMO_CAPACITY}
 *   origins of at most MAX_ORIGIN_LENGTH characters. When it is full it is
 *   emptied and refills with the origins that keep coming, so a stream of
 *   distinct origins costs a look-up miss each, never memory.
 */
import type { CorsHeaderSet, OriginVerdict } from '../headers/rules.js'
import { MAX_ORIGIN_LENGTH } from '../origin/serialized-origin.js'

/** The most origins one middleware remembers. */
export const ORIGIN_MEMO_CAPACITY = 500

/** One remembered origin. */
export interface OriginMemoEntry {
  readonly verdict: OriginVerdict
  /** The actual-response header set for this verdict. */
  readonly actual: CorsHeaderSet
  /** The preflight header set when it does not depend on the request (filled on first use). */
  preflight: CorsHeaderSet | undefined
}

export class OriginMemo {
  readonly #entries = new Map<string, OriginMemoEntry>()
  readonly #capacity: number

  constructor(capacity: number = ORIGIN_MEMO_CAPACITY) {
    this.#capacity = capacity
  }

  get(origin: string): OriginMemoEntry | undefined {
    return this.#entries.get(origin)
  }

  /** Remembers `entry` for `origin`, unless the origin is too long to be a serialized origin. */
  remember(origin: string, entry: OriginMemoEntry): OriginMemoEntry {
    if (origin.length > MAX_ORIGIN_LENGTH) return entry
    if (this.#entries.size >= this.#capacity) this.#entries.clear()
    this.#entries.set(origin, entry)
    return entry
  }

  /** How many origins are remembered (for tests). */
  get size(): number {
    return this.#entries.size
  }
}

/**
 * A header set that cannot be changed by whoever reads it: the set itself
 * when it is frozen throughout already (the policy's constant sets), else a
 * frozen copy.
 */
export function frozenHeaderSet(set: CorsHeaderSet): CorsHeaderSet {
  if (Object.isFrozen(set) && Object.isFrozen(set.headers)) return set
  return Object.freeze({ headers: Object.freeze({ ...set.headers }), vary: set.vary })
}
