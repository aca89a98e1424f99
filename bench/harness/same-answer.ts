import type { APIGatewayProxyResult } from 'aws-lambda'

/**
 * A response in a comparable form: header names lower-cased and sorted,
 * single- and multi-value maps kept apart, every other field as is.
 */
export function canonicalResponse(response: APIGatewayProxyResult): string {
  const fields: Record<string, unknown> = {}
  for (const key of Object.keys(response).sort()) {
    const value = (response as unknown as Record<string, unknown>)[key]
    fields[key] = key === 'headers' || key === 'multiValueHeaders' ? canonicalHeaders(value as Record<string, unknown>) : value
  }
  return JSON.stringify(fields)
}

function canonicalHeaders(map: Record<string, unknown> | undefined): unknown {
  if (map === undefined || map === null) return map
  return Object.keys(map)
    .map((name) => [name.toLowerCase(), map[name]] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
}

/** Throws unless two middlewares gave the same response to the same request. */
export function assertSameAnswer(label: string, actual: APIGatewayProxyResult, reference: APIGatewayProxyResult): void {
  const a = canonicalResponse(actual)
  const b = canonicalResponse(reference)
  if (a !== b) throw new Error(`${label}: answers differ from lambda-cors's\n  got      ${a}\n  expected ${b}`)
}
