/**
 * Glob entries of an allowlist, as made by `glob()` from `lambda-cors/glob`.
 *
 * The glob engine (micromatch) lives behind that entry point: the pattern
 * compiler receives it with each glob entry instead of importing it, so an
 * allowlist without a glob never loads micromatch, and a bundler that sees
 * no import of `lambda-cors/glob` leaves it out of the bundle.
 */

/**
 * Marks a glob entry. `Symbol.for`, so that the mark is the same when
 * `lambda-cors` and `lambda-cors/glob` are loaded as separate files.
 */
export const GLOB_BRAND: unique symbol = Symbol.for('lambda-cors.glob') as never

/** The two glob operations the pattern compiler needs. */
export interface GlobEngine {
  /** Expands `{a,b}` and `{1..3}` alternatives; throws or returns more than `limit` items for a pattern it refuses. */
  expandBraces(pattern: string, limit: number): string[]
  /** A RegExp for a host whose dots were turned into `/`, so that `*` never crosses a label. */
  hostRegExp(hostPath: string): RegExp
}

/** An allowlist entry written `glob('https://{app,admin}.example.com')`. Validated by `cors()` with every other entry. */
export interface OriginGlob {
  readonly [GLOB_BRAND]: true
  /** The pattern as written. */
  readonly pattern: string
  /** @internal The engine that expands and compiles it. */
  readonly engine: GlobEngine
}

export function isOriginGlob(value: unknown): value is OriginGlob {
  return typeof value === 'object' && value !== null && (value as Partial<OriginGlob>)[GLOB_BRAND] === true
}
