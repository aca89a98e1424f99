/**
 * The warnings: requests the browser allows, but not safely or not in every
 * browser. Each says what was seen, why it matters and what to change.
 */
import type { DoctorProblem, RequestStep } from './types.js'

/** An answer echoes the origin without `Vary: Origin`. */
export function missingVaryWarning(step: RequestStep, method: string, origin: string): DoctorProblem {
  return {
    code: 'missing-vary-origin', severity: 'warning', step,
    message: `The ${step === 'preflight' ? 'preflight' : method} answer echoes the origin ${origin} without Vary: Origin.`,
    cause: 'A cache (CloudFront, a proxy, the browser) may store this answer and serve it to another origin, which is then blocked, or allowed when it should not be.',
    fix: 'Serve the answer through `cors()`, which adds Vary: Origin whenever the answer depends on the origin; do not strip Vary in gateway or CDN settings.',
  }
}

/** Authorization is allowed only by `Access-Control-Allow-Headers: *`. */
export function authorizationWildcardWarning(): DoctorProblem {
  return {
    code: 'authorization-covered-by-wildcard', severity: 'warning', step: 'preflight',
    message: 'The preflight answer allows Authorization only through Access-Control-Allow-Headers: *.',
    cause: "By the Fetch standard a wildcard never covers Authorization, and browsers that follow it there block this request; Chromium still allows it, flagging it only in DevTools' Issues panel.",
    fix: "List 'Authorization' in `allowedHeaders` next to '*' (lambda-cors does this for `allowedHeaders: '*'`).",
  }
}

/** CloudFront answered the preflight from its cache. */
export function cachedPreflightWarning(): DoctorProblem {
  return {
    code: 'preflight-cached-by-cdn', severity: 'warning', step: 'preflight',
    message: 'CloudFront answered the preflight from its cache (X-Cache: Hit from cloudfront).',
    cause: "A cached preflight answer is replayed to every request with the same cache key: unless the key includes Origin, Access-Control-Request-Method and Access-Control-Request-Headers, one origin gets another origin's answer.",
    fix: 'In the CloudFront cache policy for OPTIONS, include Origin, Access-Control-Request-Method and Access-Control-Request-Headers in the cache key, or do not cache OPTIONS.',
  }
}
