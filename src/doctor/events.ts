/**
 * Realistic HTTP API (payload 2.0) events for a browser's request, as API
 * Gateway would hand them to the function: lower-case header names, the
 * preflight's two Access-Control-Request-* headers as the browser sends them.
 */
import type { BrowserRequest } from '../browser/request.js'
import type { PreflightNeed } from '../browser/safelist.js'
import { settableHeaders } from '../browser/safelist.js'

/** The headers a browser sends on the preflight. */
export function preflightRequestHeaders(request: BrowserRequest, need: PreflightNeed): Record<string, string> {
  const headers: Record<string, string> = {
    accept: '*/*',
    origin: request.origin,
    'access-control-request-method': need.method,
  }
  if (need.headerNames.length > 0) headers['access-control-request-headers'] = need.headerNames.join(',')
  headers['sec-fetch-mode'] = 'cors'
  return headers
}

/** The headers a browser sends on the actual request (page script's own, then Origin). */
export function actualRequestHeaders(request: BrowserRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: '*/*' }
  for (const [name, value] of settableHeaders(request.headers)) headers[name.toLowerCase()] = value
  headers.origin = request.origin
  headers['sec-fetch-mode'] = 'cors'
  return headers
}

/** An HTTP API payload 2.0 event for `method` on `url` with `headers`. */
export function httpApiEvent(url: string, method: string, headers: Record<string, string>): Record<string, unknown> {
  const parsed = new URL(url)
  const now = Date.now()
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: parsed.pathname,
    rawQueryString: parsed.search.slice(1),
    headers: { host: parsed.host, 'user-agent': 'Mozilla/5.0 (lambda-cors explain)', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'explain',
      domainName: parsed.hostname,
      domainPrefix: parsed.hostname.split('.')[0] ?? parsed.hostname,
      http: { method, path: parsed.pathname, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (lambda-cors explain)' },
      requestId: 'explain-request',
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    isBase64Encoded: false,
  }
}
