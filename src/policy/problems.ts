/**
 * One thing wrong with a CORS configuration: which option, the offending
 * value, why it is refused and how to fix it.
 */
export interface CorsConfigProblem {
  /** The option path, for example `origins[2]` or `maxAge`. */
  readonly option: string
  /** The offending value, as the user wrote it (stringified for display). */
  readonly value: string
  /** Why the value is refused. */
  readonly reason: string
  /** What to write instead. */
  readonly fix: string
}

/**
 * Thrown when a configuration is invalid or unsafe. It is thrown once, when
 * the middleware, preflight handler or matcher is built, and lists every
 * problem at once so that one edit fixes them all.
 */
export class CorsConfigError extends Error {
  /** Every problem found, in option order. */
  readonly problems: readonly CorsConfigProblem[]

  constructor(problems: readonly CorsConfigProblem[]) {
    super(formatProblems(problems))
    this.name = 'CorsConfigError'
    this.problems = Object.freeze([...problems])
  }
}

function formatProblems(problems: readonly CorsConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  const lines = problems.map(
    (p) => `  - ${p.option} = ${p.value}: ${p.reason} Fix: ${p.fix}`,
  )
  return `Invalid CORS configuration (${count}):\n${lines.join('\n')}`
}

/** Renders a configured value for an error message without throwing. */
export function displayValue(value: unknown): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, the JSON.stringify below renders a string the same way; this only skips the try
  if (typeof value === 'string') return JSON.stringify(value)
  if (value instanceof RegExp) return String(value)
  if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return Object.prototype.toString.call(value)
  }
}

/** Collects problems while a configuration is validated. */
export class ProblemList {
  readonly items: CorsConfigProblem[] = []

  add(option: string, value: unknown, reason: string, fix: string): void {
    this.items.push({ option, value: displayValue(value), reason, fix })
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new CorsConfigError(this.items)
  }
}
