import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { CannedAnswer } from '../../support/gateway-answers.js'
import { makeThrowawayCertificate } from '../../support/certificate.js'

/** A request as the server received it. */
export interface ReceivedRequest {
  method: string
  path: string
  /** Header names lower-case, as Node gives them. */
  headers: Record<string, string | string[] | undefined>
}

/** Decides the answer to each request. */
export type Answerer = (request: ReceivedRequest) => CannedAnswer

export interface AnsweringServer {
  /** `http://127.0.0.1:port` or `https://127.0.0.1:port`. */
  origin: string
  received: ReceivedRequest[]
  /** The server's self-signed certificate, PEM (https only): what `--ca` trusts. */
  certificatePem: string | undefined
  /** Replaces the answerer (one server serves a whole file). */
  answer(answerer: Answerer): void
  close(): Promise<void>
}

let certificate: { cert: string; key: string } | undefined

/** A server on 127.0.0.1 that writes canned answers verbatim (header spelling and repeats kept). */
export async function startAnsweringServer(secure: boolean): Promise<AnsweringServer> {
  const received: ReceivedRequest[] = []
  let answerer: Answerer = () => ({ status: 500, headerLines: [], body: 'no answerer set' })
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const seen: ReceivedRequest = { method: request.method ?? '', path: request.url ?? '', headers: { ...request.headers } }
    received.push(seen)
    request.resume()
    request.on('end', () => {
      const answer = answerer(seen)
      response.writeHead(answer.status, [...answer.headerLines, ['Content-Length', String(Buffer.byteLength(answer.body))]].flat())
      response.end(answer.body)
    })
  }
  let server: Server
  if (secure) {
    certificate ??= makeThrowawayCertificate()
    server = createHttpsServer(certificate, listener)
  } else {
    server = createHttpServer(listener)
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    received,
    certificatePem: secure ? certificate?.cert : undefined,
    answer(next) {
      answerer = next
    },
    close: () => new Promise((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}
