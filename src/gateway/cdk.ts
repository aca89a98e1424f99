/**
 * Gateway responses for the AWS CDK: option objects for
 * `RestApi.addGatewayResponse`, a helper that applies them, and the same as
 * TypeScript source for the command line.
 *
 * aws-cdk-lib is not a dependency of lambda-cors: the types below describe
 * the few members used, and aws-cdk-lib's `RestApi` and `ResponseType` fit
 * them (`ResponseType.of('DEFAULT_4XX')` is an object with that
 * `responseType`).
 */
import { comment, headerNote } from './notes.js'
import { pascalCaseType, type GatewayResponseType } from './response-types.js'
import type { GatewayResponseSet } from './responses.js'

/** The options of `RestApi.addGatewayResponse(id, options)` this package sets. */
export interface CdkGatewayResponseOptions {
  /** What aws-cdk-lib's `ResponseType` holds. */
  readonly type: { readonly responseType: GatewayResponseType }
  /** Header name to mapping value (`"'https://app.example.com'"`). */
  readonly responseHeaders: { readonly [header: string]: string }
}

/** One call of `addGatewayResponse`: the construct id and the options. */
export interface CdkGatewayResponse {
  /** Construct id: `CorsDefault4XX`, `CorsUnauthorized`. */
  readonly id: string
  readonly options: CdkGatewayResponseOptions
}

/** Anything with aws-cdk-lib's `RestApi.addGatewayResponse` (a `RestApi`, a `SpecRestApi`, a `LambdaRestApi`). */
export interface CdkRestApiLike {
  addGatewayResponse(id: string, options: CdkGatewayResponseOptions): unknown
}

/** The `addGatewayResponse` calls of a set. */
export function cdkGatewayResponses(set: GatewayResponseSet): readonly CdkGatewayResponse[] {
  return set.responses.map((response) => ({
    id: `Cors${pascalCaseType(response.type)}`,
    options: { type: { responseType: response.type }, responseHeaders: { ...response.headers } },
  }))
}

/**
 * Adds the gateway responses to a REST API.
 *
 * @example
 * ```ts
 * addGatewayResponses(api, gatewayResponses(corsPolicy))
 * ```
 */
export function addGatewayResponses(api: CdkRestApiLike, set: GatewayResponseSet): void {
  for (const { id, options } of cdkGatewayResponses(set)) api.addGatewayResponse(id, options)
}

/** TypeScript source: a function that adds the gateway responses to a `RestApi`. */
export function renderCdk(set: GatewayResponseSet): string {
  const calls = cdkGatewayResponses(set).map(({ id, options }) => {
    const headers = Object.entries(options.responseHeaders)
      .map(([name, value]) => `      ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}: ${JSON.stringify(value)},`)
      .join('\n')
    return `  api.addGatewayResponse('${id}', {\n    type: ResponseType.of('${options.type.responseType}'),\n    responseHeaders: {\n${headers}\n    },\n  })`
  })
  return comment(headerNote(set, 'AWS CDK'), '//')
    + "import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway'\n\n"
    + '/** Adds CORS headers to the errors API Gateway answers itself. */\n'
    + 'export function addCorsGatewayResponses(api: RestApi): void {\n'
    + calls.join('\n')
    + '\n}\n'
}
