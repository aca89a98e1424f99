/**
 * The public shapes of the CORS doctor: what `explain()` is asked, and what
 * it (and `lambda-cors check --json`) answers.
 */

/** A cross-origin request as page script would make it with `fetch()`. */
export interface ExplainRequest {
  /** The page's origin, e.g. `https://app.example.com` (`'null'` for sandboxed iframes and `file:` pages). */
  readonly origin: string
  /** The request method, e.g. `GET` or `PUT`. */
  readonly method: string
  /**
   * Request headers page script sets, by name. Values matter:
   * `Content-Type: text/plain` needs no preflight, `application/json` does.
   * Headers page script cannot set (Cookie, Origin, `Sec-*`...) are ignored, as fetch ignores them.
   */
  readonly headers?: Readonly<Record<string, string>>
  /** `fetch(url, { credentials: 'include' })`: cookies or HTTP auth are sent. Default `false`. */
  readonly credentials?: boolean
  /** The URL fetched, used in the console line. Default `https://api.example.com/`. */
  readonly url?: string
}

/** The step of a cross-origin request: the OPTIONS preflight, or the request itself. */
export type RequestStep = 'preflight' | 'actual'

/** The names of the problems the doctor reports. */
export type DoctorProblemCode =
  /** No `Access-Control-Allow-Origin` in the answer. */
  | 'missing-allow-origin'
  /** `Access-Control-Allow-Origin` names another origin, or is not an origin. */
  | 'allow-origin-mismatch'
  /** `Access-Control-Allow-Origin` has two values or a list: two layers answer CORS. */
  | 'duplicate-allow-origin'
  /** `Access-Control-Allow-Origin: *` on a request with credentials. */
  | 'wildcard-with-credentials'
  /** Credentials are sent but `Access-Control-Allow-Credentials: true` is missing. */
  | 'missing-allow-credentials'
  /** The preflight's status is not 2xx. */
  | 'preflight-status'
  /** The preflight was redirected. */
  | 'preflight-redirect'
  /** `Access-Control-Allow-Methods` or `Access-Control-Allow-Headers` cannot be parsed. */
  | 'invalid-allow-list'
  /** The method is not in `Access-Control-Allow-Methods`. */
  | 'method-not-allowed'
  /** A request header is not in `Access-Control-Allow-Headers`. */
  | 'header-not-allowed'
  /** API Gateway REST answered the preflight 403 "Missing Authentication Token": no OPTIONS method on the resource. */
  | 'preflight-not-routed'
  /** A 4xx/5xx answer without any CORS header: an error that never reached the function. */
  | 'error-without-cors'
  /** Warning: the answer echoes the origin without `Vary: Origin`, so a cache may serve it to another origin. */
  | 'missing-vary-origin'
  /** Warning: Authorization is allowed only by `Access-Control-Allow-Headers: *`: Chromium accepts it, the Fetch standard does not. */
  | 'authorization-covered-by-wildcard'
  /** Warning: CloudFront served the preflight from its cache. */
  | 'preflight-cached-by-cdn'
  /** Warning: the deployed answer differs from what the given policy answers. */
  | 'drift'

/** One finding, with the browser's words for it and the way out. */
export interface DoctorProblem {
  readonly code: DoctorProblemCode
  /** `error`: the browser blocks the request. `warning`: it works, but is fragile or unsafe. */
  readonly severity: 'error' | 'warning'
  /** The step whose answer has the problem. */
  readonly step: RequestStep
  /** For errors, the exact line Chromium prints in its console; for warnings, a sentence. */
  readonly message: string
  /** What actually happened, in plain words: the part DevTools does not show. */
  readonly cause: string
  /** What to change, naming the lambda-cors option where one applies. */
  readonly fix: string
}

/** One answer as the browser sees it. Header names are lower-case; repeated headers are joined by `", "`. */
export interface AnswerSummary {
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
}

/** What the browser decides about a request, and why. */
export interface CorsExplanation {
  /** `allowed`: page script can read the response. `blocked`: fetch rejects with a TypeError. */
  readonly verdict: 'allowed' | 'blocked'
  /** The step at which the browser stopped, when blocked. */
  readonly blockedAt?: RequestStep
  /** The preflight: whether the browser sends one and why, and its answer. */
  readonly preflight: AnswerSummary & {
    readonly needed: boolean
    /** Why a preflight is needed (a non-safelisted method or header). */
    readonly why?: string
  }
  /** The actual request's answer; empty when the preflight failed, since the browser then never sends it. */
  readonly actual: AnswerSummary
  /** Errors first (at most one: the browser stops at the first), then warnings. */
  readonly problems: readonly DoctorProblem[]
}
