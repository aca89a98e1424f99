import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkUrl, type CheckOptions, type CheckRequest } from '../../src/doctor/check.js'
import type { CorsExplanation } from '../../src/doctor/types.js'
import { startAnsweringServer, type AnsweringServer, type ReceivedRequest } from '../cli/support/answering-server.js'
import { corsActual, corsPreflight, type CannedAnswer } from '../support/gateway-answers.js'

// checkUrl(), the API behind `lambda-cors check`, in-process against a
// server on 127.0.0.1 that answers as a cors()-wrapped function does.

const APP = 'https://app.example.com'
const OURS = 'lambda-cors-check (+https://www.npmjs.com/package/lambda-cors)'

let instances = 0
/** checkUrl from a new instance of its module, so its constants are read under test (docs/testing.md, "Mutation testing"). */
async function freshCheckUrl(request: CheckRequest, options?: CheckOptions): Promise<CorsExplanation> {
  instances++
  const specifier = `../../src/doctor/check.js?instance=${instances}`
  const check = (await import(/* @vite-ignore */ specifier)) as typeof import('../../src/doctor/check.js')
  return check.checkUrl(request, options)
}

function byMethod(preflight: CannedAnswer, actual: CannedAnswer) {
  return (request: ReceivedRequest): CannedAnswer => (request.method === 'OPTIONS' ? preflight : actual)
}

describe('checkUrl()', () => {
  let server: AnsweringServer
  beforeAll(async () => {
    server = await startAnsweringServer(false)
  })
  afterAll(async () => {
    await server.close()
  })

  it('names itself in User-Agent on every request: a User-Agent set by page script is dropped, as Chromium drops it', async () => {
    server.answer(byMethod(corsPreflight(APP, { headers: 'content-type' }), corsActual(APP)))
    server.received.length = 0
    await freshCheckUrl({ url: `${server.origin}/prod/orders`, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } })
    await freshCheckUrl({ url: `${server.origin}/prod/orders`, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json', 'User-Agent': 'orders-app/2.1' } })
    expect(server.received.map((request) => [request.method, request.headers['user-agent']])).toEqual([
      ['OPTIONS', OURS], ['PUT', OURS],
      ['OPTIONS', OURS], ['PUT', OURS],
    ])
    // Not named in the preflight either: Chromium asks for content-type only.
    expect(server.received[2]?.headers['access-control-request-headers']).toBe('content-type')
  })

  it('with a policy, adds its drift after the problems of the answers, and nothing when the deployment matches', async () => {
    const request = { url: `${server.origin}/prod/orders`, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' } }
    const policy = { origins: [APP], methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'], maxAge: 600 }
    const withoutVary = corsActual(APP)
    withoutVary.headerLines = withoutVary.headerLines.filter(([name]) => name !== 'Vary')
    server.answer(byMethod(corsPreflight(APP, { methods: 'GET, PUT', headers: 'Content-Type' }), withoutVary))

    const unchecked = await checkUrl(request)
    expect(unchecked.problems.map((problem) => problem.code)).toEqual(['missing-vary-origin'])
    const checked = await checkUrl(request, { policy })
    // (Answers are compared apart from their Date header, which the server sets.)
    expect(checked.verdict).toBe(unchecked.verdict)
    expect(checked.problems).toEqual([...unchecked.problems, expect.objectContaining({ code: 'drift', step: 'actual', message: expect.stringMatching(/does not vary on Origin/) as string })])

    server.answer(byMethod(corsPreflight(APP, { methods: 'GET, PUT', headers: 'Content-Type' }), corsActual(APP)))
    const matching = await checkUrl(request, { policy })
    expect(matching).toMatchObject({ verdict: 'allowed', problems: [] })
  })
})
