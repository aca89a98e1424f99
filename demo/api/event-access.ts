import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import type { GatewayEvent } from '../gateway/api-front.js'

export type { GatewayEvent }

/** Payload 2.0 events say so; REST 1.0 events have no `version` field. */
export function isHttpApiEvent(event: GatewayEvent): event is APIGatewayProxyEventV2 {
  return 'version' in event && event.version === '2.0'
}

export function methodOf(event: GatewayEvent): string {
  return isHttpApiEvent(event) ? event.requestContext.http.method : event.httpMethod
}

/** The `{proxy+}` path parameter: the route inside the mount, e.g. `items`. */
export function routeOf(event: GatewayEvent): string {
  return event.pathParameters?.proxy ?? ''
}

/** A request header, whatever case the client or the payload format used. */
export function headerOf(event: GatewayEvent, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value
  }
  return undefined
}

/** Cookies as `name=value` strings: 2.0 has a `cookies` array, 1.0 only the header. */
export function cookiesOf(event: GatewayEvent): string[] {
  if (isHttpApiEvent(event)) return event.cookies ?? []
  return (headerOf(event, 'cookie') ?? '')
    .split(';')
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '')
}

export function bodyTextOf(event: GatewayEvent): string {
  const body = event.body ?? ''
  return event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body
}
