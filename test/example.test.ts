/**
 * `npm run example` prints the policy, what each request sends, and the
 * browser's verdict with its reason, not only raw headers.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { browserVerdict } from '../examples/browser-verdict.js'

const root = join(import.meta.dirname, '..')

describe('npm run example', () => {
  it('prints the policy, each request, the answer and the verdict', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'examples/print-answers.ts'], { cwd: root, timeout: 60_000 })
    expect(stdout).toContain('The policy (cors(policy), with a logger that collects refusals):\n  {\n    "origins": [\n      "https://app.example.com",')
    expect(stdout).toContain('  request:  OPTIONS /items\n            Origin: http://localhost:5173\n            Access-Control-Request-Method: PUT\n            Access-Control-Request-Headers: content-type\n')
    const verdicts = [...stdout.matchAll(/^ {2}browser: {2}(.*)$/gm)].map((m) => m[1])
    expect(verdicts).toEqual([
      'ALLOWED: page script can read the 200 response.',
      'ALLOWED: page script can read the 200 response.',
      'BLOCKED: no Access-Control-Allow-Origin, so page script cannot read the response.',
      'ALLOWED: the preflight passes; the browser now sends the PUT.',
      'BLOCKED: the x-debug header is not in Access-Control-Allow-Headers, so the request is never sent.',
      'BLOCKED: PROPFIND is not in Access-Control-Allow-Methods, so the request is never sent.',
      'ALLOWED: page script can read the 401 response.',
    ])
    expect(stdout).toContain('Invalid CORS configuration (3 problems):')
  }, 90_000)
})

describe("the example's browser verdict", () => {
  const credentialed = { origin: 'https://app.example.com', credentials: true }
  it('refuses * with credentials, a foreign origin, and a missing Allow-Credentials', () => {
    expect(browserVerdict(credentialed, { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } }).allowed).toBe(false)
    expect(browserVerdict(credentialed, { status: 200, headers: { 'Access-Control-Allow-Origin': 'https://other.example.com', 'Access-Control-Allow-Credentials': 'true' } }).allowed).toBe(false)
    expect(browserVerdict(credentialed, { status: 200, headers: { 'access-control-allow-origin': 'https://app.example.com' } }).allowed).toBe(false)
    expect(browserVerdict({ ...credentialed, credentials: false }, { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } }).allowed).toBe(true)
  })

  it("checks a preflight with the library's browser model: 2xx, methods case-sensitively, headers case-insensitively, * covering Authorization as Chromium lets it", () => {
    const ok = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT, patch', 'Access-Control-Allow-Headers': '*' }
    const request = (method: string, headers?: string) => ({ origin: 'https://a.example', credentials: false, preflight: { method, headers } })
    expect(browserVerdict(request('PUT', 'X-Trace'), { status: 204, headers: ok }).allowed).toBe(true)
    expect(browserVerdict(request('PATCH'), { status: 204, headers: ok }).allowed).toBe(false)
    // The Fetch standard says * never covers Authorization; Chromium lets it (lambda-cors check warns about it).
    expect(browserVerdict(request('PUT', 'authorization'), { status: 204, headers: ok }).allowed).toBe(true)
    expect(browserVerdict({ ...request('PUT', 'authorization'), credentials: true }, { status: 204, headers: { ...ok, 'Access-Control-Allow-Origin': 'https://a.example', 'Access-Control-Allow-Credentials': 'true' } }).allowed).toBe(false)
    expect(browserVerdict(request('PUT'), { status: 403, headers: ok }).allowed).toBe(false)
  })
})
