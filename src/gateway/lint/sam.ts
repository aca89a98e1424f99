/**
 * Reading an AWS SAM or plain CloudFormation template into the lint's model:
 * `AWS::Serverless::Api` / `HttpApi` and their `Cors`, `CorsConfiguration`,
 * default authorizers and `GatewayResponses`; the `Api` and `HttpApi` events
 * of `AWS::Serverless::Function`s (with the implicit `ServerlessRestApi` and
 * `ServerlessHttpApi`); `Globals`; and the plain resources.
 */
import { CORS_EFFECT, type ApiModel, type CorsSettingModel, type OptionsMethodModel, type RouteModel, type TemplateModel } from './model.js'
import { readCloudFormationResources, resourcesOfType, RESPONSE_HEADER_PREFIX, setsCorsHeaders } from './cloudformation.js'
import { at, entriesOf, entry, get, isSet, refTarget, text, type MapNode, type Position, type TreeNode } from './yaml-tree.js'

const IMPLICIT = { rest: 'ServerlessRestApi', http: 'ServerlessHttpApi' } as const
const SAM_TYPES = { rest: 'AWS::Serverless::Api', http: 'AWS::Serverless::HttpApi' } as const

/** Whether a parsed file is a CloudFormation template (SAM or not). */
export function isCloudFormationFile(root: MapNode): boolean {
  return get(root, 'Resources') !== undefined || get(root, 'AWSTemplateFormatVersion') !== undefined
}

function isSam(root: MapNode): boolean {
  const transform = get(root, 'Transform')
  const names = transform?.kind === 'seq' ? transform.items.map(text) : [text(transform)]
  return names.some((name) => name?.startsWith('AWS::Serverless') === true)
}

interface SamApi {
  readonly model: ApiModel
  /** `the default authorizer X` when the API has a default authorizer: every route gets it unless its event names another or NONE. */
  readonly authorizerGuard: string | undefined
  /** `Auth.ApiKeyRequired: true`: every route needs a key unless its event says `ApiKeyRequired: false`, whatever its authorizer. */
  readonly apiKeyRequired: boolean
}

export function readSamOrCloudFormation(root: MapNode): TemplateModel {
  const resources = get(root, 'Resources')
  const plain = readCloudFormationResources(resources)
  const corsSettings: CorsSettingModel[] = [...plain.corsSettings]
  const optionsMethods: OptionsMethodModel[] = [...plain.optionsMethods]
  const globals = get(root, 'Globals')

  // Globals apply to every SAM API of the kind, the implicit one included.
  const globalCors = { rest: entry(get(globals, 'Api'), 'Cors'), http: entry(get(globals, 'HttpApi'), 'CorsConfiguration') }
  for (const kind of ['rest', 'http'] as const) {
    const setting = globalCors[kind]
    if (setting !== undefined && isSet(setting.value)) {
      corsSettings.push({ at: setting.at, what: `Globals.${kind === 'rest' ? 'Api.Cors' : 'HttpApi.CorsConfiguration'}`, effect: CORS_EFFECT[kind], remove: 'it', endpoint: kind })
    }
  }
  const globalUrlCors = entry(at(globals, 'Function', 'FunctionUrlConfig'), 'Cors')
  if (globalUrlCors !== undefined && isSet(globalUrlCors.value)) {
    corsSettings.push({ at: globalUrlCors.at, what: 'Globals.Function.FunctionUrlConfig.Cors', effect: CORS_EFFECT.url, remove: 'it', endpoint: 'url' })
  }

  const samApis = new Map<string, SamApi>()
  const samApi = (kind: 'rest' | 'http', id: string, declaredAt: Position, properties: TreeNode | undefined): SamApi => {
    const global = get(globals, kind === 'rest' ? 'Api' : 'HttpApi')
    const corsKey = kind === 'rest' ? 'Cors' : 'CorsConfiguration'
    const cors = entry(properties, corsKey)
    if (cors !== undefined && isSet(cors.value)) corsSettings.push({ at: cors.at, what: `${corsKey} on the ${kind === 'rest' ? 'REST' : 'HTTP'} API ${id}`, effect: CORS_EFFECT[kind], remove: corsKey, endpoint: kind })
    const auth = get(properties, 'Auth') ?? get(global, 'Auth')
    const defaultAuthorizer = text(get(auth, 'DefaultAuthorizer'))
    const authorizerGuard = defaultAuthorizer !== undefined && defaultAuthorizer !== 'NONE' ? `the default authorizer ${defaultAuthorizer}` : undefined
    // SAM's Cors creates OPTIONS methods, and puts the default authorizer (if any) on them unless told not to.
    const corsAt = cors ?? globalCors.rest
    const addAuthorizer = get(auth, 'AddDefaultAuthorizerToCorsPreflight')
    if (kind === 'rest' && corsAt !== undefined && isSet(corsAt.value)
      && !(addAuthorizer?.kind === 'scalar' && addAuthorizer.value === false)) {
      optionsMethods.push({
        at: corsAt.at,
        label: `OPTIONS methods SAM's Cors creates on ${id}`,
        guard: authorizerGuard,
        fix: 'remove Cors and route preflights to the function; while Cors stays, set Auth.AddDefaultAuthorizerToCorsPreflight: false.',
      })
    }
    const responses = plain.responsesOf(id)
    for (const source of [get(global, 'GatewayResponses'), get(properties, 'GatewayResponses')]) {
      for (const response of entriesOf(source)) {
        responses.set(response.key, { at: response.at, cors: setsCorsHeaders(at(response.value, 'ResponseParameters', 'Headers')) })
      }
    }
    const openApi = get(get(properties, 'DefinitionBody'), 'x-amazon-apigateway-gateway-responses')
    for (const response of entriesOf(openApi)) {
      responses.set(response.key, { at: response.at, cors: setsCorsHeaders(get(response.value, 'responseParameters'), RESPONSE_HEADER_PREFIX) })
    }
    const api: SamApi = {
      model: { kind, id, at: declaredAt, gatewayCors: isSet(cors?.value) || isSet(globalCors[kind]?.value), responses, external: false },
      authorizerGuard,
      apiKeyRequired: scalarTrue(get(auth, 'ApiKeyRequired')),
    }
    samApis.set(id, api)
    return api
  }
  for (const kind of ['rest', 'http'] as const) {
    for (const resource of resourcesOfType(resources, SAM_TYPES[kind])) samApi(kind, resource.key, resource.at, get(resource.value, 'Properties'))
  }

  const routes: RouteModel[] = []
  for (const fn of resourcesOfType(resources, 'AWS::Serverless::Function')) {
    const properties = get(fn.value, 'Properties')
    const urlCors = entry(get(properties, 'FunctionUrlConfig'), 'Cors')
    if (urlCors !== undefined && isSet(urlCors.value)) corsSettings.push({ at: urlCors.at, what: `Cors on the function URL of ${fn.key}`, effect: CORS_EFFECT.url, remove: 'FunctionUrlConfig.Cors', endpoint: 'url' })
    for (const event of entriesOf(get(properties, 'Events'))) {
      const type = text(get(event.value, 'Type'))
      if (type !== 'Api' && type !== 'HttpApi') continue
      const kind = type === 'Api' ? 'rest' : 'http'
      const eventProperties = get(event.value, 'Properties')
      const apiId = refTarget(get(eventProperties, kind === 'rest' ? 'RestApiId' : 'ApiId')) ?? IMPLICIT[kind]
      const api = samApis.get(apiId) ?? (apiId === IMPLICIT[kind] ? samApi(kind, apiId, event.at, undefined) : undefined)
      // An HTTP API event without Method or Path is the catch-all route; one that an intrinsic computes is not guessed at.
      const method = property(eventProperties, 'Method', kind === 'http' ? 'ANY' : undefined)?.toUpperCase()
      const path = property(eventProperties, 'Path', kind === 'http' ? '$default' : undefined)
      if (method === undefined || path === undefined) continue
      const auth = get(eventProperties, 'Auth')
      const authorizer = text(get(auth, 'Authorizer'))
      const apiKey = get(auth, 'ApiKeyRequired')
      // The event's Authorizer replaces the API's default one; its ApiKeyRequired, when written, the API's.
      const authorizerGuard = authorizer === undefined ? api?.authorizerGuard : authorizer === 'NONE' ? undefined : `the authorizer ${authorizer}`
      const keyRequired = apiKey?.kind === 'scalar' && typeof apiKey.value === 'boolean' ? apiKey.value : api?.apiKeyRequired === true
      const guards = [...(authorizerGuard === undefined ? [] : [authorizerGuard]), ...(keyRequired ? ['the API key requirement'] : [])]
      routes.push({
        api: apiId,
        method: method === '*' ? 'ANY' : method,
        path,
        guard: guards.length === 0 ? undefined : guards.join(' and '),
        gatewayCors: false,
        at: event.at,
        label: `${type} event ${event.key} (${method} ${path}) of ${fn.key}`,
      })
    }
  }

  const apis: ApiModel[] = [...samApis.values()].map((api) => api.model)
  for (const api of plain.restApis) {
    apis.push({ kind: 'rest', id: api.id, at: api.at, gatewayCors: false, responses: plain.responsesOf(api.id), external: false })
  }
  return { tool: isSam(root) ? 'sam' : 'cloudformation', apis, routes, corsSettings, optionsMethods }
}

function scalarTrue(node: TreeNode | undefined): boolean {
  return node?.kind === 'scalar' && node.value === true
}

/** A property's plain value; `absent` when the key is missing; `undefined` when the value is not plain (an intrinsic). */
function property(properties: TreeNode | undefined, key: string, absent: string | undefined): string | undefined {
  const node = get(properties, key)
  return node === undefined ? absent : text(node)
}
