import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CorsExplanation } from '../../src/doctor/index.js'
import {
  authorizerUnauthorized,
  corsActual,
  corsPreflight,
  fromCloudFrontCache,
  gatewayInternalError,
  missingAuthenticationToken,
  type CannedAnswer,
} from '../support/gateway-answers.js'
import { makeThrowawayCertificate } from '../support/certificate.js'
import { startAnsweringServer, type AnsweringServer, type ReceivedRequest } from './support/answering-server.js'
import { runCli } from './support/run-cli.js'

// `lambda-cors check` against local servers on 127.0.0.1 that answer the way
// API Gateway, CloudFront and a cors()-wrapped function do.

const APP = 'https://app.example.com'

/** Answers OPTIONS with `preflight` and anything else with `actual`. */
function byMethod(preflight: CannedAnswer, actual: CannedAnswer) {
  return (request: ReceivedRequest): CannedAnswer => (request.method === 'OPTIONS' ? preflight : actual)
}

function withoutVary(answer: CannedAnswer): CannedAnswer {
  return { ...answer, headerLines: answer.headerLines.filter(([name]) => name.toLowerCase() !== 'vary') }
}

function withExtraLine(answer: CannedAnswer, line: [string, string]): CannedAnswer {
  return { ...answer, headerLines: [...answer.headerLines, line] }
}

interface FailureCase {
  name: string
  answer: (request: ReceivedRequest) => CannedAnswer
  args: string[]
  exit: 0 | 1
  codes: string[]
  /** Requests the browser (and so the check) sends, in order. */
  sent: string[]
}

const cases: FailureCase[] = [
  { name: 'allowed simple GET', answer: byMethod(corsPreflight(APP), corsActual(APP)), args: [], exit: 0, codes: [], sent: ['GET'] },
  { name: 'missing-allow-origin', answer: byMethod(corsPreflight(APP), { status: 200, headerLines: [['Vary', 'Origin']], body: '{}' }), args: [], exit: 1, codes: ['missing-allow-origin'], sent: ['GET'] },
  { name: 'allow-origin-mismatch', answer: byMethod(corsPreflight(APP), corsActual('https://admin.example.com')), args: [], exit: 1, codes: ['allow-origin-mismatch'], sent: ['GET'] },
  { name: 'duplicate-allow-origin', answer: byMethod(corsPreflight(APP), withExtraLine(corsActual(APP), ['Access-Control-Allow-Origin', '*'])), args: [], exit: 1, codes: ['duplicate-allow-origin'], sent: ['GET'] },
  { name: 'wildcard-with-credentials', answer: byMethod(corsPreflight(APP), corsActual('*')), args: ['--credentials'], exit: 1, codes: ['wildcard-with-credentials'], sent: ['GET'] },
  { name: 'missing-allow-credentials', answer: byMethod(corsPreflight(APP), corsActual(APP)), args: ['--credentials'], exit: 1, codes: ['missing-allow-credentials'], sent: ['GET'] },
  { name: 'preflight-status', answer: byMethod({ ...corsPreflight(APP), status: 404, body: 'No route for OPTIONS /orders' }, corsActual(APP)), args: ['--method', 'PUT'], exit: 1, codes: ['preflight-status'], sent: ['OPTIONS'] },
  { name: 'method-not-allowed', answer: byMethod(corsPreflight(APP, { methods: 'GET, POST' }), corsActual(APP)), args: ['--method', 'PATCH'], exit: 1, codes: ['method-not-allowed'], sent: ['OPTIONS'] },
  { name: 'header-not-allowed', answer: byMethod(corsPreflight(APP), corsActual(APP)), args: ['--header', 'X-Other: 1'], exit: 1, codes: ['header-not-allowed'], sent: ['OPTIONS'] },
  { name: 'preflight-not-routed', answer: byMethod(missingAuthenticationToken(), corsActual(APP)), args: ['--method', 'DELETE'], exit: 1, codes: ['preflight-not-routed'], sent: ['OPTIONS'] },
  { name: 'error-without-cors (authorizer 401)', answer: byMethod(corsPreflight(APP), authorizerUnauthorized()), args: ['--header', 'Authorization: Bearer expired'], exit: 1, codes: ['error-without-cors'], sent: ['OPTIONS', 'GET'] },
  { name: 'error-without-cors (integration 502)', answer: byMethod(corsPreflight(APP), gatewayInternalError()), args: [], exit: 1, codes: ['error-without-cors'], sent: ['GET'] },
  { name: 'missing-vary-origin (warning)', answer: byMethod(corsPreflight(APP), withoutVary(corsActual(APP))), args: [], exit: 0, codes: ['missing-vary-origin'], sent: ['GET'] },
  { name: 'preflight-cached-by-cdn (warning)', answer: byMethod(fromCloudFrontCache(corsPreflight(APP)), corsActual(APP)), args: ['--method', 'PUT', '--header', 'Content-Type: application/json'], exit: 0, codes: ['preflight-cached-by-cdn'], sent: ['OPTIONS', 'PUT'] },
]

describe.each([false, true])('lambda-cors check over %s', (secure) => {
  let server: AnsweringServer
  const tls = secure ? ['--insecure'] : []

  beforeAll(async () => {
    server = await startAnsweringServer(secure)
  })
  afterAll(async () => {
    await server.close()
  })

  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    server.answer(entry.answer)
    server.received.length = 0
    const url = `${server.origin}/prod/orders?page=2`
    const run = await runCli(['check', url, '--origin', APP, ...entry.args, ...tls, '--json'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(entry.exit)
    const result = JSON.parse(run.stdout) as CorsExplanation
    expect(result.problems.map((problem) => problem.code)).toEqual(entry.codes)
    expect(result.verdict).toBe(entry.exit === 0 ? 'allowed' : 'blocked')
    for (const problem of result.problems) {
      expect(Object.keys(problem).sort()).toEqual(['cause', 'code', 'fix', 'message', 'severity', 'step'])
      if (problem.severity === 'error') {
        expect(problem.message).toMatch(new RegExp(`^Access to fetch at '${url.replace(/[.?*+^$()[\]\\|{}]/g, '\\$&')}' from origin '${APP}' has been blocked by CORS policy: `))
      }
    }
    expect(server.received.map((request) => request.method)).toEqual(entry.sent)
  })

  it('sends what a browser sends: a preflight without credentials, sorted lower-case header names, then the request with Origin', async () => {
    server.answer(byMethod(corsPreflight(APP, { credentials: true, headers: 'content-type, x-b, x-a' }), corsActual(APP, { credentials: true })))
    server.received.length = 0
    const run = await runCli([
      'check', `${server.origin}/prod/orders`, '--origin', APP, '--method', 'put', '--credentials',
      '--header', 'X-B: 2', '--header', 'x-a: 1', '--header', 'Content-Type: application/json', '--header', 'Cookie: session=1', ...tls,
    ])
    expect(run.code).toBe(0)
    const [preflight, actual] = server.received
    expect(preflight).toMatchObject({
      method: 'OPTIONS', path: '/prod/orders',
      headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type,x-a,x-b' },
    })
    expect(preflight?.headers.cookie).toBeUndefined()
    expect(preflight?.headers.authorization).toBeUndefined()
    expect(actual).toMatchObject({ method: 'PUT', headers: { origin: APP, 'x-a': '1', 'x-b': '2', 'content-type': 'application/json' } })
    // Page script cannot set Cookie: fetch drops it, and so does the check.
    expect(actual?.headers.cookie).toBeUndefined()
    expect(run.stdout).toContain('ALLOWED')
  })

  it('the text report names each step, the verdict, the console line, the cause and the fix', async () => {
    server.answer(byMethod(missingAuthenticationToken(), corsActual(APP)))
    const run = await runCli(['check', `${server.origin}/prod/orders`, '--origin', APP, '--method', 'PUT', ...tls])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('OPTIONS -> 403')
    expect(run.stdout).toContain('not sent: the browser stops at the failed preflight')
    expect(run.stdout).toContain('BLOCKED at the preflight')
    expect(run.stdout).toContain('✖ preflight-not-routed')
    expect(run.stdout).toContain("Chromium: Access to fetch at")
    expect(run.stdout).toMatch(/cause: API Gateway \(REST\) answered the preflight itself/)
    expect(run.stdout).toMatch(/fix: {3}Add an OPTIONS method/)
    expect(run.stdout).not.toContain('\u001b[')
  })

  it('colours only on a TTY, and never with NO_COLOR', async () => {
    server.answer(byMethod(corsPreflight(APP), corsActual(APP)))
    const args = ['check', `${server.origin}/x`, '--origin', APP, ...tls]
    expect((await runCli(args, { isTTY: true })).stdout).toContain('\u001b[32mALLOWED\u001b[0m')
    expect((await runCli(args, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[')
    expect((await runCli(args, { isTTY: false })).stdout).not.toContain('\u001b[')
  })

  it('--policy reports drift where the deployment answers differently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lambda-cors-policy-'))
    try {
      writeFileSync(join(dir, 'policy.mjs'), `export default { origins: ['${APP}'], methods: ['GET', 'PUT'], maxAge: 300 }\n`)
      server.answer(byMethod(corsPreflight(APP, { maxAge: '600' }), corsActual(APP)))
      const run = await runCli(['check', `${server.origin}/x`, '--origin', APP, '--method', 'PUT', '--policy', 'policy.mjs', '--json', ...tls], { cwd: dir })
      expect(run.code).toBe(0)
      const result = JSON.parse(run.stdout) as CorsExplanation
      const drift = result.problems.filter((problem) => problem.code === 'drift').map((problem) => problem.message)
      expect(drift).toEqual([
        "The deployed preflight answers access-control-allow-methods: 'DELETE, GET, HEAD, PATCH, POST, PUT'; the policy answers 'GET, PUT'.",
        "The deployed preflight answers access-control-max-age: '600'; the policy answers '300'.",
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('lambda-cors check --policy with a TypeScript module', () => {
  it('loads it through tsx when tsx is installed', { timeout: 30_000 }, async () => {
    const server = await startAnsweringServer(false)
    const dir = mkdtempSync(join(tmpdir(), 'lambda-cors-policy-ts-'))
    try {
      writeFileSync(join(dir, 'policy.ts'), `const origins: string[] = ['${APP}']\nexport default { origins, exposedHeaders: ['X-Request-Id'] }\n`)
      server.answer(byMethod(corsPreflight(APP), corsActual(APP)))
      const run = await runCli(['check', `${server.origin}/x`, '--origin', APP, '--policy', 'policy.ts', '--json'], { cwd: dir })
      expect(run.stderr).toBe('')
      const result = JSON.parse(run.stdout) as CorsExplanation
      expect(result.problems.map((problem) => problem.message)).toEqual([
        "The deployed actual request answers access-control-expose-headers: (absent); the policy answers 'x-request-id'.",
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
      await server.close()
    }
  })
})

describe('lambda-cors check: TLS, network and usage errors exit 2', () => {
  let server: AnsweringServer
  beforeAll(async () => {
    server = await startAnsweringServer(true)
    server.answer(byMethod(corsPreflight(APP), corsActual(APP)))
  })
  afterAll(async () => {
    await server.close()
  })

  it('refuses a self-signed certificate unless --insecure or LAMBDA_CORS_INSECURE=1', async () => {
    const args = ['check', `${server.origin}/x`, '--origin', APP]
    const strict = await runCli(args)
    expect(strict.code).toBe(2)
    expect(strict.stderr).toMatch(/self[- ]signed certificate/)
    expect((await runCli(args, { env: { LAMBDA_CORS_INSECURE: '1' } })).code).toBe(0)
  })

  describe('--ca', () => {
    let dir: string
    let trusted: string
    let stranger: string
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'lambda-cors-ca-'))
      trusted = join(dir, 'server.pem')
      writeFileSync(trusted, server.certificatePem ?? '')
      stranger = join(dir, 'stranger.pem')
      writeFileSync(stranger, makeThrowawayCertificate().cert)
    })
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true })
    })

    it('trusts a certificate its authorities signed', async () => {
      const run = await runCli(['check', `${server.origin}/x`, '--origin', APP, '--ca', trusted, '--json'])
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
    })

    it('refuses a certificate other authorities signed', async () => {
      const run = await runCli(['check', `${server.origin}/x`, '--origin', APP, '--ca', stranger])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/certificate/)
    })

    it('still checks the name: a trusted certificate for 127.0.0.1 does not serve api.example.test', async () => {
      const port = new URL(server.origin).port
      const run = await runCli(['check', 'https://api.example.test/prod/items', '--origin', APP, '--ca', trusted, '--connect-to', `127.0.0.1:${port}`])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/Hostname\/IP does not match certificate's altnames/)
    })

    it('is a usage error when the file cannot be read, holds no certificate, or comes with --insecure', async () => {
      const notPem = join(dir, 'not.pem')
      writeFileSync(notPem, 'not a certificate')
      const base = ['check', `${server.origin}/x`, '--origin', APP]
      const unreadable = await runCli([...base, '--ca', join(dir, 'missing.pem')])
      expect([unreadable.code, unreadable.stderr]).toEqual([2, expect.stringMatching(/--ca .*missing\.pem cannot be read/)])
      const empty = await runCli([...base, '--ca', notPem])
      expect([empty.code, empty.stderr]).toEqual([2, expect.stringMatching(/holds no PEM certificate/)])
      const both = await runCli([...base, '--ca', trusted, '--insecure'])
      expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/--ca and --insecure contradict each other/)])
    })
  })

  it('--connect-to sends the request elsewhere, keeping the URL in the report', async () => {
    server.received.length = 0
    const port = new URL(server.origin).port
    const run = await runCli(['check', 'https://api.example.test/prod/items', '--origin', APP, '--insecure', '--connect-to', `127.0.0.1:${port}`, '--json'])
    expect(run.code).toBe(0)
    expect(server.received[0]?.headers.host).toBe('api.example.test')
  })

  it('a closed port is a network error', async () => {
    const closed = await startAnsweringServer(false)
    await closed.close()
    const run = await runCli(['check', `${closed.origin}/x`, '--origin', APP])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/ECONNREFUSED/)
  })

  it.each([
    [['check'], /the URL to check is missing/],
    [['check', 'https://api.example.com/'], /--origin is required/],
    [['check', 'ftp://api.example.com/', '--origin', APP], /is not an http: or https: URL/],
    [['check', 'https://api.example.com/', '--origin', APP, '--header', 'no colon'], /is not 'Name: value'/],
    [['check', 'https://api.example.com/', '--origin', APP, '--bogus'], /Unknown option '--bogus'/],
    [['check', 'https://api.example.com/', '--origin', APP, '--policy', 'missing.mjs'], /Cannot find module|ERR_MODULE_NOT_FOUND|missing\.mjs/],
  ])('usage: %j', async (args, message) => {
    const run = await runCli(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stdout).toBe('')
  })

  it('--help prints the options and exits 0', async () => {
    const run = await runCli(['check', '--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('--connect-to')
  })
})
