import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Flavor } from '../api/mounts.js'
import type { RequestLog } from '../gateway/request-log.js'
import type { OriginPlan } from '../origins.js'
import type { ScenarioSpec } from '../scenarios.js'

/** What the page's script is told about the demo, injected as JSON. */
export interface PageConfig {
  api: string
  pages: OriginPlan['pages']
  flavors: Record<Flavor, string>
  scenarios: ScenarioSpec[]
}

const template = readFileSync(new URL('./index.html', import.meta.url), 'utf8')
const configPlaceholder = '__DEMO_CONFIG__'

/** JSON that is safe inside a <script> element. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c')
}

/**
 * Serves the demo page (on every page origin: the page works out which role
 * it plays from its own origin) and, same-origin with it, the server's view
 * of each scenario's requests at `/__demo/log?tag=...`.
 */
export function pageServer(config: PageConfig, log: RequestLog): (request: IncomingMessage, response: ServerResponse) => void {
  const html = template.replace(configPlaceholder, scriptSafeJson(config))
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://page.invalid')
    if (request.method === 'GET' && url.pathname === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      response.end(html)
    } else if (request.method === 'GET' && url.pathname === '/__demo/log') {
      const tag = url.searchParams.get('tag') ?? ''
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
      response.end(JSON.stringify(log.withTag(tag)))
    } else if (url.pathname === '/favicon.ico') {
      response.writeHead(204)
      response.end()
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' })
      response.end('Not found\n')
    }
  }
}
