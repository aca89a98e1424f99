/**
 * lambda-cors/doctor: what a browser decides about a cross-origin request,
 * and why.
 *
 * - {@link explain} / {@link explainAsync}: offline, from a policy: the
 *   answers lambda-cors would give and the browser's verdict on them.
 * - {@link checkUrl}: the same against a deployed URL, over the network.
 *
 * An entry point of its own, so that a Lambda handler importing
 * `lambda-cors` never loads the network code.
 */
export { explain, explainAsync } from './explain.js'
export { checkUrl, type CheckOptions, type CheckRequest } from './check.js'
export type { TransportOptions } from './http-client.js'
export type {
  AnswerSummary,
  CorsExplanation,
  DoctorProblem,
  DoctorProblemCode,
  ExplainRequest,
  RequestStep,
} from './types.js'
