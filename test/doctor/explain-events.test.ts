/**
 * The events explain() hands to the policy stand in for what API Gateway
 * would pass the function for a browser's request. A predicate or a logger
 * may read any field of them, so they must look like the real thing: the
 * same fields as a recorded HTTP API (payload 2.0) event, values derived from
 * the URL as API Gateway derives them, and the headers a browser sends on the
 * preflight and on the request (Chromium sends an Accept of any type and
 * `Sec-Fetch-Mode: cors` on both, and `Access-Control-Request-Headers` only
 * when there are names to announce).
 */
import { describe, expect, it } from 'vitest'
import { preflightNeed } from '../../src/browser/safelist.js'
import { actualRequestHeaders, httpApiEvent, preflightRequestHeaders } from '../../src/doctor/events.js'
import { readCorsRequest } from '../../src/lambda/event.js'
import { fixture } from '../support/events.js'

type Json = Record<string, unknown>
const recorded = fixture<Json>('http-api-v2')

/** The names of `value`'s fields and the type of each, nested objects described alike. */
function shapeOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return typeof value
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, shapeOf(field)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
}

const URL_WITH_QUERY = 'https://xyz789.execute-api.eu-west-1.amazonaws.com/items/42?page=2&sort=name'
const APP = 'https://app.example.com'

/** Built inside each test, not when the file is collected: what a test checks must run while it runs. */
function eventForGet(): { event: Json; context: Json } {
  const event = httpApiEvent(URL_WITH_QUERY, 'GET', { origin: APP })
  return { event, context: event.requestContext as Json }
}

describe('httpApiEvent: a payload 2.0 event as API Gateway builds it', () => {
  it('has the fields of a recorded event, with the same types (headers aside, which depend on the request)', () => {
    const { event, context } = eventForGet()
    // A default-route API has no path parameters, and a request without cookies has no cookies field.
    const { cookies: _cookies, pathParameters: _pathParameters, headers: _recordedHeaders, ...expected } = recorded
    const { headers: _headers, ...actual } = event
    expect(shapeOf(actual)).toEqual(shapeOf(expected))
  })

  it('derives the path, the query and the domain fields from the URL as API Gateway does', () => {
    const { event, context } = eventForGet()
    expect(event.rawPath).toBe('/items/42')
    // rawQueryString carries no leading ?
    expect(event.rawQueryString).toBe('page=2&sort=name')
    expect(context.domainName).toBe('xyz789.execute-api.eu-west-1.amazonaws.com')
    // The prefix is the first label of the domain name, as in the recorded event.
    expect(context.domainPrefix).toBe((recorded.requestContext as Json).domainPrefix)
    expect((context.http as Json).path).toBe('/items/42')
    expect((context.http as Json).method).toBe('GET')
  })

  it('is routed like a default-route API on its $default stage', () => {
    const { event, context } = eventForGet()
    expect(event.routeKey).toBe('$default')
    expect(context.routeKey).toBe('$default')
    expect(context.stage).toBe((recorded.requestContext as Json).stage)
  })

  it('carries plausible request metadata', () => {
    const { event, context } = eventForGet()
    const http = context.http as Json
    const headers = event.headers as Json
    expect(context.accountId).toMatch(/^\d{12}$/)
    expect(context.apiId).not.toBe('')
    expect(context.requestId).not.toBe('')
    expect(http.protocol).toBe((recorded.requestContext as Json & { http: Json }).http.protocol)
    expect(http.sourceIp).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/)
    // The user agent is reported twice, the same in both places, and names a browser.
    expect(http.userAgent).toBe(headers['user-agent'])
    expect(http.userAgent).toMatch(/^Mozilla\/5\.0 /)
    expect(headers.host).toBe('xyz789.execute-api.eu-west-1.amazonaws.com')
    expect(event.isBase64Encoded).toBe(false)
  })

  it('is read by the middleware as the HTTP API request it stands for', () => {
    const { event, context } = eventForGet()
    const request = readCorsRequest(event)
    expect(request?.shape).toBe('api-gateway-v2')
    expect(request?.origins).toEqual([APP])
    expect(request?.method).toBe('GET')
  })
})

describe('the headers a browser sends', () => {
  it('on a preflight with names to announce: Accept */*, the two requests headers, Sec-Fetch-Mode cors', () => {
    const request = { url: URL_WITH_QUERY, origin: APP, method: 'PUT', headers: { 'X-Trace-Id': 'a', 'Content-Type': 'application/json' }, credentials: false }
    expect(preflightRequestHeaders(request, preflightNeed(request))).toEqual({
      accept: '*/*',
      origin: APP,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'content-type,x-trace-id',
      'sec-fetch-mode': 'cors',
    })
  })

  it('on a preflight for the method alone: no Access-Control-Request-Headers at all, not an empty one', () => {
    const request = { url: URL_WITH_QUERY, origin: APP, method: 'DELETE', headers: {}, credentials: false }
    const headers = preflightRequestHeaders(request, preflightNeed(request))
    expect(Object.keys(headers)).not.toContain('access-control-request-headers')
    expect(headers.accept).toBe('*/*')
    expect(headers['sec-fetch-mode']).toBe('cors')
  })

  it('on the request: the page script\'s headers, lower-cased, Accept */* unless the script sets one, then Origin and Sec-Fetch-Mode', () => {
    const request = { url: URL_WITH_QUERY, origin: APP, method: 'GET', headers: { 'X-Trace-Id': 'a' }, credentials: false }
    expect(actualRequestHeaders(request)).toEqual({ accept: '*/*', 'x-trace-id': 'a', origin: APP, 'sec-fetch-mode': 'cors' })
    const json = { ...request, headers: { Accept: 'application/json' } }
    expect(actualRequestHeaders(json).accept).toBe('application/json')
  })
})
