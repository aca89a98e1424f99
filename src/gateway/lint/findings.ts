/**
 * What the lint reports: a code, where, why and how to fix it.
 */
import type { Position } from './yaml-tree.js'

/**
 * - `gateway-cors-conflict`: the gateway's own CORS is on where the function answers CORS.
 * - `options-behind-authorizer`: preflights (which carry no credentials) reach an authorizer or API key check.
 * - `missing-gateway-responses`: a REST API's own errors (4xx, 5xx) carry no CORS headers.
 * - `missing-options-route`: a route browsers preflight has no OPTIONS method or catch-all route.
 */
export type LintCode = 'gateway-cors-conflict' | 'options-behind-authorizer' | 'missing-gateway-responses' | 'missing-options-route'

/** Every code, in report order. */
export const LINT_CODES: readonly LintCode[] = Object.freeze([
  'gateway-cors-conflict', 'options-behind-authorizer', 'missing-gateway-responses', 'missing-options-route',
])

/** One finding. */
export interface LintFinding {
  readonly code: LintCode
  /** 1-based. */
  readonly line: number
  /** 1-based. */
  readonly column: number
  /** Why it is a problem. */
  readonly reason: string
  /** What to change. */
  readonly fix: string
}

export function finding(code: LintCode, at: Position, reason: string, fix: string): LintFinding {
  return { code, line: at.line, column: at.column, reason, fix }
}
