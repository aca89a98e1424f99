/**
 * lambda-cors: correct, secure-by-default CORS for AWS Lambda HTTP APIs.
 *
 * - {@link cors}: the middy middleware (also the default export).
 * - {@link preflightHandler}: a Lambda handler for an `OPTIONS /{proxy+}` route.
 * - {@link createOriginMatcher} / {@link createAsyncOriginMatcher}: the origin allowlist on its own.
 * - {@link withCors}: the same answers for a plain async handler, without middy.
 * - {@link originsFromEnv} / {@link localhostOrigins}: allowlists that differ per stage.
 * - {@link compilePolicy}: options in, validated frozen policy out.
 *
 * The tools built on the same rules have their own entry points, so that a
 * handler importing this one loads none of them: `lambda-cors/glob` (glob
 * patterns, with micromatch), `lambda-cors/doctor` (what a browser decides
 * about a request) and `lambda-cors/gateway` (API Gateway settings generated
 * from a policy).
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
export { withCors, type LambdaHandler } from './with-cors.js'
export {
  originsFromEnv,
  localhostOrigins,
  type OriginsFromEnvOptions,
  type LocalhostOriginsOptions,
} from './env-allowlist.js'
