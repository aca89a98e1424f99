/**
 * Answers as API Gateway, CloudFront and a cors()-wrapped function really
 * write them, for the doctor's tests (unit tests and the local servers of
 * the CLI tests share them).
 */

/** One HTTP answer: status, header lines in order (repeats allowed), body. */
export interface CannedAnswer {
  status: number
  headerLines: Array<[string, string]>
  body: string
}

const requestId = (): [string, string] => ['x-amzn-RequestId', '4c5a0b6e-9f7d-4a63-8d5e-2f0c1b7a9e31']
const apigwId = (): [string, string] => ['x-amz-apigw-id', 'Yq1pXFmkoAMEbPw=']

/** API Gateway REST, OPTIONS on a resource without an OPTIONS method. */
export function missingAuthenticationToken(): CannedAnswer {
  return {
    status: 403,
    headerLines: [['Content-Type', 'application/json'], requestId(), ['x-amzn-ErrorType', 'MissingAuthenticationTokenException'], apigwId()],
    body: '{"message":"Missing Authentication Token"}',
  }
}

/** API Gateway REST, a Lambda or Cognito authorizer refusing the token: the function never runs. */
export function authorizerUnauthorized(): CannedAnswer {
  return {
    status: 401,
    headerLines: [['Content-Type', 'application/json'], requestId(), ['x-amzn-ErrorType', 'UnauthorizedException'], apigwId()],
    body: '{"message":"Unauthorized"}',
  }
}

/** API Gateway, the integration failed (the function crashed or timed out). */
export function gatewayInternalError(): CannedAnswer {
  return {
    status: 502,
    headerLines: [['Content-Type', 'application/json'], requestId(), ['x-amzn-ErrorType', 'InternalServerErrorException'], apigwId()],
    body: '{"message": "Internal server error"}',
  }
}

/** The answer of a function behind `cors()` to an allowed origin. */
export function corsActual(origin: string, options: { credentials?: boolean; status?: number } = {}): CannedAnswer {
  const lines: Array<[string, string]> = [['Content-Type', 'application/json'], ['Access-Control-Allow-Origin', origin]]
  if (options.credentials) lines.push(['Access-Control-Allow-Credentials', 'true'])
  lines.push(['Vary', 'Origin'], requestId())
  return { status: options.status ?? 200, headerLines: lines, body: '{"items":[]}' }
}

/** The answer of `cors()` to a preflight from an allowed origin. */
export function corsPreflight(origin: string, options: { credentials?: boolean; methods?: string; headers?: string; maxAge?: string } = {}): CannedAnswer {
  const lines: Array<[string, string]> = [['Access-Control-Allow-Origin', origin]]
  if (options.credentials) lines.push(['Access-Control-Allow-Credentials', 'true'])
  lines.push(
    ['Access-Control-Allow-Methods', options.methods ?? 'GET, HEAD, PUT, PATCH, POST, DELETE'],
    ['Access-Control-Allow-Headers', options.headers ?? 'Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent'],
    ['Access-Control-Max-Age', options.maxAge ?? '600'],
    ['Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
    requestId(),
  )
  return { status: 204, headerLines: lines, body: '' }
}

/** CloudFront's headers on an answer it served from its cache. */
export function fromCloudFrontCache(answer: CannedAnswer): CannedAnswer {
  return {
    ...answer,
    headerLines: [
      ...answer.headerLines,
      ['X-Cache', 'Hit from cloudfront'],
      ['Via', '1.1 3f2e0c6a1b9d4e8f7a6b5c4d3e2f1a0b.cloudfront.net (CloudFront)'],
      ['X-Amz-Cf-Pop', 'FRA56-P5'],
      ['X-Amz-Cf-Id', 'kD1w3sYv0R2JqXn5m4Ue6o8Pz7LtAa9cBbCcDdEeFfGg=='],
      ['Age', '37'],
    ],
  }
}
