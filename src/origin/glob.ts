/**
 * Compiles a host glob (labels with at most one `*` each, a whole `*` label
 * only leftmost, checked by pattern.ts) into the RegExp the matcher runs.
 *
 * Dots become `/` so that micromatch's `*` (compiled to `[^/]*?`) never
 * crosses a label. With one `*` per label, each label's piece is
 * `literal[^/]*?literal` followed by `/` or the end: the lazy run can stop
 * only where the label ends, so a match attempt is linear in the host's
 * length, with no catastrophic backtracking.
 */
import type { GlobEngine } from './glob-pattern.js'

/**
 * The RegExp that tests a request host written with `/` for dots. The
 * engine (micromatch) comes with the glob entry, from `lambda-cors/glob`.
 */
export function compileHostGlob(host: string, engine: GlobEngine): RegExp {
  return engine.hostRegExp(globSubject(host))
}

/** A request host in the form {@link compileHostGlob}'s RegExps test. */
export function globSubject(host: string): string {
  return host.replaceAll('.', '/')
}
