/**
 * Realistic Lambda events for tests: the fixtures in test/fixtures/, with
 * the method and request headers a scenario needs, written the way each
 * integration really delivers them.
 */
import { readFileSync } from 'node:fs'
import type { Context } from 'aws-lambda'
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, ALBEvent, LambdaFunctionURLEvent } from 'aws-lambda'

const FIXTURES = new URL('../fixtures/', import.meta.url)

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as T
}

/** Request headers of a scenario; an array value is a header sent on several lines. */
export type RequestHeaders = Record<string, string | string[]>

function single(headers: RequestHeaders): Record<string, string> {
  // API Gateway and ALB put the last value in `headers`.
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? (value.at(-1) ?? '') : value]))
}

function multi(headers: RequestHeaders): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]))
}

function lower(headers: RequestHeaders): RequestHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
}

/** API Gateway REST API (payload 1.0): original-case names in `headers` and `multiValueHeaders`. */
export function restEvent(method: string, headers: RequestHeaders = {}, path = '/items/42'): APIGatewayProxyEvent {
  const event = fixture<APIGatewayProxyEvent>('api-gateway-rest')
  event.httpMethod = method
  event.requestContext.httpMethod = method
  event.path = path
  event.headers = { ...event.headers, ...single(headers) }
  event.multiValueHeaders = { ...event.multiValueHeaders, ...multi(headers) }
  return event
}

/** HTTP API payload 2.0: lower-case names, repeated headers joined with commas. */
export function httpApiEvent(method: string, headers: RequestHeaders = {}): APIGatewayProxyEventV2 {
  const event = fixture<APIGatewayProxyEventV2>('http-api-v2')
  event.requestContext.http.method = method
  event.routeKey = `${method} /items/{id}`
  event.headers = { ...event.headers, ...joined(lower(headers)) }
  return event
}

/** Lambda Function URL: the 2.0 payload. */
export function functionUrlEvent(method: string, headers: RequestHeaders = {}): LambdaFunctionURLEvent {
  const event = fixture<LambdaFunctionURLEvent>('function-url')
  event.requestContext.http.method = method
  event.headers = { ...event.headers, ...joined(lower(headers)) }
  return event
}

function joined(headers: RequestHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value]))
}

/** ALB, single-value headers (lower-case names, as ALB sends them). */
export function albEvent(method: string, headers: RequestHeaders = {}): ALBEvent {
  const event = fixture<ALBEvent>('alb')
  event.httpMethod = method
  event.headers = { ...event.headers, ...single(lower(headers)) }
  return event
}

/** ALB with multi-value headers turned on. */
export function albMultiValueEvent(method: string, headers: RequestHeaders = {}): ALBEvent {
  const event = fixture<ALBEvent>('alb-multi-value')
  event.httpMethod = method
  event.multiValueHeaders = { ...event.multiValueHeaders, ...multi(lower(headers)) }
  return event
}

/** VPC Lattice event version 1: every header value is an array. */
export function latticeV1Event(method: string, headers: RequestHeaders = {}): Record<string, unknown> {
  const event = fixture('vpc-lattice-v1')
  event.method = method
  event.headers = { ...(event.headers as object), ...multi(lower(headers)) }
  return event
}

/** VPC Lattice event version 2. */
export function latticeV2Event(method: string, headers: RequestHeaders = {}): Record<string, unknown> {
  const event = fixture('vpc-lattice-v2')
  event.method = method
  event.headers = { ...(event.headers as object), ...multi(lower(headers)) }
  return event
}

/** A Lambda context as the runtime passes it. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'lambda-cors-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:lambda-cors-test',
    memoryLimitInMB: '128',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    logGroupName: '/aws/lambda/lambda-cors-test',
    logStreamName: '2026/11/21/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 30000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }
}

/** Every value of a response header, case-insensitively, from `headers` and `multiValueHeaders`. */
export function headerValues(response: unknown, name: string): string[] {
  const values: string[] = []
  if (typeof response !== 'object' || response === null) return values
  const { headers, multiValueHeaders } = response as { headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown> }
  for (const map of [headers, multiValueHeaders]) {
    if (map === undefined || map === null) continue
    for (const [key, value] of Object.entries(map)) {
      if (key.toLowerCase() !== name.toLowerCase()) continue
      if (Array.isArray(value)) values.push(...value.map(String))
      else values.push(String(value))
    }
  }
  return values
}

/** The single value of a response header, or `undefined`; fails the test if it appears twice. */
export function header(response: unknown, name: string): string | undefined {
  const values = headerValues(response, name)
  if (values.length > 1) throw new Error(`${name} appears ${values.length} times: ${JSON.stringify(values)}`)
  return values[0]
}

/** Names of every Access-Control-* header in a response. */
export function corsHeaderNames(response: unknown): string[] {
  if (typeof response !== 'object' || response === null) return []
  const { headers, multiValueHeaders } = response as { headers?: Record<string, unknown>; multiValueHeaders?: Record<string, unknown> }
  return [...Object.keys(headers ?? {}), ...Object.keys(multiValueHeaders ?? {})]
    .filter((name) => name.toLowerCase().startsWith('access-control-'))
}
