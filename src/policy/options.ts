/**
 * The options users pass to `cors()`, `preflightHandler()` and `compilePolicy()`.
 */
import type { OriginPattern } from '../origin/pattern.js'

/** The default methods: what a REST API usually serves. */
export const DEFAULT_METHODS: readonly string[] = Object.freeze(['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'])

/** The default request headers: the Serverless Framework's set for API Gateway. */
export const DEFAULT_ALLOWED_HEADERS: readonly string[] = Object.freeze([
  'Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent',
])

/** Ten minutes: honoured in full by every browser (Safari caps at 600 s). */
export const DEFAULT_MAX_AGE = 600

/** Why a request did not get the CORS headers it asked for. */
export type CorsRefusalReason =
  | 'origin-not-allowed'
  | 'origin-invalid'
  | 'origin-ambiguous'
  | 'method-not-allowed'
  | 'headers-not-allowed'
  | 'request-headers-too-long'

/** The record the `logger` option receives for each refusal. */
export interface CorsRefusal {
  readonly reason: CorsRefusalReason
  /** `preflight` for an OPTIONS preflight, `actual` for any other request. */
  readonly request: 'preflight' | 'actual'
  /** The request's Origin value, cut to 320 characters. */
  readonly origin: string
  /** The requested method (preflights). */
  readonly method?: string
  /** The requested header names that are not allowed, lower-case (preflights). */
  readonly headers?: readonly string[]
  /** A sentence for humans. */
  readonly message: string
}

/** Receives a record of each refused request. Called synchronously; must not throw (errors are ignored). */
export type CorsLogger = (refusal: CorsRefusal) => void

/**
 * Configuration of a CORS policy. Only `origins` is required.
 *
 * @typeParam TEvent - the Lambda event type, passed to origin predicates.
 */
export interface CorsOptions<TEvent = unknown> {
  /**
   * The allowlist (required: there is no silent default). An origin pattern,
   * a list of them, or `'*'` for any origin (only without credentials).
   * See docs/origins.md.
   */
  readonly origins: OriginPattern<TEvent> | readonly OriginPattern<TEvent>[]
  /** Send `Access-Control-Allow-Credentials: true` so cookies and HTTP auth work. Default `false`. */
  readonly credentials?: boolean
  /**
   * Methods a preflight may ask for. Default GET, HEAD, PUT, PATCH, POST, DELETE.
   * DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased (fetch does the
   * same); other methods are matched case-sensitively, as written.
   * `'*'` allows any method (without credentials).
   */
  readonly methods?: readonly string[] | '*'
  /**
   * Request headers a preflight may ask for, case-insensitive. Default:
   * Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token,
   * X-Amz-User-Agent. `'*'` allows any header (without credentials).
   */
  readonly allowedHeaders?: readonly string[] | '*'
  /** Response headers page script may read, beyond the safelisted ones. Default none. `'*'` without credentials. */
  readonly exposedHeaders?: readonly string[] | '*'
  /**
   * Seconds a browser may cache a preflight answer, 0 to 86400; `-1` omits
   * the header (browsers then cache for 5 seconds). Default 600.
   * Chromium caps at 7200 and Safari at 600.
   */
  readonly maxAge?: number
  /** Answer Private Network Access preflights (`Access-Control-Allow-Private-Network: true`). Default `false`. */
  readonly privateNetwork?: boolean
  /** Status of a preflight answer, 200-299. Default 204. */
  readonly optionsSuccessStatus?: number
  /**
   * `Cache-Control` of the preflight answers lambda-cors writes, for shared
   * caches such as CloudFront (browsers cache preflights by `maxAge`, not by
   * this), e.g. `'public, max-age=600'`. Default none. Not applied with
   * `preflightContinue`, where the handler's response is used.
   */
  readonly cacheControl?: string
  /** Let preflights reach the handler, adding the preflight headers to its response. Default `false`. */
  readonly preflightContinue?: boolean
  /** Receives a structured record of each refusal and its reason. Default none. */
  readonly logger?: CorsLogger
  /**
   * DANGEROUS. Allow `'null'` in `origins`. Sandboxed iframes, `file:` pages
   * and cross-origin redirects all send `Origin: null`, so any attacker can.
   */
  readonly dangerouslyAllowNullOrigin?: boolean
  /**
   * DANGEROUS. Accept plain-http, non-loopback origins with credentials: a
   * network attacker can inject script into such an origin and read
   * credentialed responses.
   */
  readonly dangerouslyAllowInsecureOriginsWithCredentials?: boolean
  /**
   * DANGEROUS. With credentials, accept `'*'` for `methods` or
   * `allowedHeaders` by echoing what each preflight asks for (browsers do not
   * honour a literal `*` with credentials). Every allowed origin may then
   * send any method or header with your users' cookies.
   */
  readonly dangerouslyMirrorPreflightWithCredentials?: boolean
}
