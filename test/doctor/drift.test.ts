import { describe, expect, it } from 'vitest'
import { diagnose } from '../../src/doctor/diagnose.js'
import { explain } from '../../src/doctor/index.js'
import type { CorsExplanation, DoctorProblem } from '../../src/doctor/types.js'
import type { CannedAnswer } from '../support/gateway-answers.js'

// `lambda-cors check --policy`: every CORS header where the deployment
// answers differently from the policy, compared as the browser reads it.

const APP = 'https://app.example.com'
const URL_ = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders'
const put = { url: URL_, origin: APP, method: 'PUT', headers: { 'Content-Type': 'application/json' }, credentials: true }
const policy = { origins: [APP], methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'], exposedHeaders: ['X-Request-Id'], maxAge: 300, credentials: true }

type Lines = Array<[string, string]>

/** What a deployment serving `policy` sends to the preflight of `put`. */
function preflightLines(): Lines {
  return [
    ['Access-Control-Allow-Origin', APP],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Allow-Methods', 'GET, PUT'],
    ['Access-Control-Allow-Headers', 'Content-Type'],
    ['Access-Control-Max-Age', '300'],
    ['Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
  ]
}

/** ... and to the PUT itself. */
function actualLines(): Lines {
  return [
    ['Content-Type', 'application/json'],
    ['Access-Control-Allow-Origin', APP],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Access-Control-Expose-Headers', 'X-Request-Id'],
    ['Vary', 'Origin'],
  ]
}

type Edit = (lines: Lines) => Lines
const keep: Edit = (lines) => lines
const set = (name: string, value: string): Edit => (lines) => lines.map(([line, old]) => [line, line === name ? value : old])
const drop = (name: string): Edit => (lines) => lines.filter(([line]) => line !== name)
const add = (name: string, value: string): Edit => (lines) => [...lines, [name, value]]

/** The deployment's explanation, its answers edited from the policy's own. */
function deployedWith(preflight: Edit, actual: Edit, status = 204): CorsExplanation {
  const answers = {
    preflight: { status, headerLines: preflight(preflightLines()), body: '' } satisfies CannedAnswer,
    actual: { status: 200, headerLines: actual(actualLines()), body: '{"id":7}' } satisfies CannedAnswer,
  }
  return diagnose(put, answers)
}

let instances = 0
/**
 * driftProblems from a new instance of its module, so that its table of
 * compared headers is built inside the test (see "Mutation testing" in
 * docs/testing.md: a module-level table built at import is otherwise out of
 * reach of the test).
 */
async function driftOf(deployed: CorsExplanation, expected: CorsExplanation): Promise<DoctorProblem[]> {
  instances++
  const specifier = `../../src/doctor/drift.js?instance=${instances}`
  const drift = (await import(/* @vite-ignore */ specifier)) as typeof import('../../src/doctor/drift.js')
  return drift.driftProblems(deployed, expected)
}

describe('drift: the CORS headers a deployment answers differently from its policy', () => {
  it('a deployment that answers as the policy does has no drift', async () => {
    expect(await driftOf(deployedWith(keep, keep), explain(policy, put))).toEqual([])
  })

  it.each<[string, Edit, Edit, 'preflight' | 'actual', string]>([
    ['another allowed origin', set('Access-Control-Allow-Origin', 'https://admin.example.com'), keep, 'preflight',
      "The deployed preflight answers access-control-allow-origin: 'https://admin.example.com'; the policy answers 'https://app.example.com'."],
    // API Gateway and the function both answer: the browser refuses two values, even equal ones.
    ['the origin twice', add('Access-Control-Allow-Origin', APP), keep, 'preflight',
      `The deployed preflight answers access-control-allow-origin: '${APP}, ${APP}'; the policy answers '${APP}'.`],
    ['two different origins, in the order sent', keep, add('Access-Control-Allow-Origin', '*'), 'actual',
      `The deployed actual request answers access-control-allow-origin: '${APP}, *'; the policy answers '${APP}'.`],
    ['no Allow-Credentials', keep, drop('Access-Control-Allow-Credentials'), 'actual',
      "The deployed actual request answers access-control-allow-credentials: (absent); the policy answers 'true'."],
    ['one more method, listed in another order', set('Access-Control-Allow-Methods', 'PUT, DELETE, GET'), keep, 'preflight',
      "The deployed preflight answers access-control-allow-methods: 'DELETE, GET, PUT'; the policy answers 'GET, PUT'."],
    // Methods are case-sensitive: 'get' does not allow GET (only the normalized PUT passes).
    ['a method in lower case', set('Access-Control-Allow-Methods', 'get, PUT'), keep, 'preflight',
      "The deployed preflight answers access-control-allow-methods: 'PUT, get'; the policy answers 'GET, PUT'."],
    ['one more request header', set('Access-Control-Allow-Headers', 'Content-Type, X-Api-Key'), keep, 'preflight',
      "The deployed preflight answers access-control-allow-headers: 'content-type, x-api-key'; the policy answers 'content-type'."],
    ['no exposed header', keep, drop('Access-Control-Expose-Headers'), 'actual',
      "The deployed actual request answers access-control-expose-headers: (absent); the policy answers 'x-request-id'."],
    ['another exposed header', keep, set('Access-Control-Expose-Headers', 'X-Amzn-RequestId'), 'actual',
      "The deployed actual request answers access-control-expose-headers: 'x-amzn-requestid'; the policy answers 'x-request-id'."],
    ['another max age', set('Access-Control-Max-Age', '7200'), keep, 'preflight',
      "The deployed preflight answers access-control-max-age: '7200'; the policy answers '300'."],
    ['Private Network Access the policy does not allow', add('Access-Control-Allow-Private-Network', 'true'), keep, 'preflight',
      "The deployed preflight answers access-control-allow-private-network: 'true'; the policy answers (absent)."],
  ])('%s', async (_name, preflight, actual, step, message) => {
    const drift = await driftOf(deployedWith(preflight, actual), explain(policy, put))
    expect(drift.map((problem) => [problem.code, problem.severity, problem.step, problem.message])).toEqual([['drift', 'warning', step, message]])
    expect(drift[0]?.cause).toMatch(/does not serve this policy: an older deployment, another configuration, or a gateway setting/)
    expect(drift[0]?.fix).toMatch(/^Deploy the current policy, or update the module passed to --policy/)
  })

  it.each<[string, Edit, Edit]>([
    // Two CORS layers each listing the methods, and a hand-written trailing comma: the browser reads the same list.
    ['methods repeated, reordered, with an empty element', set('Access-Control-Allow-Methods', 'PUT, GET,'), keep],
    ['methods from two lines', (lines) => add('Access-Control-Allow-Methods', 'GET')(set('Access-Control-Allow-Methods', 'PUT, , GET')(lines)), keep],
    ['header names in another case', set('Access-Control-Allow-Headers', 'CONTENT-TYPE'), set('Access-Control-Expose-Headers', 'x-request-id')],
    ['Vary: Origin among other names, in any case', keep, set('Vary', 'Accept-Encoding, origin')],
    ['Vary: *', keep, set('Vary', '*')],
  ])('no drift: %s', async (_name, preflight, actual) => {
    expect(await driftOf(deployedWith(preflight, actual), explain(policy, put))).toEqual([])
  })

  it.each<[string, Edit]>([
    ['no Vary at all', drop('Vary')],
    ['a Vary without Origin', set('Vary', 'Accept-Encoding')],
  ])('a deployed answer that does not vary on Origin, where the policy does: %s', async (_name, actual) => {
    const drift = await driftOf(deployedWith(keep, actual), explain(policy, put))
    expect(drift).toMatchObject([{
      code: 'drift', severity: 'warning', step: 'actual',
      message: 'The deployed actual request answer does not vary on Origin; the policy answers with Vary: Origin.',
      cause: expect.stringMatching(/drops or replaces the Vary header/) as string,
      fix: expect.stringMatching(/^Keep Vary from the function \(check gateway and CDN header rules\)/) as string,
    }])
  })

  it('a missing Vary is no drift where the policy does not vary either', async () => {
    const anyOrigin = { origins: '*', methods: ['GET', 'PUT'], allowedHeaders: ['Content-Type'], maxAge: 300 } as const
    const request = { ...put, credentials: false }
    const expected = explain(anyOrigin, request)
    expect(expected.actual.headers?.vary).toBeUndefined()
    // (A preflight answer varies on Origin and the Access-Control-Request-* headers all the same.)
    const deployed = diagnose(request, {
      preflight: { status: 204, headerLines: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Methods', 'GET, PUT'], ['Access-Control-Allow-Headers', 'Content-Type'], ['Access-Control-Max-Age', '300'], ['Vary', expected.preflight.headers?.vary ?? '']], body: '' },
      actual: { status: 200, headerLines: [['Content-Type', 'application/json'], ['Access-Control-Allow-Origin', '*']], body: '{}' },
    })
    expect(await driftOf(deployed, expected)).toEqual([])
  })

  it('compares only the steps both sides answered: the actual request is not sent after a failed preflight', async () => {
    const refusedPreflight = deployedWith(drop('Access-Control-Allow-Methods'), keep)
    expect(refusedPreflight).toMatchObject({ blockedAt: 'preflight', actual: {} })
    expect((await driftOf(refusedPreflight, explain(policy, put))).map((problem) => problem.message)).toEqual([
      "The deployed preflight answers access-control-allow-methods: (absent); the policy answers 'GET, PUT'.",
    ])

    // The other way round: the policy refuses PATCH, the deployment allows it.
    const patch = { ...put, method: 'PATCH' }
    const expected = explain(policy, patch)
    expect(expected).toMatchObject({ blockedAt: 'preflight', actual: {} })
    const allowed = diagnose(patch, {
      preflight: { status: 204, headerLines: set('Access-Control-Allow-Methods', 'GET, PUT, PATCH')(preflightLines()), body: '' },
      actual: { status: 200, headerLines: actualLines(), body: '{}' },
    })
    expect(allowed.verdict).toBe('allowed')
    expect((await driftOf(allowed, expected)).map((problem) => problem.message)).toEqual([
      "The deployed preflight answers access-control-allow-methods: 'GET, PATCH, PUT'; the policy answers 'GET, PUT'.",
    ])
  })
})
