/**
 * lambda-cors: correct, secure-by-default CORS for AWS Lambda HTTP APIs.
 *
 * - {@link cors}: the middy middleware (also the default export).
 * - {@link preflightHandler}: a Lambda handler for an `OPTIONS /{proxy+}` route.
 * - {@link createOriginMatcher} / {@link createAsyncOriginMatcher}: the origin allowlist on its own.
 * - {@link compilePolicy}: options in, validated frozen policy out.
 */
import { cors } from './middleware.js'

export { cors }
export default cors
export type { CorsMiddleware, CorsMiddlewareRequest } from './middleware.js'
export { preflightHandler, type PreflightResult } from './preflight-handler.js'
export {
  createOriginMatcher,
  createAsyncOriginMatcher,
  type OriginMatcherOptions,
  type OriginIndex,
  type SubdomainRule,
} from './origin/matcher.js'
export type { OriginPattern, OriginPredicate, SyncOriginPredicate } from './origin/pattern.js'
export type { OriginGlob } from './origin/glob-pattern.js'
export { compilePolicy, type CorsPolicy } from './policy/compile.js'
export type { CorsHeaderSet } from './headers/rules.js'
export { CorsConfigError, type CorsConfigProblem } from './policy/problems.js'
export {
  DEFAULT_ALLOWED_HEADERS,
  DEFAULT_MAX_AGE,
  DEFAULT_METHODS,
  type CorsLogger,
  type CorsOptions,
  type CorsRefusal,
  type CorsRefusalReason,
} from './policy/options.js'
export type { HttpEventShape } from './lambda/event.js'
