/**
 * Sending one request the way a browser would, with Node's own http and
 * https modules: no redirect following, no cookies, the body read only far
 * enough to recognise API Gateway's error answers.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { ObservedAnswer } from './aws-diagnosis.js'

/** How to reach the server. */
export interface TransportOptions {
  /**
   * Verify the server's TLS certificate. Default `true`; `false` accepts
   * self-signed certificates (local test servers).
   */
  readonly rejectUnauthorized?: boolean
  /**
   * The certificate authorities to trust, PEM-encoded, in place of Node's
   * built-in list (like curl's `--cacert`): for an API whose certificate a
   * private CA signed. The certificate is still verified, its name
   * included.
   */
  readonly ca?: string
  /** Give up after this many milliseconds. Default 10000. */
  readonly timeoutMs?: number
  /**
   * Connect to this `host:port` instead of the URL's, keeping the URL's Host
   * and TLS server name (like curl's `--connect-to`).
   */
  readonly connectTo?: string
}

/** The most of a body read: enough for any API Gateway error message. */
const MAX_BODY_BYTES = 64 * 1024

function splitHostPort(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(value)
  if (match === null) throw new TypeError(`--connect-to needs host:port, got ${JSON.stringify(value)}`)
  return { host: (match[1] ?? match[2]) as string, port: Number(match[3]) }
}

/** Sends `method` to `url` with exactly `headers`, and reads the answer. */
export function send(url: string, method: string, headers: Record<string, string>, options: TransportOptions = {}): Promise<ObservedAnswer> {
  const target = new URL(url)
  const secure = target.protocol === 'https:'
  if (!secure && target.protocol !== 'http:') return Promise.reject(new TypeError(`only http: and https: URLs can be checked, got ${target.protocol}`))
  const via = options.connectTo === undefined ? undefined : splitHostPort(options.connectTo)
  // An IPv6 address comes in brackets, which the socket must not get.
  const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname
  const timeoutMs = options.timeoutMs ?? 10_000
  return new Promise((resolve, reject) => {
    const outgoing = (secure ? httpsRequest : httpRequest)({
      method,
      host: via?.host ?? hostname,
      // '' when the URL has the scheme's default port, which Node then uses.
      port: via?.port ?? target.port,
      path: `${target.pathname}${target.search}`,
      // Node's agent (a new one: agent false) takes the TLS server name from
      // this Host, without the port, and sends none for an IP address.
      headers: { host: target.host, ...headers },
      rejectUnauthorized: options.rejectUnauthorized !== false,
      // Absent, Node's built-in list (TLS contexts treat an undefined ca so).
      ca: options.ca,
      agent: false,
    })
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer from ${target.host} within ${timeoutMs} ms`)), timeoutMs)
    outgoing.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    outgoing.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = []
      let size = 0
      const finish = (): void => {
        clearTimeout(timer)
        const headerLines: Array<[string, string]> = []
        for (let index = 0; index < response.rawHeaders.length; index += 2) {
          headerLines.push([response.rawHeaders[index] as string, response.rawHeaders[index + 1] as string])
        }
        resolve({ status: response.statusCode ?? 0, headerLines, body: Buffer.concat(chunks).toString('utf8') })
      }
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        size += chunk.length
        if (size >= MAX_BODY_BYTES) {
          response.destroy()
          finish()
        }
      })
      response.on('end', finish)
      response.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
    })
    outgoing.end()
  })
}
