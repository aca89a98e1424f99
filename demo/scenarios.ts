import type { PolicyName } from './api/policies.js'
import type { OriginRole } from './origins.js'

/** One fetch a scenario makes, against `${api}/${flavor}/${policy}/${route}`. */
export interface FetchStep {
  route: string
  method: string
  headers?: Record<string, string>
  body?: string
  credentials?: 'include' | 'omit' | 'same-origin'
  /** Response headers page JavaScript tries to read (null when not exposed). */
  readHeaders?: string[]
}

/**
 * A scenario, as data: the demo page performs it and the end-to-end suite
 * drives the page to perform it, so both always do the same thing.
 */
export interface ScenarioSpec {
  id: string
  title: string
  from: OriginRole
  /** Run inside `<iframe sandbox="allow-scripts">`, whose origin is opaque: `Origin: null`. */
  sandboxed?: boolean
  policy: PolicyName
  steps: FetchStep[]
  /** What page JavaScript should observe for the last step. */
  expect: 'readable' | 'blocked'
  /** Why, in a sentence, for the page. */
  because: string
}

const jsonPut: FetchStep = {
  route: 'echo',
  method: 'PUT',
  headers: { 'Content-Type': 'application/json', 'X-Custom': 'demo' },
  body: JSON.stringify({ drink: 'cortado' }),
}

const simpleGet: FetchStep = { route: 'items', method: 'GET' }

const cookieSteps: FetchStep[] = [
  { route: 'session', method: 'POST', credentials: 'include' },
  { route: 'whoami', method: 'GET', credentials: 'include' },
]

export const scenarios: ScenarioSpec[] = [
  { id: 'allowed-get', title: 'Simple GET from an allowed origin', from: 'app', policy: 'credentials', steps: [simpleGet], expect: 'readable', because: 'the origin is listed exactly; Vary: Origin keeps caches honest' },
  { id: 'disallowed-get', title: 'Simple GET from a disallowed origin', from: 'evil', policy: 'credentials', steps: [simpleGet], expect: 'blocked', because: 'evil.localhost is not listed, so no Access-Control-Allow-Origin' },
  { id: 'subdomain', title: 'Wildcard subdomain, one level', from: 'subdomain', policy: 'credentials', steps: [simpleGet], expect: 'readable', because: '*.example.localhost covers shop.example.localhost' },
  { id: 'nested-subdomain', title: 'Wildcard subdomain, two levels', from: 'nestedSubdomain', policy: 'credentials', steps: [simpleGet], expect: 'readable', because: '*.example.localhost covers a.b.example.localhost' },
  { id: 'apex-unlisted', title: 'Apex domain, not listed', from: 'apex', policy: 'credentials', steps: [simpleGet], expect: 'blocked', because: '*.example.localhost does not cover example.localhost itself' },
  { id: 'apex-listed', title: 'Apex domain, listed', from: 'apex', policy: 'no-credentials', steps: [simpleGet], expect: 'readable', because: 'this policy lists example.localhost' },
  { id: 'other-port', title: 'The allowed host on another port', from: 'otherPort', policy: 'credentials', steps: [simpleGet], expect: 'blocked', because: 'the port is part of the origin' },
  { id: 'lookalike-suffix', title: 'Lookalike: allowed name as a prefix', from: 'lookalikeSuffix', policy: 'credentials', steps: [simpleGet], expect: 'blocked', because: 'matching is on the whole host, not a prefix' },
  { id: 'lookalike-glued', title: 'Lookalike: evilexample.localhost', from: 'lookalikeGlued', policy: 'credentials', steps: [simpleGet], expect: 'blocked', because: '*.example.localhost needs a dot before example.localhost' },
  { id: 'localhost-port', title: 'localhost dev server on any port', from: 'localhost', policy: 'credentials', steps: [simpleGet], expect: 'readable', because: 'http://localhost:* allows every port' },
  { id: 'null-origin', title: 'Origin: null from a sandboxed iframe', from: 'app', sandboxed: true, policy: 'credentials', steps: [simpleGet], expect: 'blocked', because: 'the opaque origin "null" is never allowed' },
  { id: 'preflighted-put', title: 'PUT with JSON and a custom header', from: 'app', policy: 'credentials', steps: [jsonPut], expect: 'readable', because: 'one preflight, answered by the CORS layer, then the PUT' },
  { id: 'preflight-disallowed-origin', title: 'Preflight from a disallowed origin', from: 'evil', policy: 'credentials', steps: [jsonPut], expect: 'blocked', because: 'the preflight fails, so the PUT is never sent' },
  { id: 'disallowed-method', title: 'Preflight for a disallowed method (PATCH)', from: 'app', policy: 'credentials', steps: [{ route: 'echo', method: 'PATCH' }], expect: 'blocked', because: 'PATCH is not in the policy\'s methods' },
  { id: 'disallowed-header', title: 'Preflight for a disallowed header (X-Other)', from: 'app', policy: 'credentials', steps: [{ ...jsonPut, headers: { 'Content-Type': 'application/json', 'X-Other': 'nope' } }], expect: 'blocked', because: 'X-Other is not in allowedHeaders' },
  { id: 'authorization', title: 'Authorization header, listed', from: 'app', policy: 'credentials', steps: [{ route: 'items', method: 'GET', headers: { Authorization: 'Bearer demo-token' } }], expect: 'readable', because: 'Authorization is in allowedHeaders' },
  { id: 'cookie', title: 'Credentialed fetch with a cookie', from: 'app', policy: 'credentials', steps: cookieSteps, expect: 'readable', because: 'credentials: true and the exact origin echoed' },
  { id: 'cookie-policy-without-credentials', title: 'Credentialed fetch, policy without credentials', from: 'app', policy: 'no-credentials', steps: cookieSteps, expect: 'blocked', because: 'no Access-Control-Allow-Credentials: true' },
  { id: 'exposed-headers', title: 'Exposed and unexposed response headers', from: 'app', policy: 'credentials', steps: [{ route: 'headers', method: 'GET', readHeaders: ['X-Request-Id', 'X-Internal-Trace'] }], expect: 'readable', because: 'only X-Request-Id is in exposedHeaders' },
  { id: 'thrown-500', title: 'Handler throws: 500', from: 'app', policy: 'credentials', steps: [{ route: 'boom', method: 'GET' }], expect: 'readable', because: 'error responses carry CORS headers too' },
  { id: 'http-401', title: 'Handler throws createError(401)', from: 'app', policy: 'credentials', steps: [{ route: 'private', method: 'GET' }], expect: 'readable', because: 'error responses carry CORS headers too' },
  { id: 'not-found', title: 'Unknown route: 404', from: 'app', policy: 'credentials', steps: [{ route: 'nowhere', method: 'GET' }], expect: 'readable', because: 'error responses carry CORS headers too' },
  { id: 'max-age', title: 'maxAge: the second preflight is cached', from: 'app', policy: 'credentials', steps: [jsonPut, jsonPut], expect: 'readable', because: 'Access-Control-Max-Age: 600 lets the browser reuse the preflight' },
  { id: 'own-acao', title: 'Handler sets its own Access-Control-Allow-Origin', from: 'app', policy: 'credentials', steps: [{ route: 'own-acao', method: 'GET', credentials: 'include' }], expect: 'readable', because: 'the library replaces it: one header, the exact origin' },
]

export function scenarioById(id: string): ScenarioSpec {
  const scenario = scenarios.find((candidate) => candidate.id === id)
  if (!scenario) throw new Error(`unknown scenario ${id}`)
  return scenario
}

/** What page JavaScript observed for one step (the page's `runHere` reports these). */
export interface StepObservation {
  url: string
  outcome: 'readable' | 'blocked'
  status?: number
  body?: string
  /** The `readHeaders` of the step: value, or null when JavaScript may not read it. */
  headers?: Record<string, string | null>
  /** The fetch rejection, e.g. `TypeError: Failed to fetch`. */
  error?: string
}

export interface ScenarioObservation {
  scenarioId: string
  flavor: string
  tag: string
  /** `self.origin` of the document that made the requests ("null" when sandboxed). */
  origin: string
  steps: StepObservation[]
}

/** The page's script API, as `window.corsDemo`. */
export interface DemoPageApi {
  /** Runs a scenario from the calling page's own origin and reports what JavaScript saw. */
  runHere(scenarioId: string, flavor: string, tag: string): Promise<ScenarioObservation>
}
