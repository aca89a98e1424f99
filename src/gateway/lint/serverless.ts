/**
 * Reading a Serverless Framework serverless.yml into the lint's model:
 * `http` events (REST API `ApiGatewayRestApi`), `httpApi` events (HTTP API
 * `HttpApi`), their `cors:` and authorizers, `provider.httpApi.cors`, and
 * the gateway responses under `resources.Resources`.
 */
import { CORS_EFFECT, type ApiModel, type CorsSettingModel, type RouteModel, type TemplateModel } from './model.js'
import { readCloudFormationResources } from './cloudformation.js'
import { at, entriesOf, entry, get, isSet, itemsOf, text, type MapNode, type Position, type TreeNode } from './yaml-tree.js'

const REST_API = 'ApiGatewayRestApi'
const HTTP_API = 'HttpApi'

/** Whether a parsed file looks like a serverless.yml. */
export function isServerlessFile(root: MapNode): boolean {
  return get(root, 'functions') !== undefined || (get(root, 'service') !== undefined && get(root, 'provider') !== undefined)
}

export function readServerless(root: MapNode): TemplateModel {
  const routes: RouteModel[] = []
  const corsSettings: CorsSettingModel[] = []
  let restAt: Position | undefined
  let httpAt: Position | undefined

  const httpApiCors = entry(at(root, 'provider', 'httpApi'), 'cors')
  const httpApiGatewayCors = httpApiCors !== undefined && isSet(httpApiCors.value)
  if (httpApiGatewayCors) {
    corsSettings.push({ at: httpApiCors.at, what: 'provider.httpApi.cors', effect: CORS_EFFECT.http, remove: 'provider.httpApi.cors', endpoint: 'http' })
  }

  for (const fn of entriesOf(get(root, 'functions'))) {
    for (const event of itemsOf(get(fn.value, 'events'))) {
      for (const kind of ['http', 'httpApi'] as const) {
        const e = entry(event, kind)
        if (e === undefined) continue
        const route = readEvent(kind, e.value, e.at, fn.key)
        if (route === undefined) continue
        routes.push(route.route)
        if (kind === 'http') restAt ??= e.at
        else httpAt ??= e.at
        if (route.cors !== undefined) {
          corsSettings.push({
            at: route.cors,
            what: `cors on the ${route.route.label}`,
            effect: kind === 'http' ? CORS_EFFECT.rest : CORS_EFFECT.http,
            remove: `cors from this ${kind} event`,
            endpoint: kind === 'http' ? 'rest' : 'http',
          })
        }
      }
    }
    const urlCors = entry(get(fn.value, 'url'), 'cors')
    if (urlCors !== undefined && isSet(urlCors.value)) {
      corsSettings.push({ at: urlCors.at, what: `cors on the function URL of ${fn.key}`, effect: CORS_EFFECT.url, remove: 'url.cors', endpoint: 'url' })
    }
  }

  const resources = readCloudFormationResources(get(get(root, 'resources'), 'Resources'))
  const external = at(root, 'provider', 'apiGateway', 'restApiId') !== undefined
  const apis: ApiModel[] = []
  if (restAt !== undefined) {
    apis.push({ kind: 'rest', id: REST_API, at: restAt, gatewayCors: false, responses: resources.responsesOf(REST_API), external })
  }
  if (httpAt !== undefined) {
    apis.push({ kind: 'http', id: HTTP_API, at: httpAt, gatewayCors: httpApiGatewayCors, responses: new Map(), external: false })
  }
  return { tool: 'serverless', apis, routes, corsSettings: [...corsSettings, ...resources.corsSettings], optionsMethods: resources.optionsMethods }
}

/** One `http` or `httpApi` event: `GET /items` shorthand or a mapping. */
function readEvent(kind: 'http' | 'httpApi', node: TreeNode, eventAt: Position, functionName: string): { route: RouteModel; cors: Position | undefined } | undefined {
  let method: string | undefined
  let path: string | undefined
  const shorthand = text(node)
  if (shorthand !== undefined) {
    // As the framework reads it (its schema allows `*` or a method, one space and a path).
    if (shorthand === '*') [method, path] = ['ANY', '$default']
    else [method, path] = shorthand.split(' ', 2)
  } else {
    method = text(get(node, 'method'))
    path = text(get(node, 'path'))
  }
  if (method === undefined || path === undefined) return undefined
  method = method === '*' ? 'ANY' : method.toUpperCase()
  path = path === '*' ? '$default' : path.startsWith('/') || path.startsWith('$') ? path : `/${path}`
  const guards: string[] = []
  const authorizer = get(node, 'authorizer')
  if (isSet(authorizer)) guards.push(`the authorizer${describeAuthorizer(authorizer as TreeNode)}`)
  if (kind === 'http' && get(node, 'private')?.kind === 'scalar' && (get(node, 'private') as { value: unknown }).value === true) guards.push('the API key requirement (private: true)')
  const corsEntry = entry(node, 'cors')
  const cors = corsEntry !== undefined && isSet(corsEntry.value) ? corsEntry.at : undefined
  return {
    route: {
      api: kind === 'http' ? REST_API : HTTP_API,
      method,
      path,
      guard: guards.length === 0 ? undefined : guards.join(' and '),
      gatewayCors: kind === 'http' && cors !== undefined,
      at: eventAt,
      label: `${kind} event ${method} ${path} of function ${functionName}`,
    },
    cors,
  }
}

function describeAuthorizer(node: TreeNode): string {
  const name = text(node) ?? text(get(node, 'name')) ?? text(get(node, 'type')) ?? text(get(node, 'arn'))
  return name === undefined ? '' : ` ${JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name)}`
}
