/** An HTTP response exactly as the front will write it. */
export interface GatewayResponse {
  status: number
  /** Header lines in order, names spelled as the Lambda spelled them; repeats allowed. */
  headerLines: Array<[string, string]>
  body: Buffer
}

export type PayloadFormat = 'rest-v1' | 'http-v2'

/** What API Gateway answers when the integration fails or returns garbage. */
export function badGatewayResponse(): GatewayResponse {
  return {
    status: 502,
    headerLines: [['Content-Type', 'application/json']],
    body: Buffer.from(JSON.stringify({ message: 'Internal server error' })),
  }
}

/**
 * Turns a Lambda result into the HTTP response API Gateway would send, adding
 * nothing of its own (no CORS headers, no inferred status). Returns a reason
 * string instead when API Gateway would reject the result with a 502.
 *
 * REST (1.0): `headers` and `multiValueHeaders` are merged; a name/value pair
 * present in both appears once. HTTP API (2.0): `headers` plus one Set-Cookie
 * line per entry of `cookies`. The 2.0 shortcut of returning a bare string or
 * object is deliberately not interpreted here: wrapping it is the library's
 * job, and a front that did it would hide a library that forgot to.
 */
export function responseFromResult(result: unknown, format: PayloadFormat): GatewayResponse | string {
  if (typeof result !== 'object' || result === null) return `result is ${typeof result}, not an object`
  const fields = result as Record<string, unknown>
  const { statusCode, body, isBase64Encoded } = fields
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return `statusCode is ${JSON.stringify(statusCode)}; a bare 2.0 result must be wrapped by the library`
  }
  if (body !== undefined && body !== null && typeof body !== 'string') return `body is ${typeof body}, not a string`
  const headerLines: Array<[string, string]> = []
  if (format === 'rest-v1') {
    const multi = asRecord(fields.multiValueHeaders)
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values)) return `multiValueHeaders.${name} is not an array`
      for (const value of values) headerLines.push([name, String(value)])
    }
  }
  for (const [name, value] of Object.entries(asRecord(fields.headers))) {
    const line: [string, string] = [name, String(value)]
    const alreadyThere = headerLines.some(
      ([existing, existingValue]) => existing.toLowerCase() === name.toLowerCase() && existingValue === line[1],
    )
    if (!alreadyThere) headerLines.push(line)
  }
  if (format === 'http-v2') {
    const cookies = fields.cookies ?? []
    if (!Array.isArray(cookies)) return 'cookies is not an array'
    for (const cookie of cookies) headerLines.push(['Set-Cookie', String(cookie)])
  }
  const text = typeof body === 'string' ? body : ''
  return {
    status: statusCode,
    headerLines,
    body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
