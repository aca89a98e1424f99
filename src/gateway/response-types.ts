/**
 * The gateway response types of API Gateway REST APIs: the errors API Gateway
 * answers itself, before or instead of the Lambda, so no middleware can add
 * CORS headers to them.
 */

/** Every gateway response type of an API Gateway REST API. */
export type GatewayResponseType =
  | 'DEFAULT_4XX'
  | 'DEFAULT_5XX'
  | 'ACCESS_DENIED'
  | 'API_CONFIGURATION_ERROR'
  | 'AUTHORIZER_CONFIGURATION_ERROR'
  | 'AUTHORIZER_FAILURE'
  | 'BAD_REQUEST_BODY'
  | 'BAD_REQUEST_PARAMETERS'
  | 'EXPIRED_TOKEN'
  | 'INTEGRATION_FAILURE'
  | 'INTEGRATION_TIMEOUT'
  | 'INVALID_API_KEY'
  | 'INVALID_SIGNATURE'
  | 'MISSING_AUTHENTICATION_TOKEN'
  | 'QUOTA_EXCEEDED'
  | 'REQUEST_TOO_LARGE'
  | 'RESOURCE_NOT_FOUND'
  | 'THROTTLED'
  | 'UNAUTHORIZED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'WAF_FILTERED'

/** API Gateway's status code for each type (`undefined`: the defaults keep each type's own). */
export const GATEWAY_RESPONSE_STATUS: Readonly<Record<GatewayResponseType, number | undefined>> = Object.freeze({
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  ACCESS_DENIED: 403,
  API_CONFIGURATION_ERROR: 500,
  AUTHORIZER_CONFIGURATION_ERROR: 500,
  AUTHORIZER_FAILURE: 500,
  BAD_REQUEST_BODY: 400,
  BAD_REQUEST_PARAMETERS: 400,
  EXPIRED_TOKEN: 403,
  INTEGRATION_FAILURE: 504,
  INTEGRATION_TIMEOUT: 504,
  INVALID_API_KEY: 403,
  INVALID_SIGNATURE: 403,
  MISSING_AUTHENTICATION_TOKEN: 403,
  QUOTA_EXCEEDED: 429,
  REQUEST_TOO_LARGE: 413,
  RESOURCE_NOT_FOUND: 404,
  THROTTLED: 429,
  UNAUTHORIZED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WAF_FILTERED: 403,
})

/** Every type, in the order of {@link GATEWAY_RESPONSE_STATUS}. */
export const ALL_GATEWAY_RESPONSE_TYPES: readonly GatewayResponseType[] = Object.freeze(
  Object.keys(GATEWAY_RESPONSE_STATUS) as GatewayResponseType[],
)

/**
 * The types {@link gatewayResponses} configures unless told otherwise: the two
 * defaults, which cover every type not configured on its own, and the types
 * browsers meet most. A type configured on its own (by a console edit, a
 * plugin, another stack) no longer inherits the defaults' headers, so these
 * are written out to stay readable whatever else configures them:
 *
 * - authorizers: `UNAUTHORIZED` (401), `ACCESS_DENIED` (403), `EXPIRED_TOKEN`
 *   and `INVALID_SIGNATURE` (403, IAM auth), `AUTHORIZER_FAILURE` and
 *   `AUTHORIZER_CONFIGURATION_ERROR` (500);
 * - routing and keys: `MISSING_AUTHENTICATION_TOKEN` (403 for a path or
 *   method the API does not have), `INVALID_API_KEY` (403);
 * - limits: `THROTTLED` and `QUOTA_EXCEEDED` (429), `REQUEST_TOO_LARGE` (413),
 *   `WAF_FILTERED` (403, when AWS WAF blocks without a custom response);
 * - validation: `BAD_REQUEST_BODY` and `BAD_REQUEST_PARAMETERS` (400);
 * - the integration: `INTEGRATION_FAILURE` and `INTEGRATION_TIMEOUT` (504).
 *
 * Left to the defaults: `RESOURCE_NOT_FOUND`, `UNSUPPORTED_MEDIA_TYPE` and
 * `API_CONFIGURATION_ERROR`, which a browser rarely meets.
 */
export const DEFAULT_GATEWAY_RESPONSE_TYPES: readonly GatewayResponseType[] = Object.freeze([
  'DEFAULT_4XX',
  'DEFAULT_5XX',
  'UNAUTHORIZED',
  'ACCESS_DENIED',
  'EXPIRED_TOKEN',
  'INVALID_SIGNATURE',
  'AUTHORIZER_FAILURE',
  'AUTHORIZER_CONFIGURATION_ERROR',
  'MISSING_AUTHENTICATION_TOKEN',
  'INVALID_API_KEY',
  'THROTTLED',
  'QUOTA_EXCEEDED',
  'REQUEST_TOO_LARGE',
  'WAF_FILTERED',
  'BAD_REQUEST_BODY',
  'BAD_REQUEST_PARAMETERS',
  'INTEGRATION_FAILURE',
  'INTEGRATION_TIMEOUT',
])

/** Whether `value` names a gateway response type. */
export function isGatewayResponseType(value: unknown): value is GatewayResponseType {
  return typeof value === 'string' && Object.hasOwn(GATEWAY_RESPONSE_STATUS, value)
}

/**
 * `DEFAULT_4XX` -> `Default4XX`, `ACCESS_DENIED` -> `AccessDenied`: a logical
 * id part. A word with a digit is a status class (`4XX`, `5XX`, the only such
 * words of any type) and keeps its capitals.
 */
export function pascalCaseType(type: GatewayResponseType): string {
  return type.split('_').map((word) => (/\d/.test(word) ? word : word[0] + word.slice(1).toLowerCase())).join('')
}
