import type { RequestListener, Server } from 'node:http'
import { createServer as createHttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createHttpsServer } from 'node:https'
import { flavors, demoMounts } from './api/mounts.js'
import { apiFront } from './gateway/api-front.js'
import { RequestLog } from './gateway/request-log.js'
import type { OriginPlan } from './origins.js'
import { hostnamesPlan, hostResolverRules, localhostPlan } from './origins.js'
import { pageServer } from './page/page-server.js'
import { scenarios } from './scenarios.js'

export interface DemoOptions {
  /**
   * `localhost`: plain http on localhost, for any browser (npm run demo).
   * `hostnames`: .test names over HTTPS, for a Chromium started with
   * `--host-resolver-rules=<hostResolverRules>` (the end-to-end suite).
   */
  mode: 'localhost' | 'hostnames'
  /** Certificate and key (PEM) for the HTTPS servers; required in hostnames mode. */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** Ports to listen on in localhost mode; 0 (the default) picks free ones. */
  apiPort?: number
  pagePort?: number
}

export interface DemoHandle {
  apiUrl: string
  /** The page to open first: the app origin. */
  pageUrl: string
  origins: OriginPlan
  /** The value for Chromium's --host-resolver-rules (hostnames mode), else null. */
  hostResolverRules: string | null
  /** Every request the API front answered. */
  log: RequestLog
  close(): Promise<void>
}

const loopback = '127.0.0.1'

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, loopback, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    // Browsers keep idle connections open; do not wait for them.
    server.closeAllConnections()
  })
}

/**
 * Starts the demo: the API front (Lambda handlers behind an API Gateway
 * look-alike) and the page servers, all on 127.0.0.1. Used by `npm run demo`
 * and by the end-to-end suite alike.
 */
export async function startDemo(options: DemoOptions): Promise<DemoHandle> {
  const log = new RequestLog()
  const api = apiFront(demoMounts(), log)
  const servers: Server[] = []
  const serve = (listener: RequestListener, secure: boolean): Server => {
    let server: Server
    if (secure) {
      if (!options.tls) throw new Error('hostnames mode serves HTTPS and needs options.tls')
      server = createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    } else {
      server = createHttpServer(listener)
    }
    servers.push(server)
    return server
  }
  const close = async (): Promise<void> => {
    await Promise.all(servers.map(closeServer))
  }

  try {
    // The page servers need the plan, which needs their ports: bind first,
    // attach the listener once the plan is known.
    let plan: OriginPlan
    let rules: string | null = null
    let page: RequestListener = () => undefined
    const pageListener: RequestListener = (request, response) => page(request, response)
    if (options.mode === 'hostnames') {
      const apiPort = await listen(serve(api, true), 0)
      const httpsPagePort = await listen(serve(pageListener, true), 0)
      const httpPagePort = await listen(serve(pageListener, false), 0)
      plan = hostnamesPlan(httpPagePort)
      rules = hostResolverRules({ api: apiPort, httpsPage: httpsPagePort, httpPage: httpPagePort })
    } else {
      const apiPort = await listen(serve(api, false), options.apiPort ?? 0)
      const pagePort = await listen(serve(pageListener, false), options.pagePort ?? 0)
      plan = localhostPlan({ api: apiPort, page: pagePort })
    }
    page = pageServer({ mode: options.mode, api: plan.api, pages: plan.pages, flavors, scenarios }, log)
    const pageUrl = plan.pages.app
    if (pageUrl === null) throw new Error('every plan has an app origin')
    return { apiUrl: plan.api, pageUrl, origins: plan, hostResolverRules: rules, log, close }
  } catch (error) {
    await close()
    throw error
  }
}
