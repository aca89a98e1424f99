/**
 * lambda-cors: correct, secure-by-default CORS for AWS Lambda HTTP APIs.
 *
 * - {@link cors}: the middy middleware (also the default export).
 * - {@link preflightHandler}: a Lambda handler for an `OPTIONS /{proxy+}` route.
 * - {@link createOriginMatcher} / {@link createAsyncOriginMatcher}: the origin allowlist on its own.
 * - {@link withCors}: the same answers for a plain async handler, without middy.
 * - {@link originsFromEnv} / {@link localhostOrigins}: allowlists that differ per stage.
 * - {@link compilePolicy}: options in, validated frozen policy out.
 * - {@link explain} / {@link checkUrl}: what a browser decides about a request, and why (offline, or against a deployed URL).
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
export { explain, explainAsync } from './doctor/explain.js'
export { checkUrl, type CheckOptions, type CheckRequest } from './doctor/check.js'
export type { TransportOptions } from './doctor/http-client.js'
export type {
  AnswerSummary,
  CorsExplanation,
  DoctorProblem,
  DoctorProblemCode,
  ExplainRequest,
  RequestStep,
} from './doctor/types.js'
export {
  gatewayResponses,
  REFLECTED_ORIGIN,
  type GatewayHeaderValue,
  type GatewayOriginChoice,
  type GatewayOriginSource,
  type GatewayResponse,
  type GatewayResponseSet,
  type GatewayResponseSettings,
} from './gateway/responses.js'
export {
  ALL_GATEWAY_RESPONSE_TYPES,
  DEFAULT_GATEWAY_RESPONSE_TYPES,
  type GatewayResponseType,
} from './gateway/response-types.js'
export { renderCloudFormation } from './gateway/cloudformation.js'
export { renderSam } from './gateway/sam.js'
export { renderServerless, SERVERLESS_REST_API } from './gateway/serverless.js'
export {
  addGatewayResponses,
  cdkGatewayResponses,
  renderCdk,
  type CdkGatewayResponse,
  type CdkGatewayResponseOptions,
  type CdkRestApiLike,
} from './gateway/cdk.js'
export { GATEWAY_FORMATS, type GatewayFormat } from './gateway/formats.js'
