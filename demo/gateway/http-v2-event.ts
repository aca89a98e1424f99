import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import type { InvocationIds } from './invocation-ids.js'
import { gatewayTime } from './invocation-ids.js'
import type { ReceivedRequest } from './received-request.js'
import { encodeBody, groupHeaderLines, groupQuery, headerValue } from './received-request.js'
import type { RouteTarget } from './rest-v1-event.js'
import { forwardingHeaders, proxyParameter } from './rest-v1-event.js'

/**
 * An HTTP API (payload format 2.0) event, shaped like the ones API Gateway
 * sends: header names lower-cased, repeated headers joined with commas, the
 * Cookie header moved into `cookies`, no `multiValueHeaders`.
 */
export function httpV2Event(request: ReceivedRequest, target: RouteTarget, ids: InvocationIds): APIGatewayProxyEventV2 {
  const lines = [...request.headerLines, ...forwardingHeaders(request, ids)].map(
    ([name, value]) => [name.toLowerCase(), value] as const,
  )
  const cookies = lines
    .filter(([name]) => name === 'cookie')
    .flatMap(([, value]) => value.split(';'))
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie !== '')
  const headers: Record<string, string> = {}
  for (const { name, values } of groupHeaderLines(lines.filter(([name]) => name !== 'cookie'))) {
    headers[name] = values.join(',')
  }
  const query = groupQuery(request.rawQuery)
  const proxy = proxyParameter(request.path, target.prefix)
  const routeKey = `ANY ${target.prefix}/{proxy+}`
  const host = headerValue(request, 'host') ?? 'localhost'
  const encoded = encodeBody(request)
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQuery,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: target.apiId,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headerValue(request, 'user-agent') ?? '',
      },
      requestId: ids.requestId,
      routeKey,
      stage: target.stage,
      time: gatewayTime(ids.epochMillis),
      timeEpoch: ids.epochMillis,
    },
    isBase64Encoded: encoded?.isBase64Encoded ?? false,
  }
  // API Gateway leaves these fields out entirely (not null) when empty.
  if (cookies.length > 0) event.cookies = cookies
  if (query.length > 0) {
    event.queryStringParameters = Object.fromEntries(query.map(({ name, values }) => [name, values.join(',')]))
  }
  if (proxy !== null) event.pathParameters = { proxy }
  if (encoded) event.body = encoded.body
  return event
}
