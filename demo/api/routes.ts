import { randomUUID } from 'node:crypto'
import { createError } from '@middy/util'
import type { APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import { noteBusinessRun } from '../gateway/request-log.js'
import type { GatewayEvent } from './event-access.js'
import { bodyTextOf, cookiesOf, headerOf, isHttpApiEvent, methodOf, routeOf } from './event-access.js'

/** Structured results for both formats, or a bare 2.0 value the library wraps. */
export type RouteResult = APIGatewayProxyResult | APIGatewayProxyStructuredResultV2 | Record<string, unknown>

type Route = (event: GatewayEvent) => Promise<RouteResult>

function json(statusCode: number, payload: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(payload) }
}

/**
 * The business routes of the demo API, keyed by `METHOD route`. They know
 * nothing about CORS: any CORS header in a response comes from the library,
 * except in `own-acao`, which sets one on purpose.
 */
const routes: Record<string, Route> = {
  'GET items': async (event) => {
    const payload = { items: ['espresso', 'flat white', 'cortado'] }
    // HTTP API handlers commonly return the bare object; the library wraps it.
    return isHttpApiEvent(event) ? payload : json(200, payload)
  },

  'PUT echo': async (event) => echo(event),
  'POST echo': async (event) => echo(event),
  'PATCH echo': async (event) => echo(event),

  'GET boom': async () => {
    throw new Error('the database is on fire')
  },

  'GET private': async () => {
    throw createError(401, 'Log in first')
  },

  'POST session': async (event) => {
    const secure = headerOf(event, 'x-forwarded-proto') === 'https' ? '; Secure' : ''
    const cookie = `session=${randomUUID()}; Path=/; HttpOnly; SameSite=Lax${secure}`
    if (isHttpApiEvent(event)) return { statusCode: 200, cookies: [cookie], body: JSON.stringify({ session: 'started' }) }
    return { ...json(200, { session: 'started' }), multiValueHeaders: { 'Set-Cookie': [cookie] } }
  },

  'GET whoami': async (event) => json(200, { cookies: cookiesOf(event) }),

  'GET headers': async () =>
    json(200, { note: 'X-Request-Id is exposed, X-Internal-Trace is not' }, {
      'X-Request-Id': 'req-42',
      'X-Internal-Trace': 'trace-7',
    }),

  'GET own-acao': async () =>
    // Legacy handlers often hard-code this, spelled any which way. Spelled
    // differently from the library's own header, a naive merge would send two
    // Access-Control-Allow-Origin lines, which every browser refuses.
    json(200, { note: 'this handler set its own Access-Control-Allow-Origin' }, { 'access-control-allow-origin': '*' }),
}

async function echo(event: GatewayEvent): Promise<RouteResult> {
  const text = bodyTextOf(event)
  let received: unknown = text
  try {
    received = JSON.parse(text)
  } catch {
    // Not JSON: echo the raw text.
  }
  return json(200, { method: methodOf(event), received, xCustom: headerOf(event, 'x-custom') ?? null })
}

/** The Lambda's own router behind `ANY /{proxy+}`: unknown routes are a 404. */
export async function businessRouter(event: GatewayEvent): Promise<RouteResult> {
  const method = methodOf(event)
  const route = routeOf(event)
  noteBusinessRun({
    route,
    method,
    cookie: cookiesOf(event).join('; '),
    authorization: headerOf(event, 'authorization') ?? '',
    xCustom: headerOf(event, 'x-custom') ?? '',
  })
  const handler = routes[`${method} ${route}`]
  if (!handler) throw createError(404, `No route for ${method} /${route}`)
  return handler(event)
}
