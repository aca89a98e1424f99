/**
 * Gateway responses from a CORS policy: the headers API Gateway REST APIs
 * should put on the errors they answer themselves (an authorizer's 401,
 * throttling, integration timeouts), so the browser shows the real error.
 *
 * The header set comes from the policy's own header rules (the answer to an
 * actual request), never from a second copy of them; only the way the origin
 * is written is the gateway's, since a gateway cannot check an allowlist.
 */
import { actualResponseHeaders, ALLOW_ORIGIN, type OriginVerdict } from '../headers/rules.js'
import { compilePolicy, type CorsPolicy } from '../policy/compile.js'
import type { CorsOptions } from '../policy/options.js'
import { CorsConfigError, displayValue } from '../policy/problems.js'
import {
  DEFAULT_GATEWAY_RESPONSE_TYPES,
  GATEWAY_RESPONSE_STATUS,
  isGatewayResponseType,
  type GatewayResponseType,
} from './response-types.js'

/**
 * How `Access-Control-Allow-Origin` is written on gateway-generated errors
 * when the allowlist is more than one exact origin:
 *
 * - `'reflect'`: copy the request's `Origin` (`method.request.header.origin`).
 *   Every origin, an attacker's included, can then read these errors: their
 *   status, the gateway's own message body (`{"message":"Unauthorized"}`),
 *   and the headers the policy exposes; with `credentials: true`, also on
 *   behalf of a signed-in user, which tells any site whether the user's
 *   session is accepted (a readable 401 or 403 versus a CORS error).
 * - `'omit'`: no `Access-Control-Allow-Origin`: browsers keep showing these
 *   errors as CORS errors, and nothing is exposed.
 */
export type GatewayOriginChoice = 'reflect' | 'omit'

/** Settings of {@link gatewayResponses}. */
export interface GatewayResponseSettings {
  /**
   * Required when the policy's allowlist is neither one exact origin nor
   * `'*'`; ignored otherwise (one origin is written as it is, `'*'` as `'*'`).
   */
  readonly gatewayOrigin?: GatewayOriginChoice
  /** The response types to configure. Default {@link DEFAULT_GATEWAY_RESPONSE_TYPES}. */
  readonly types?: readonly GatewayResponseType[]
}

/** The mapping value that copies the request's Origin header into a gateway response. */
export const REFLECTED_ORIGIN = 'method.request.header.origin'

/**
 * A gateway response header value, as API Gateway reads it: a literal in
 * single quotes (`'https://app.example.com'`), or the request's Origin.
 */
export type GatewayHeaderValue = `'${string}'` | typeof REFLECTED_ORIGIN

/** One gateway response: its type and its headers, by header name. */
export interface GatewayResponse {
  readonly type: GatewayResponseType
  /** API Gateway's status code for this type; `undefined` for the defaults, which keep each type's own. */
  readonly statusCode: number | undefined
  /** Header name (`Access-Control-Allow-Origin`) to mapping value. */
  readonly headers: Readonly<Record<string, GatewayHeaderValue>>
}

/** Where `Access-Control-Allow-Origin` on gateway errors comes from. */
export type GatewayOriginSource =
  /** The allowlist's single exact origin, as a literal. */
  | 'static'
  /** `'*'`, as the policy answers every origin. */
  | 'any'
  /** The request's Origin, copied ({@link GatewayOriginChoice}). */
  | 'reflect'
  /** Not written ({@link GatewayOriginChoice}). */
  | 'omit'

/** The gateway responses of one policy. */
export interface GatewayResponseSet {
  readonly origin: GatewayOriginSource
  readonly responses: readonly GatewayResponse[]
}

/**
 * The gateway responses an API Gateway REST API needs so that the errors it
 * answers itself carry the policy's CORS headers.
 *
 * @param options - the same options as `cors()` and `preflightHandler()`.
 * @throws {@link CorsConfigError} when the options are invalid, when the
 *   allowlist needs a `gatewayOrigin` choice and none is given, or when a
 *   setting is invalid.
 */
export function gatewayResponses<TEvent = unknown>(options: CorsOptions<TEvent>, settings: GatewayResponseSettings = {}): GatewayResponseSet {
  const policy = compilePolicy(options)
  const types = readTypes(settings.types)
  const origin = originSource(policy, settings.gatewayOrigin)
  const headers = gatewayHeaders(policy, origin)
  return Object.freeze({
    origin: origin.source,
    responses: Object.freeze(types.map((type) => Object.freeze({ type, statusCode: GATEWAY_RESPONSE_STATUS[type], headers }))),
  })
}

interface Origin {
  readonly source: GatewayOriginSource
  /** The origin to run the header rules with (`undefined`: as for a request that gets no Allow-Origin). */
  readonly literal: string | undefined
}

/**
 * The one exact origin of the allowlist, when it is nothing else. (`'*'` is
 * not looked at: it is valid only alone and without credentials, where the
 * policy answers every origin and {@link originSource} never gets here.)
 */
function singleExactOrigin(policy: CorsPolicy): string | undefined {
  const { origins } = policy
  const onlyExact = !origins.allowsNull && origins.anyPort.size === 0 && origins.subdomains.size === 0
    && origins.globs.length === 0 && origins.regexps.length === 0 && origins.predicates.length === 0
  return onlyExact && origins.exact.size === 1 ? [...origins.exact][0] : undefined
}

function originSource(policy: CorsPolicy, choice: unknown): Origin {
  if (policy.anyOrigin) {
    return {
      source: 'any',
      // Stryker disable next-line StringLiteral: equivalent, under a '*' policy actualResponseHeaders returns the policy's static '*' headers and never reads the origin
      literal: '*',
    }
  }
  const single = singleExactOrigin(policy)
  if (single !== undefined) return { source: 'static', literal: single }
  if (choice === 'reflect') return { source: 'reflect', literal: REFLECTED_ORIGIN }
  if (choice === 'omit') return { source: 'omit', literal: undefined }
  const why = 'a gateway response cannot check an allowlist, and this one is more than one exact origin or \'*\'.'
  throw new CorsConfigError([{
    option: 'gatewayOrigin',
    value: displayValue(choice),
    reason: choice === undefined ? `choose how gateway errors name the origin: ${why}` : `gatewayOrigin must be 'reflect' or 'omit': ${why}`,
    fix: "pass gatewayOrigin: 'reflect' (copy the request's Origin: every site can read these errors) or gatewayOrigin: 'omit' (no Access-Control-Allow-Origin: browsers keep hiding them); see docs/gateway.md.",
  }])
}

/** The policy's actual-response headers, as gateway mapping values. */
function gatewayHeaders(policy: CorsPolicy, origin: Origin): Readonly<Record<string, GatewayHeaderValue>> {
  const { set } = actualResponseHeaders(policy, verdictOf(origin))
  const entries = Object.entries(set.headers)
  if (set.vary !== undefined) entries.push(['Vary', set.vary])
  const headers: Record<string, GatewayHeaderValue> = {}
  for (const [name, value] of entries) {
    headers[name] = name === ALLOW_ORIGIN && origin.source === 'reflect' ? REFLECTED_ORIGIN : literal(name, value)
  }
  return Object.freeze(headers)
}

/** The verdict to run the header rules with: the origin written on gateway errors, or none. */
function verdictOf(origin: Origin): OriginVerdict {
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, actualResponseHeaders answers every verdict but 'allowed' alike (no CORS header, Vary: Origin) and reads no other field of this one
  if (origin.literal === undefined) return { kind: 'absent' }
  return { kind: 'allowed', origin: origin.literal }
}

/**
 * `value` as an API Gateway literal. A quote cannot be escaped there, so it is
 * refused. Only `exposedHeaders` can bring one (a header name may hold a `'`):
 * an origin is a host name, and the other values are fixed words.
 */
function literal(name: string, value: string): `'${string}'` {
  if (value.includes("'")) {
    throw new CorsConfigError([{
      option: 'exposedHeaders',
      value: JSON.stringify(value),
      reason: `API Gateway reads header values between single quotes and cannot escape one inside, so ${name} cannot be written.`,
      fix: 'use names without a single quote.',
    }])
  }
  return `'${value}'`
}

function readTypes(types: unknown): readonly GatewayResponseType[] {
  if (types === undefined) return DEFAULT_GATEWAY_RESPONSE_TYPES
  const list: readonly unknown[] = Array.isArray(types) ? types : []
  const invalid = list.filter((type) => !isGatewayResponseType(type))
  if (!Array.isArray(types) || list.length === 0 || invalid.length > 0) {
    throw new CorsConfigError([{
      option: 'types',
      value: displayValue(invalid.length > 0 ? invalid : types),
      reason: 'types must be a non-empty list of API Gateway gateway response types.',
      fix: "write types: ['DEFAULT_4XX', 'DEFAULT_5XX'], or leave it out for the default list.",
    }])
  }
  return [...new Set(list as GatewayResponseType[])]
}
