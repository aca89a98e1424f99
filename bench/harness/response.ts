import type { APIGatewayProxyResult } from 'aws-lambda'
import type { Expectation } from '../fixtures/request-kinds.js'

/** A response header by case-insensitive name (libraries differ in the casing they emit). */
export function responseHeader(response: APIGatewayProxyResult, name: string): string | null {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(response.headers ?? {})) {
    if (key.toLowerCase() === wanted) return String(value)
  }
  for (const [key, values] of Object.entries(response.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted) return values.map(String).join(', ')
  }
  return null
}

/** The part of a response the reports show: status and the origin decision. */
export interface ResponseSummary {
  status: number
  allowOrigin: string | null
}

export function summarize(response: APIGatewayProxyResult): ResponseSummary {
  return { status: response.statusCode, allowOrigin: abbreviate(responseHeader(response, 'Access-Control-Allow-Origin')) }
}

/** Keep reports small when a middleware echoes a hostile megabyte back. */
function abbreviate(value: string | null): string | null {
  return value !== null && value.length > 100 ? `${value.slice(0, 60)}... (${value.length} bytes)` : value
}

/**
 * Fail loudly when a CORS stack does not do what the scenario requires:
 * timing a middleware that answers the wrong thing measures nothing useful.
 */
export function assertExpected(label: string, response: APIGatewayProxyResult, expected: Expectation): void {
  const { status, allowOrigin } = summarize(response)
  const statusClass = `${Math.floor(status / 100)}xx`
  if (statusClass !== expected.status) throw new Error(`${label}: status ${status}, expected ${expected.status}`)
  if (allowOrigin !== expected.allowOrigin) {
    throw new Error(`${label}: Access-Control-Allow-Origin ${JSON.stringify(allowOrigin)}, expected ${JSON.stringify(expected.allowOrigin)}`)
  }
}
