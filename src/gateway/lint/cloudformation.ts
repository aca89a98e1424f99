/**
 * Reading plain CloudFormation resources (a template's `Resources`, or
 * serverless.yml's `resources.Resources`): gateway responses, REST and HTTP
 * APIs, OPTIONS methods and routes, and CORS settings.
 */
import { CORS_EFFECT, type CorsSettingModel, type OptionsMethodModel } from './model.js'
import { at, entriesOf, entry, get, isSet, refTarget, text, type MapEntry, type Position, type TreeNode } from './yaml-tree.js'

/** What plain resources say. */
export interface CloudFormationResources {
  /** Gateway responses of the REST API with logical id `apiId`, by type. */
  readonly responsesOf: (apiId: string) => Map<string, { at: Position; cors: boolean }>
  /** `AWS::ApiGateway::RestApi` resources. */
  readonly restApis: readonly { readonly id: string; readonly at: Position }[]
  readonly corsSettings: readonly CorsSettingModel[]
  readonly optionsMethods: readonly OptionsMethodModel[]
}

/** The entries of a `Resources` mapping whose `Type` is `type`. */
export function resourcesOfType(resources: TreeNode | undefined, type: string): MapEntry[] {
  return entriesOf(resources).filter((e) => text(get(e.value, 'Type')) === type)
}

/** How `ResponseParameters` (CloudFormation) and `responseParameters` (OpenAPI) name a gateway response's headers. */
export const RESPONSE_HEADER_PREFIX = 'gatewayresponse.header.'

/**
 * Whether a gateway response's mapping of headers sets Access-Control-Allow-Origin
 * or Vary (any case): its keys are header names after `prefix`
 * ({@link RESPONSE_HEADER_PREFIX}, or none in SAM's `ResponseParameters.Headers`).
 */
export function setsCorsHeaders(headers: TreeNode | undefined, prefix = ''): boolean {
  return headers?.kind === 'map' && headers.entries.some((e) => e.key.toLowerCase().startsWith(prefix) && /^(access-control-allow-origin|vary)$/i.test(e.key.slice(prefix.length)))
}

export function readCloudFormationResources(resources: TreeNode | undefined): CloudFormationResources {
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is not a response has no api, and responsesOf is only asked for logical ids
  const responses: { api: string | undefined; type: string; at: Position; cors: boolean }[] = []
  for (const resource of resourcesOfType(resources, 'AWS::ApiGateway::GatewayResponse')) {
    const properties = get(resource.value, 'Properties')
    const type = text(get(properties, 'ResponseType'))
    if (type === undefined) continue
    responses.push({ api: refTarget(get(properties, 'RestApiId')), type, at: resource.at, cors: setsCorsHeaders(get(properties, 'ResponseParameters'), RESPONSE_HEADER_PREFIX) })
  }

  const corsSettings: CorsSettingModel[] = []
  for (const api of resourcesOfType(resources, 'AWS::ApiGatewayV2::Api')) {
    const cors = entry(get(api.value, 'Properties'), 'CorsConfiguration')
    if (cors !== undefined && isSet(cors.value)) {
      corsSettings.push({ at: cors.at, what: `CorsConfiguration on the HTTP API ${api.key}`, effect: CORS_EFFECT.http, remove: 'CorsConfiguration', endpoint: 'http' })
    }
  }
  for (const url of resourcesOfType(resources, 'AWS::Lambda::Url')) {
    const cors = entry(get(url.value, 'Properties'), 'Cors')
    if (cors !== undefined && isSet(cors.value)) {
      corsSettings.push({ at: cors.at, what: `Cors on the function URL ${url.key}`, effect: CORS_EFFECT.url, remove: 'Cors', endpoint: 'url' })
    }
  }

  const optionsMethods: OptionsMethodModel[] = []
  for (const method of resourcesOfType(resources, 'AWS::ApiGateway::Method')) {
    const properties = get(method.value, 'Properties')
    if (text(get(properties, 'HttpMethod'))?.toUpperCase() !== 'OPTIONS') continue
    if (text(at(properties, 'Integration', 'Type'))?.toUpperCase() === 'MOCK') {
      corsSettings.push({ at: method.at, what: `the mock OPTIONS method ${method.key}`, effect: CORS_EFFECT.rest, remove: `${method.key} (or point it at the function)`, endpoint: 'rest' })
    }
    const authorization = text(get(properties, 'AuthorizationType'))
    const guard = authorization !== undefined && authorization.toUpperCase() !== 'NONE' ? `AuthorizationType ${authorization}`
      : get(properties, 'ApiKeyRequired')?.kind === 'scalar' && (get(properties, 'ApiKeyRequired') as { value: unknown }).value === true ? 'the API key requirement' : undefined
    optionsMethods.push({ at: method.at, label: `OPTIONS method ${method.key}`, guard })
  }
  for (const route of resourcesOfType(resources, 'AWS::ApiGatewayV2::Route')) {
    const properties = get(route.value, 'Properties')
    // A route key is the method and the path, separated by one space.
    if (text(get(properties, 'RouteKey'))?.toUpperCase().startsWith('OPTIONS ') !== true) continue
    const authorization = text(get(properties, 'AuthorizationType'))
    const guard = authorization !== undefined && authorization.toUpperCase() !== 'NONE' ? `AuthorizationType ${authorization}` : undefined
    optionsMethods.push({ at: route.at, label: `OPTIONS route ${route.key}`, guard })
  }

  return {
    responsesOf: (apiId) => new Map(responses.filter((r) => r.api === apiId).map((r) => [r.type, { at: r.at, cors: r.cors }])),
    restApis: resourcesOfType(resources, 'AWS::ApiGateway::RestApi').map((api) => ({ id: api.key, at: api.at })),
    corsSettings,
    optionsMethods,
  }
}
