/**
 * The lint rules: a template model in, findings out. Pure.
 */
import { finding, type LintFinding } from './findings.js'
import type { ApiModel, RouteModel, TemplateModel } from './model.js'

const GENERATE = 'npx lambda-cors gateway --policy <your policy module> --format'

/** Every finding of a template, in file order. */
export function lintModel(model: TemplateModel): LintFinding[] {
  const apis = new Map(model.apis.map((api) => [api.id, api]))
  const findings = [
    ...gatewayCorsConflicts(model),
    ...optionsBehindAuthorizer(model, apis),
    ...missingGatewayResponses(model),
    ...missingOptionsRoutes(model, apis),
  ]
  return findings.sort((a, b) => a.line - b.line || a.column - b.column)
}

function gatewayCorsConflicts(model: TemplateModel): LintFinding[] {
  return model.corsSettings.map((setting) => finding('gateway-cors-conflict', setting.at,
    `${setting.what}: ${setting.effect}. The function already answers CORS from its policy.`,
    `remove ${setting.remove}; route preflights to the function (the middleware, or preflightHandler on OPTIONS routes)${setting.endpoint === 'rest'
      ? ` and add gateway responses for the gateway's own errors (${GENERATE} ${formatOf(model)})`
      : setting.endpoint === 'http' ? '; HTTP APIs have no gateway responses, so their own rare errors stay unreadable to the browser' : ''}.`))
}

function optionsBehindAuthorizer(model: TemplateModel, apis: ReadonlyMap<string, ApiModel>): LintFinding[] {
  const found: LintFinding[] = []
  const reason = (label: string, guard: string) =>
    `browsers send preflights without cookies, Authorization or API keys, so ${guard} answers every preflight to ${label} with 401 or 403, and the browser reports a failed preflight instead of the real answer.`
  for (const route of model.routes) {
    if (route.guard === undefined || route.gatewayCors || apis.get(route.api)?.gatewayCors === true) continue
    if (route.method === 'OPTIONS') {
      found.push(finding('options-behind-authorizer', route.at, reason(`the ${route.label}`, route.guard), `remove the authorizer from this OPTIONS route (${noAuthFix(model)}).`))
    } else if (route.method === 'ANY' && !model.routes.some((o) => o.api === route.api && o.method === 'OPTIONS' && samePath(o.path, route.path) && o.guard === undefined)) {
      found.push(finding('options-behind-authorizer', route.at, reason(`the ${route.label} (an ANY route also receives its path's OPTIONS preflights)`, route.guard),
        `add an OPTIONS route on ${route.path} without authorizer (to the same function or to preflightHandler): it takes precedence over ${route.method} for preflights.`))
    }
  }
  for (const method of model.optionsMethods) {
    if (method.guard !== undefined) {
      found.push(finding('options-behind-authorizer', method.at, reason(`the ${method.label}`, method.guard), method.fix ?? 'set AuthorizationType: NONE and ApiKeyRequired: false on OPTIONS methods.'))
    }
  }
  return found
}

function missingGatewayResponses(model: TemplateModel): LintFinding[] {
  const found: LintFinding[] = []
  for (const api of model.apis) {
    if (api.kind !== 'rest' || api.external) continue
    const missing = ['DEFAULT_4XX', 'DEFAULT_5XX'].filter((type) => api.responses.get(type)?.cors !== true)
    if (missing.length > 0) {
      found.push(finding('missing-gateway-responses', api.at,
        `the REST API ${api.id} has no gateway responses with CORS headers for ${missing.join(' and ')}: the errors API Gateway answers itself (an authorizer's 401 or 403, 403 for a missing route, 429, 502, 504) reach the browser without Access-Control-Allow-Origin, which hides them behind a CORS error.`,
        `add gateway responses generated from the policy: ${GENERATE} ${formatOf(model)}.`))
    }
    for (const [type, response] of api.responses) {
      if (response.cors || type.startsWith('DEFAULT_')) continue
      found.push(finding('missing-gateway-responses', response.at,
        `the gateway response ${type} of ${api.id} has no CORS headers, and a type configured on its own no longer inherits DEFAULT_4XX's or DEFAULT_5XX's, so browsers hide this error behind a CORS error.`,
        `give it the headers of the generated gateway responses (${GENERATE} ${formatOf(model)}), or remove it.`))
    }
  }
  return found
}

function missingOptionsRoutes(model: TemplateModel, apis: ReadonlyMap<string, ApiModel>): LintFinding[] {
  const found: LintFinding[] = []
  const reported = new Set<string>()
  for (const route of model.routes) {
    const api = apis.get(route.api)
    if (!needsPreflight(route) || route.gatewayCors || api === undefined || api.gatewayCors) continue
    const covered = model.routes.some((o) => o.api === route.api && (o.method === 'OPTIONS' || o.method === 'ANY') && covers(api.kind, o.path, route.path))
    const key = `${route.api} ${normalizePath(route.path)}`
    if (covered || reported.has(key)) continue
    reported.add(key)
    const why = api.kind === 'rest'
      ? `API Gateway picks a REST resource before its method, so a preflight to ${route.path} finds no OPTIONS method there and gets 403 "Missing Authentication Token" (a /{proxy+} resource does not cover paths that have a resource of their own)`
      : `no OPTIONS or ANY route matches ${route.path}, so its preflights get 404`
    found.push(finding('missing-options-route', route.at,
      `browsers send a preflight before ${route.method} ${route.path}${route.guard === undefined ? '' : ` (${route.guard} means a credential header)`}; ${why}.`,
      api.kind === 'rest'
        ? `add an OPTIONS method on ${route.path}, without authorizer, to the function or to preflightHandler.`
        : 'add an OPTIONS /{proxy+} route without authorizer, to the function or to preflightHandler.'))
  }
  return found
}

/**
 * GET and HEAD without a credential header can be simple requests; everything
 * else is preflighted. (An OPTIONS or ANY route counts too, and covers itself.)
 */
function needsPreflight(route: RouteModel): boolean {
  return !(route.method === 'GET' || route.method === 'HEAD') || route.guard !== undefined
}

/** `/items/{id}` and `items/{itemId}/` are the same route. */
export function normalizePath(path: string): string {
  const slashed = `/${path.trim().replace(/^\/+|\/+$/g, '')}`
  return slashed.replace(/\{[^}]*\+\}/g, '{+}').replace(/\{[^}+]*\}/g, '{}')
}

function samePath(a: string, b: string): boolean {
  return normalizePath(a) === normalizePath(b)
}

/** Whether an OPTIONS or ANY route on `catcher` receives the preflights of `path`. */
function covers(kind: 'rest' | 'http', catcher: string, path: string): boolean {
  if (samePath(catcher, path)) return true
  if (kind === 'rest') return false
  if (catcher === '$default' || catcher === '*') return true
  // A greedy path variable, always last, catches the paths below it ("all child
  // resources of a route"): `/items/{proxy+}` catches `/items/...` but not
  // `/items`, and `/{proxy+}` every path but the root `/`.
  const greedy = normalizePath(catcher)
  const parent = greedy.slice(0, -'{+}'.length)
  const normalized = normalizePath(path)
  return greedy.endsWith('/{+}') && normalized.length > parent.length && normalized.startsWith(parent)
}

function formatOf(model: TemplateModel): string {
  return model.tool === 'serverless' ? 'serverless' : model.tool === 'sam' ? 'sam' : 'cloudformation'
}

function noAuthFix(model: TemplateModel): string {
  return model.tool === 'serverless' ? 'no authorizer and no private: true on the event' : 'Auth: { Authorizer: NONE, ApiKeyRequired: false } on the event'
}
