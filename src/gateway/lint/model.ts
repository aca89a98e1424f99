/**
 * What the lint knows about a template, whatever tool wrote it: the APIs,
 * their routes, and the gateway CORS settings. The Serverless Framework and
 * SAM/CloudFormation readers fill it; the rules read only this.
 */
import type { Position } from './yaml-tree.js'

/** An API Gateway API the template creates or adds routes to. */
export interface ApiModel {
  /** `rest`: API Gateway v1 (REST API); `http`: API Gateway v2 (HTTP API). */
  readonly kind: 'rest' | 'http'
  /** Logical id (`ApiGatewayRestApi`, `ServerlessRestApi`, a resource name). */
  readonly id: string
  /** Where the API is declared, or its first route when it is implicit. */
  readonly at: Position
  /** The API answers preflights itself (gateway CORS on the whole API). */
  readonly gatewayCors: boolean
  /**
   * Gateway responses configured for this API, by type: where, and whether
   * they set CORS headers (`Access-Control-Allow-Origin`, or only `Vary`
   * when the origin is deliberately omitted).
   */
  readonly responses: ReadonlyMap<string, { readonly at: Position; readonly cors: boolean }>
  /** The API is defined elsewhere (imported by id): its gateway responses are not in this file. */
  readonly external: boolean
}

/** One route: a method on a path of an API. */
export interface RouteModel {
  /** The API's logical id. */
  readonly api: string
  /** Upper case; `ANY` for every method (`*`, `any`). */
  readonly method: string
  /** As written, with a leading slash. */
  readonly path: string
  /** What guards the route (`authorizer cognito`, `API key`), or `undefined`. */
  readonly guard: string | undefined
  /** The gateway answers preflights on this path itself (`cors:` on this event). */
  readonly gatewayCors: boolean
  /** Where the route is declared. */
  readonly at: Position
  /** How a user names it: `http event GET /items of function api`. */
  readonly label: string
}

/** A gateway CORS setting that takes CORS away from the function. */
export interface CorsSettingModel {
  readonly at: Position
  /** What it is and where: "cors: true on the http event GET /items". */
  readonly what: string
  /** What the setting does (the reason it conflicts). */
  readonly effect: string
  /** The key to remove. */
  readonly remove: string
  /** Which kind of endpoint it configures. */
  readonly endpoint: keyof typeof CORS_EFFECT
}

/** An OPTIONS method or route outside the route model. */
export interface OptionsMethodModel {
  readonly at: Position
  readonly label: string
  readonly guard: string | undefined
  /** A fix more precise than the general one. */
  readonly fix?: string
}

/** Everything the rules look at. */
export interface TemplateModel {
  readonly tool: 'serverless' | 'sam' | 'cloudformation'
  readonly apis: readonly ApiModel[]
  readonly routes: readonly RouteModel[]
  readonly corsSettings: readonly CorsSettingModel[]
  /** OPTIONS methods not modelled as routes (plain CloudFormation, SAM's Cors), with what guards them. */
  readonly optionsMethods: readonly OptionsMethodModel[]
}

/** The effect of gateway CORS, per kind of API, for messages. */
export const CORS_EFFECT = {
  rest: 'API Gateway then answers preflights with a mock OPTIONS method whose fixed headers know nothing of the policy, so preflight and actual answers drift apart',
  http: 'API Gateway then answers every preflight itself and replaces the CORS headers the function returns with its own',
  url: 'Lambda then answers preflights itself and replaces the CORS headers the function returns with its own',
} as const
