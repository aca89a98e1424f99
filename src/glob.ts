/**
 * lambda-cors/glob: micromatch globs in origin allowlists.
 *
 * Globs come from their own entry point so that an allowlist without one
 * never loads micromatch (it is not even in a bundle that does not import
 * this module), and so that every glob stands out in a review:
 *
 * @example
 * import { glob } from 'lambda-cors/glob'
 * cors({ origins: ['https://app.example.com', glob('https://{app,admin}.example.com'), glob('https://pr-*.preview.example.com')] })
 */
import micromatch from 'micromatch'
import { GLOB_BRAND, type GlobEngine, type OriginGlob } from './origin/glob-pattern.js'

/** The two micromatch calls the pattern compiler needs. */
const engine: GlobEngine = Object.freeze({
  expandBraces: (pattern: string, limit: number): string[] => micromatch.braces(pattern, { expand: true, rangeLimit: limit }),
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, pattern.ts passes only letters, digits, '_', '-', '*' and '/' (no brace, parenthesis or '!'), and a request host has no empty label, so no subject segment starts with a dot
  hostRegExp: (hostPath: string): RegExp => micromatch.makeRe(hostPath, { nobrace: true, noext: true, nonegate: true, dot: true }),
})

/**
 * Marks an allowlist entry as a glob: braces list alternatives
 * (`'https://{app,admin}.example.com'`, `'http://localhost:{3000,5173}'`)
 * and `*` inside a label matches within that label
 * (`'https://pr-*.preview.example.com'`). Nothing is validated here: `cors()`,
 * `preflightHandler()` and the matchers validate it with every other entry and
 * throw {@link CorsConfigError} listing every problem.
 */
export function glob(pattern: string): OriginGlob {
  return Object.freeze({ [GLOB_BRAND]: true as const, pattern, engine })
}

export type { OriginGlob }
