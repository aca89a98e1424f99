import type { RequestListener, Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { flavors, demoMounts } from './api/mounts.js'
import { apiFront } from './gateway/api-front.js'
import { RequestLog } from './gateway/request-log.js'
import type { OriginPlan } from './origins.js'
import { demoPlan } from './origins.js'
import { pageServer } from './page/page-server.js'
import { scenarios } from './scenarios.js'

export interface DemoOptions {
  /** Port of the API; 0 (the default) picks a free one. */
  apiPort?: number
  /** Port of the pages; 0 (the default) picks a free one. */
  pagePort?: number
  /** Port of the "same host, another port" page; 0 (the default) picks a free one. */
  otherPagePort?: number
}

export interface DemoHandle {
  apiUrl: string
  /** The page to open first: the app origin. */
  pageUrl: string
  origins: OriginPlan
  /** Every request the API front answered. */
  log: RequestLog
  close(): Promise<void>
}

/** A port the demo cannot listen on, with the environment variable that changes it. */
export class PortInUseError extends Error {
  constructor(readonly port: number, readonly what: string, readonly variable: string) {
    super(`port ${port} (${what}) is already in use. Stop what is using it, or pick another port: ${variable}=<port> npm run demo (0 picks a free one).`)
    this.name = 'PortInUseError'
  }
}

const loopback = '127.0.0.1'

function listen(server: Server, port: number, what: string, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what, variable) : error)
    })
    server.listen(port, loopback, () => {
      server.removeAllListeners('error')
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    // Browsers keep idle connections open; do not wait for them.
    server.closeAllConnections()
  })
}

/**
 * Starts the demo: the API front (Lambda handlers behind an API Gateway
 * look-alike) and the page servers, all on 127.0.0.1, reached through
 * `*.localhost` names that browsers resolve to loopback themselves. Used by
 * `npm run demo` and by the end-to-end suite alike.
 */
export async function startDemo(options: DemoOptions = {}): Promise<DemoHandle> {
  const log = new RequestLog()
  const servers: Server[] = []
  // Listeners are attached once the ports, hence the origins, are known.
  let api: RequestListener = () => undefined
  let page: RequestListener = () => undefined
  const serve = (listener: RequestListener): Server => {
    const server = createServer(listener)
    servers.push(server)
    return server
  }
  const close = async (): Promise<void> => {
    await Promise.all(servers.map(closeServer))
  }

  try {
    const apiPort = await listen(serve((request, response) => api(request, response)), options.apiPort ?? 0, 'the API', 'DEMO_API_PORT')
    const pagePort = await listen(serve((request, response) => page(request, response)), options.pagePort ?? 0, 'the page', 'DEMO_PAGE_PORT')
    const otherPagePort = await listen(serve((request, response) => page(request, response)), options.otherPagePort ?? 0, 'the page on another port', 'DEMO_OTHER_PAGE_PORT')
    const plan = demoPlan({ api: apiPort, page: pagePort, otherPage: otherPagePort })
    api = apiFront(demoMounts(pagePort), log)
    page = pageServer({ api: plan.api, pages: plan.pages, flavors, scenarios }, log)
    return { apiUrl: plan.api, pageUrl: plan.pages.app, origins: plan, log, close }
  } catch (error) {
    await close()
    throw error
  }
}
