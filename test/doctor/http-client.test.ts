import { createServer as createHttpServer, type IncomingMessage } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ObservedAnswer } from '../../src/doctor/aws-diagnosis.js'
import { send, type TransportOptions } from '../../src/doctor/http-client.js'
import { makeThrowawayCertificate } from '../support/certificate.js'

// How `lambda-cors check` sends a request and reads the answer, against
// servers on 127.0.0.1 (and connections refused on other loopback addresses).

let instances = 0
/**
 * send() from a new instance of its module, so that its module-level limit
 * is read inside the test (see "Mutation testing" in docs/testing.md).
 */
async function freshSend(url: string, method: string, headers: Record<string, string>, options?: TransportOptions): Promise<ObservedAnswer> {
  instances++
  const specifier = `../../src/doctor/http-client.js?instance=${instances}`
  const client = (await import(/* @vite-ignore */ specifier)) as typeof import('../../src/doctor/http-client.js')
  return client.send(url, method, headers, options)
}

const servers: Server[] = []
afterEach(async () => {
  vi.useRealTimers()
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => {
    server.close(resolve)
    if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections()
  })))
})

async function listening<T extends Server>(server: T): Promise<number> {
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

/** A TCP server that writes each accepted socket what `script` says: raw HTTP, byte for byte. */
async function rawServer(script: (socket: Socket) => void): Promise<{ port: number; sockets: Socket[] }> {
  const sockets: Socket[] = []
  const server = createNetServer((socket) => {
    sockets.push(socket)
    socket.once('data', () => script(socket))
  })
  return { port: await listening(server), sockets }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let certificate: { cert: string; key: string } | undefined

describe('send(): the answer as the server wrote it', () => {
  it('reads the status, every header line in order with its spelling and repeats, and the whole body', async () => {
    const { port } = await rawServer((socket) => {
      socket.write('HTTP/1.1 403 Forbidden\r\nx-amzn-ErrorType: MissingAuthenticationTokenException\r\nVary: Origin\r\nvary: Accept-Encoding\r\nConnection: close\r\n\r\n{"message":')
      // The rest of the body later, in a second packet.
      setTimeout(() => socket.end('"Missing Authentication Token"}'), 30)
    })
    await expect(send(`http://127.0.0.1:${port}/prod/orders`, 'OPTIONS', {})).resolves.toEqual({
      status: 403,
      headerLines: [['x-amzn-ErrorType', 'MissingAuthenticationTokenException'], ['Vary', 'Origin'], ['vary', 'Accept-Encoding'], ['Connection', 'close']],
      body: '{"message":"Missing Authentication Token"}',
    })
  })

  it('sends the method, the path with its query, the URL\'s Host and exactly the given headers', async () => {
    const seen: IncomingMessage[] = []
    const server = createHttpServer((request, response) => {
      seen.push(request)
      response.end()
    })
    const port = await listening(server)
    await send(`http://127.0.0.1:${port}/prod/orders?page=2`, 'PATCH', { origin: 'https://app.example.com', 'x-trace': '1' })
    expect(seen.map((request) => [request.method, request.url, request.headers.host, request.headers.origin, request.headers['x-trace']]))
      .toEqual([['PATCH', '/prod/orders?page=2', `127.0.0.1:${port}`, 'https://app.example.com', '1']])
  })

  it('reads at most 64 KiB of a body, then hangs up instead of downloading the rest', async () => {
    let closed!: () => void
    const hungUp = new Promise<void>((resolve) => { closed = resolve })
    const { port } = await rawServer((socket) => {
      socket.on('close', closed)
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1048576\r\n\r\n')
      // Exactly 64 KiB, then more a little later: the limit falls between two packets.
      socket.write('a'.repeat(64 * 1024))
      setTimeout(() => socket.write('b'.repeat(1024)), 100)
    })
    const answer = await freshSend(`http://127.0.0.1:${port}/logs`, 'GET', {}, { timeoutMs: 3000 })
    expect(answer.body).toBe('a'.repeat(64 * 1024))
    await hungUp
  })

  it('reads a body under the limit whole, however it is split', async () => {
    const { port } = await rawServer((socket) => {
      socket.write('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 60000\r\n\r\n')
      socket.write('x'.repeat(30_000))
      setTimeout(() => socket.write('y'.repeat(30_000)), 50)
    })
    const answer = await send(`http://127.0.0.1:${port}/`, 'GET', {}, { timeoutMs: 3000 })
    expect(answer.body).toBe('x'.repeat(30_000) + 'y'.repeat(30_000))
  })

  it('rejects when the connection drops in the middle of the body', async () => {
    const { port } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"items":[', () => socket.destroy())
    })
    await expect(send(`http://127.0.0.1:${port}/`, 'GET', {}, { timeoutMs: 3000 })).rejects.toThrow(/aborted|ECONNRESET|socket hang up/)
  })
})

describe('send(): time limits', () => {
  it('gives up after timeoutMs without an answer, naming the host', async () => {
    const { port } = await rawServer(() => { /* reads the request, never answers */ })
    const started = Date.now()
    await expect(send(`http://127.0.0.1:${port}/`, 'GET', {}, { timeoutMs: 150 })).rejects.toThrow(`no answer from 127.0.0.1:${port} within 150 ms`)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('waits 10 s by default, not less', async () => {
    const server = createHttpServer((_request, response) => {
      setTimeout(() => response.end('late'), 100)
    })
    const port = await listening(server)
    await expect(send(`http://127.0.0.1:${port}/`, 'GET', {})).resolves.toMatchObject({ status: 200, body: 'late' })
  })

  it('leaves no timer behind once answered or failed (a process exits as soon as the check is done)', async () => {
    const server = createHttpServer((_request, response) => response.end('{}'))
    const port = await listening(server)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await send(`http://127.0.0.1:${port}/`, 'GET', {})
    expect(vi.getTimerCount()).toBe(0)
    await expect(send('http://127.0.0.2:1/', 'GET', {})).rejects.toThrow(/ECONNREFUSED/)
    expect(vi.getTimerCount()).toBe(0)
    const { port: dropping } = await rawServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"items":[', () => socket.destroy())
    })
    await expect(send(`http://127.0.0.1:${dropping}/`, 'GET', {})).rejects.toThrow(/aborted|ECONNRESET/)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('send(): where it connects', () => {
  it.each([
    ['http://127.0.0.1/', '127.0.0.1', 80],
    ['https://127.0.0.1/', '127.0.0.1', 443],
    ['http://127.0.0.2:1/', '127.0.0.2', 1],
    // An IPv6 literal loses its brackets on the way to the socket.
    ['http://[::1]:1/', '::1', 1],
  ])('%s: the URL\'s address and port, the scheme\'s port by default', async (url, address, port) => {
    await expect(send(url, 'GET', {}, { timeoutMs: 3000 })).rejects.toMatchObject({ code: 'ECONNREFUSED', address, port })
  })

  it.each([
    ['127.0.0.2:1', '127.0.0.2', 1],
    ['[::1]:1', '::1', 1],
  ])('connectTo %s: that address and port instead of the URL\'s', async (connectTo, address, port) => {
    await expect(send('http://api.example.test:8080/', 'GET', {}, { connectTo, timeoutMs: 3000 })).rejects.toMatchObject({ code: 'ECONNREFUSED', address, port })
  })

  it.each([
    'api.example.test',
    'api.example.test:',
    ':443',
    '127.0.0.1:80x',
    // An IPv6 address needs its brackets, as in curl.
    '::1:8443',
  ])('connectTo %j is refused: not host:port', async (connectTo) => {
    await expect((async () => send('https://api.example.test/', 'GET', {}, { connectTo }))()).rejects.toThrow(
      new TypeError(`--connect-to needs host:port, got ${JSON.stringify(connectTo)}`),
    )
  })

  it.each(['ftp://127.0.0.1:1/', 'ws://127.0.0.1:1/', 'file:///etc/hosts'])('%s is refused: only http: and https:', async (url) => {
    await expect(send(url, 'GET', {})).rejects.toThrow(new TypeError(`only http: and https: URLs can be checked, got ${new URL(url).protocol}`))
  })
})

describe('send(): TLS', () => {
  async function tlsServer(): Promise<{ port: number; serverNames: Array<string | false | null> }> {
    certificate ??= makeThrowawayCertificate()
    const serverNames: Array<string | false | null> = []
    const server = createHttpsServer(certificate, (request, response) => {
      serverNames.push((request.socket as TLSSocket).servername)
      response.end()
    })
    return { port: await listening(server), serverNames }
  }

  it('verifies the certificate unless told not to', async () => {
    const { port } = await tlsServer()
    await expect(send(`https://127.0.0.1:${port}/`, 'GET', {})).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    await expect(send(`https://127.0.0.1:${port}/`, 'GET', {}, { rejectUnauthorized: true })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    await expect(send(`https://127.0.0.1:${port}/`, 'GET', {}, { rejectUnauthorized: false })).resolves.toMatchObject({ status: 200 })
  })

  it.each<[string, string | false]>([
    ['https://api.example.test/', 'api.example.test'],
    ['https://node1/', 'node1'],
    ['https://2fa.example.test/', '2fa.example.test'],
    // No server name for an IP address (RFC 6066).
    ['https://127.0.0.1/', false],
    ['https://[::1]/', false],
  ])('%s: sends the URL\'s host name as the TLS server name, also through connectTo', async (url, serverName) => {
    const { port, serverNames } = await tlsServer()
    await send(url, 'GET', {}, { connectTo: `127.0.0.1:${port}`, rejectUnauthorized: false })
    expect(serverNames).toEqual([serverName])
  })
})
