/**
 * "limit": a small hand-written CORS middleware for the benchmark's one
 * policy, written for speed and nothing else, that gives exactly lambda-cors's
 * answers on every request the benchmark sends (checked before timing). It
 * is what the logic cost could be with no configurability at all: the policy
 * is baked into constants.
 *
 * It is still correct where a careless version would not be: header names in
 * any case, duplicate Origin values in REST `multiValueHeaders` refused, the
 * handler's response copied rather than mutated, the handler's own
 * Access-Control-* headers replaced and its Vary merged.
 */
import { exactOrigins } from '../fixtures/policy.js'

type Fields = Record<string, unknown>
type Headers = Record<string, unknown>

interface HookRequest {
  event: unknown
  response: unknown
}

const EXACT = new Set(exactOrigins)
// https://*.example.com: one or more labels; http://localhost:<port>.
const SUBDOMAIN = /^https:\/\/(?:[a-z0-9_-]+\.)+example\.com$/
const LOCALHOST_PORT = /^http:\/\/localhost:(\d{1,5})$/
const MAX_ORIGIN = 2048

const ALLOW_METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE'
const ALLOW_HEADERS = 'Content-Type, Authorization'
const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'

function allowed(origin: string): boolean {
  if (EXACT.has(origin)) return true
  if (origin.length > MAX_ORIGIN) return false
  if (SUBDOMAIN.test(origin)) return true
  const port = LOCALHOST_PORT.exec(origin)
  return port !== null && Number(port[1]) <= 65535 && port[1]![0] !== '0'
}

function methodOf(event: Fields): unknown {
  if (typeof event.httpMethod === 'string') return event.httpMethod
  const context = event.requestContext as { http?: { method?: unknown } } | undefined
  return context?.http?.method
}

/** The single Origin of a request, '' when absent, null when ambiguous (two distinct values). */
function originOf(event: Fields): string | null {
  let origin = ''
  const headers = event.headers as Headers | null | undefined
  if (headers) {
    for (const name in headers) {
      if (name.length === 6 && name.toLowerCase() === 'origin') {
        const value = headers[name]
        if (typeof value === 'string') origin = value
      }
    }
  }
  const multi = event.multiValueHeaders as Record<string, unknown> | null | undefined
  if (multi) {
    for (const name in multi) {
      if (name.length !== 6 || name.toLowerCase() !== 'origin') continue
      const values = multi[name]
      if (!Array.isArray(values)) continue
      for (const value of values) {
        if (typeof value !== 'string') continue
        if (origin === '') origin = value
        else if (value !== origin) return null
      }
    }
  }
  return origin
}

function requestMethodOf(event: Fields): string {
  const headers = event.headers as Headers | null | undefined
  if (headers) {
    for (const name in headers) {
      if (name.length === 29 && name.toLowerCase() === 'access-control-request-method') {
        const value = headers[name]
        if (typeof value === 'string') return value.trim()
      }
    }
  }
  return ''
}

/** A copy of the response with our headers, the handler's Access-Control-* dropped and its Vary merged. */
function decorate(response: unknown, origin: string | null): unknown {
  if (typeof response !== 'object' || response === null || typeof (response as Fields).statusCode !== 'number') return response
  const source = (response as Fields).headers as Headers | undefined
  const headers: Headers = {}
  let vary = 'Origin'
  if (source) {
    for (const name in source) {
      const first = name.charCodeAt(0) | 0x20
      if (first === 0x61 && name.length > 15 && name.slice(0, 15).toLowerCase() === 'access-control-') continue
      if (first === 0x76 && name.length === 4 && name.toLowerCase() === 'vary') {
        vary = mergeVary(String(source[name]))
        continue
      }
      headers[name] = source[name]
    }
  }
  if (origin !== null) {
    headers['Access-Control-Allow-Origin'] = origin
    headers['Access-Control-Allow-Credentials'] = 'true'
    headers['Access-Control-Expose-Headers'] = 'X-Request-Id'
  }
  headers.Vary = vary
  const out = Object.assign({}, response) as Fields
  out.headers = headers
  return out
}

function mergeVary(existing: string): string {
  const parts = existing.split(',').map((part) => part.trim()).filter((part) => part !== '')
  if (parts.includes('*')) return '*'
  return parts.some((part) => part.toLowerCase() === 'origin') ? parts.join(', ') : [...parts, 'Origin'].join(', ')
}

function allowedOriginOf(event: Fields): string | null {
  const origin = originOf(event)
  return origin !== null && origin !== '' && allowed(origin) ? origin : null
}

function isHttpEvent(event: unknown): event is Fields {
  return typeof event === 'object' && event !== null && typeof methodOf(event as Fields) === 'string'
}

export function limitMiddleware(): { before: (request: HookRequest) => unknown; after: (request: HookRequest) => void; onError: (request: HookRequest) => void } {
  const addHeaders = (request: HookRequest): void => {
    const event = request.event
    if (!isHttpEvent(event)) return
    request.response = decorate(request.response, allowedOriginOf(event))
  }
  return {
    before: (request) => {
      const event = request.event
      if (!isHttpEvent(event) || methodOf(event) !== 'OPTIONS') return undefined
      const origin = originOf(event)
      if (origin === '' || requestMethodOf(event) === '') return undefined
      if (origin === null || !allowed(origin)) return { statusCode: 204, body: '', headers: { Vary: VARY_PREFLIGHT } }
      return {
        statusCode: 204,
        body: '',
        headers: {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Credentials': 'true',
          'Access-Control-Allow-Methods': ALLOW_METHODS,
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': '600',
          Vary: VARY_PREFLIGHT,
        },
      }
    },
    after: addHeaders,
    onError: (request) => {
      if (request.response !== undefined && request.response !== null) addHeaders(request)
    },
  }
}
