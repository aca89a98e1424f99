#!/usr/bin/env node
/**
 * Pack test: does the package that `npm pack` produces work for a user?
 *
 *   node scripts/pack-test.mjs [--node 20,22,24] [--node-bin /path/to/node ...] [--keep]
 *
 * 1. Builds dist/ from scratch and packs the package into a temporary folder.
 * 2. Checks the tarball's file list: dist with source maps and declaration
 *    maps, the sources those maps point to, and nothing else of the repo
 *    (tests, benches, demo, scripts, configs).
 * 3. Creates a fresh consumer project, installs the tarball and @middy/core,
 *    @middy/http-error-handler, @middy/util and @types/aws-lambda from the npm
 *    registry (preferring the local cache), then
 *    - runs an ES module that `import`s lambda-cors and drives a wrapped
 *      handler with realistic API Gateway REST and HTTP API events;
 *    - runs a CommonJS script that `require`s lambda-cors and does the same,
 *      on every Node whose `require()` can load ES modules
 *      (process.features.require_module: Node 20.19+, 22.12+, 24); on an
 *      older Node it is skipped, by name, with that reason;
 *    - type-checks an .mts and a .cts consumer with TypeScript (module
 *      nodenext, skipLibCheck off, so the published declarations are checked).
 *    Each script runs on every Node version asked for (default 20, 22 and 24;
 *    22 and 24 are installed from the npm registry into .tmp/ when missing).
 *
 * Exits non-zero on any failure. `--keep` leaves the temporary folder;
 * `--node-bin` adds a particular Node binary (say, an old 20.x) to the runs.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, posix, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeBinary, versionOf } from './lib/node-binaries.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const keep = args.includes('--keep')
const nodeArg = args.find((arg, i) => args[i - 1] === '--node') ?? args.find((arg) => arg.startsWith('--node='))?.slice(7)
const majors = (nodeArg ?? '20,22,24').split(',').map((m) => Number(m.trim())).filter((m) => Number.isInteger(m) && m > 0)
const extraBinaries = args.filter((arg, i) => args[i - 1] === '--node-bin')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

const results = []
function record(name, outcome, detail = '') {
  results.push({ name, outcome, detail })
  const mark = outcome === 'pass' ? 'PASS' : outcome === 'skip' ? 'SKIP' : 'FAIL'
  console.log(`${mark}  ${name}${detail ? ` — ${detail}` : ''}`)
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', ...options })
  return { ok: result.status === 0, status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, error: result.error }
}

function main() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

  // 1. Build from scratch, so no stale file of an old build is published.
  rmSync(join(root, 'dist'), { recursive: true, force: true })
  const build = run(npm, ['run', 'build'], { cwd: root })
  if (!build.ok) return record('build', 'fail', build.output)
  record('build', 'pass', 'npm run build')

  // 2. Pack.
  const packed = run(npm, ['pack', '--json', '--pack-destination', work], { cwd: root })
  if (!packed.ok) return record('npm pack', 'fail', packed.output)
  const jsonStart = packed.output.indexOf('[')
  const [info] = JSON.parse(packed.output.slice(jsonStart, packed.output.lastIndexOf(']') + 1))
  const tarball = join(work, info.filename)
  record('npm pack', 'pass', `${info.filename}, ${info.entryCount} files, ${(info.size / 1024).toFixed(1)} kB packed`)

  checkFileList(info.files.map((f) => f.path), tarball)

  // 3. A fresh consumer project.
  const consumer = join(work, 'consumer')
  mkdirSync(consumer)
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'lambda-cors-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2))
  const range = (name, fallback) => pkg.devDependencies?.[name] ?? fallback
  const deps = [
    tarball,
    `@middy/core@${range('@middy/core', '^6')}`,
    `@middy/http-error-handler@${range('@middy/http-error-handler', '^6')}`,
    `@middy/util@${range('@middy/util', '^6')}`,
    `@types/aws-lambda@${range('@types/aws-lambda', 'latest')}`,
    `@types/node@${range('@types/node', '^20')}`,
  ]
  const install = run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', ...deps], { cwd: consumer })
  if (!install.ok) return record('install into a fresh project', 'fail', install.output)
  const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', 'lambda-cors', 'package.json'), 'utf8'))
  const middyVersion = JSON.parse(readFileSync(join(consumer, 'node_modules', '@middy', 'core', 'package.json'), 'utf8')).version
  record('install into a fresh project', 'pass', `lambda-cors ${installed.version} with @middy/core ${middyVersion}`)

  writeConsumerFiles(consumer)

  const binaries = []
  for (const major of majors) {
    try {
      binaries.push(nodeBinary(root, major))
    } catch (error) {
      record(`Node ${major}`, 'fail', String(error))
    }
  }
  for (const binary of [...binaries, ...extraBinaries]) {
    const version = versionOf(binary)
    const esm = run(binary, ['esm.mjs'], { cwd: consumer })
    record(`Node ${version}: ESM import runs a wrapped handler`, esm.ok ? 'pass' : 'fail', esm.ok ? lastLine(esm.output) : esm.output)

    const canRequireEsm = run(binary, ['-p', 'process.features.require_module === true']).output.trim() === 'true'
    if (!canRequireEsm) {
      record(`Node ${version}: CommonJS require()`, 'skip',
        'this Node cannot require() an ES module (needs Node 20.19+, 22.12+ or 24); CommonJS callers use await import(\'lambda-cors\') there')
      continue
    }
    const cjs = run(binary, ['cjs.cjs'], { cwd: consumer })
    record(`Node ${version}: CommonJS require() runs a wrapped handler`, cjs.ok ? 'pass' : 'fail', cjs.ok ? lastLine(cjs.output) : cjs.output)
  }

  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const types = run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumer })
  record('TypeScript consumers (.mts import, .cts require; nodenext; skipLibCheck off)', types.ok ? 'pass' : 'fail', types.ok ? '' : types.output)
}

function lastLine(text) {
  const lines = text.trim().split('\n').filter((line) => !/ExperimentalWarning|--trace-warnings/.test(line))
  return lines[lines.length - 1] ?? ''
}

/** What the tarball must and must not hold. */
function checkFileList(files, tarball) {
  const problems = []
  const has = new Set(files)
  for (const required of ['package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/index.js.map', 'dist/index.d.ts.map']) {
    if (!has.has(required)) problems.push(`missing ${required}`)
  }
  if (!files.some((f) => /^readme(\.md)?$/i.test(f))) problems.push('missing README.md')
  if (!files.some((f) => /^licen[cs]e(\.md|\.txt)?$/i.test(f))) problems.push('missing LICENSE (package.json says MIT; npm publishes a LICENSE file found at the root)')
  const allowed = /^(package\.json|readme(\.md)?|licen[cs]e(\.md|\.txt)?|changelog\.md|dist\/.+\.(js|js\.map|d\.ts|d\.ts\.map)|src\/.+\.ts)$/i
  for (const file of files) {
    if (!allowed.test(file)) problems.push(`unexpected file ${file}`)
    if (/\.test(-d)?\.ts$|\.spec\.ts$/.test(file)) problems.push(`test file published: ${file}`)
  }
  // Every module comes with its declarations and both maps.
  for (const file of files.filter((f) => /^dist\/.+\.js$/.test(f))) {
    for (const companion of [`${file}.map`, file.replace(/\.js$/, '.d.ts'), file.replace(/\.js$/, '.d.ts.map')]) {
      if (!has.has(companion)) problems.push(`${file} has no ${companion}`)
    }
  }
  // Every map points at sources that are published too (else "go to
  // definition" and stack traces lead nowhere).
  const extracted = join(work, 'extracted')
  mkdirSync(extracted)
  execFileSync('tar', ['-xzf', tarball, '-C', extracted])
  const packageDir = join(extracted, 'package')
  for (const map of files.filter((f) => f.endsWith('.map'))) {
    const parsed = JSON.parse(readFileSync(join(packageDir, map), 'utf8'))
    for (const source of parsed.sources ?? []) {
      const target = posix.normalize(posix.join(posix.dirname(map), parsed.sourceRoot ?? '', source))
      if (!has.has(target)) problems.push(`${map} points at ${source}, which is not published`)
    }
  }
  const packedPkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  if (packedPkg.sideEffects !== false) problems.push('package.json: sideEffects should be false')
  if (packedPkg.type !== 'module') problems.push('package.json: type should be module')
  const sizes = files.length
  record('tarball contents', problems.length === 0 ? 'pass' : 'fail',
    problems.length === 0 ? `${sizes} files: dist (js, d.ts, both maps), src, README, LICENSE, package.json` : problems.join('\n'))
}

/** The consumer's programs: the same checks, reached through import and through require. */
function writeConsumerFiles(dir) {
  writeFileSync(join(dir, 'checks.cjs'), CHECKS)
  writeFileSync(join(dir, 'esm.mjs'), `import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { createError } from '@middy/util'
import * as lib from 'lambda-cors'
import corsDefault from 'lambda-cors'
import { glob } from 'lambda-cors/glob'
import { explain } from 'lambda-cors/doctor'
import { gatewayResponses } from 'lambda-cors/gateway'
import checks from './checks.cjs'

if (corsDefault !== lib.cors) throw new Error('the default export is not cors')
// The tools' entry points load from the package and answer from the same policy.
const toolPolicy = { origins: ['https://app.example.com', glob('https://{a,b}.example.com')], credentials: true }
const verdict = explain(toolPolicy, { origin: 'https://b.example.com', method: 'PUT', headers: { 'Content-Type': 'application/json' }, credentials: true }).verdict
if (verdict !== 'allowed') throw new Error(\`lambda-cors/doctor: expected allowed, got \${verdict}\`)
if (gatewayResponses({ origins: ['https://app.example.com'] }).responses.length === 0) throw new Error('lambda-cors/gateway: no gateway responses')
if ('explain' in lib || 'gatewayResponses' in lib) throw new Error('the main entry point carries the tools')
await checks.run({ middy, httpErrorHandler, createError, lib, how: 'import' })
`)
  writeFileSync(join(dir, 'cjs.cjs'), `'use strict'
const middy = require('@middy/core').default
const httpErrorHandler = require('@middy/http-error-handler').default
const { createError } = require('@middy/util')
const lib = require('lambda-cors')
const checks = require('./checks.cjs')

if (lib.default !== lib.cors) throw new Error('the default export is not cors')
checks.run({ middy, httpErrorHandler, createError, lib, how: 'require' }).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
`)
  writeFileSync(join(dir, 'types-esm.mts'), `import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda'
import cors, { CorsConfigError, compilePolicy, createOriginMatcher, preflightHandler, type CorsOptions, type CorsRefusal } from 'lambda-cors'

const logger = (refusal: CorsRefusal): void => { console.warn(refusal.reason) }
const policy: CorsOptions = { origins: ['https://app.example.com', 'https://*.example.com'], credentials: true, logger }
export const rest = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: '' }))
  .use(cors(policy))
  .use(httpErrorHandler())
export const http = middy<APIGatewayProxyEventV2>(async () => ({ statusCode: 200, body: '' })).use(cors(policy))
export const options = preflightHandler(policy)
export const isAllowed: (origin: string) => boolean = createOriginMatcher(['https://app.example.com'])
export const compiled = compilePolicy(policy).credentials
export const isConfigError = (e: unknown): e is CorsConfigError => e instanceof CorsConfigError
`)
  // TypeScript 5.8+ lets a CommonJS module (.cts, module nodenext) import an
  // ES module: it compiles to require(), which Node 20.19+/22.12+ supports.
  writeFileSync(join(dir, 'types-cjs.cts'), `import { cors, preflightHandler, type CorsOptions } from 'lambda-cors'

const policy: CorsOptions = { origins: ['https://app.example.com'] }
export const middleware = cors(policy)
export const options = preflightHandler(policy)
`)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true,
      skipLibCheck: false, types: ['node'], lib: ['es2023'],
    },
    files: ['types-esm.mts', 'types-cjs.cts'],
  }, null, 2))
}

const CHECKS = `'use strict'
// The same checks whether lambda-cors was loaded with import or require.
const assert = require('node:assert/strict')

const APP = 'https://app.example.com'

// An API Gateway REST API (payload 1.0) event, as Lambda receives it.
function restEvent(method, path, headers) {
  const multiValueHeaders = {}
  for (const [name, value] of Object.entries(headers)) multiValueHeaders[name] = [value]
  return {
    resource: '/{proxy+}', path, httpMethod: method, headers, multiValueHeaders,
    queryStringParameters: null, multiValueQueryStringParameters: null,
    pathParameters: { proxy: path.slice(1) }, stageVariables: null, body: null, isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', httpMethod: method, path: '/prod' + path, protocol: 'HTTP/1.1',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', resourceId: 'a1b2c3', resourcePath: '/{proxy+}', stage: 'prod',
      requestTimeEpoch: 1795254300000, identity: { sourceIp: '203.0.113.10', userAgent: 'Mozilla/5.0' },
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    },
  }
}

// An HTTP API (payload 2.0) event: lower-case headers.
function httpEvent(method, path, headers) {
  return {
    version: '2.0', routeKey: 'OPTIONS /{proxy+}', rawPath: path, rawQueryString: '', headers,
    requestContext: {
      accountId: '123456789012', apiId: 'abc123', domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'Mozilla/5.0' },
      requestId: 'JKJaXmPLvHcESHA=', routeKey: 'OPTIONS /{proxy+}', stage: '$default', time: '21/Nov/2026:09:45:00 +0000', timeEpoch: 1795254300000,
    },
    isBase64Encoded: false,
  }
}

const context = { functionName: 'api', awsRequestId: 'c6af9ac6', getRemainingTimeInMillis: () => 30000 }

exports.run = async function run({ middy, httpErrorHandler, createError, lib, how }) {
  const { cors, preflightHandler, CorsConfigError, createOriginMatcher } = lib
  assert.equal(typeof cors, 'function')
  const policy = { origins: [APP, 'https://*.example.com', 'http://localhost:*'], credentials: true, exposedHeaders: ['X-Request-Id'] }

  const handler = middy(async (event) => {
    if (event.path === '/missing') throw createError(404, 'No such item')
    return { statusCode: 200, headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r-1' }, body: '{"id":42}' }
  }).use(cors(policy)).use(httpErrorHandler({ logger: false }))

  // An actual request from an allowed origin.
  const ok = await handler(restEvent('GET', '/items/42', { Origin: APP, Accept: 'application/json' }), context)
  assert.equal(ok.statusCode, 200)
  assert.equal(ok.headers['Access-Control-Allow-Origin'], APP)
  assert.equal(ok.headers['Access-Control-Allow-Credentials'], 'true')
  assert.equal(ok.headers['Access-Control-Expose-Headers'], 'X-Request-Id')
  assert.equal(ok.headers.Vary, 'Origin')

  // A preflight is answered in before: 204, the policy's methods and headers.
  const preflight = await handler(restEvent('OPTIONS', '/items/42', {
    Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type,authorization',
  }), context)
  assert.equal(preflight.statusCode, 204)
  assert.equal(preflight.body, '')
  assert.equal(preflight.headers['Access-Control-Allow-Origin'], 'https://shop.example.com')
  assert.match(preflight.headers['Access-Control-Allow-Methods'], /\\bPUT\\b/)
  assert.match(preflight.headers['Access-Control-Allow-Headers'], /Content-Type/)
  assert.equal(preflight.headers['Access-Control-Max-Age'], '600')

  // An error response built by @middy/http-error-handler carries the headers too.
  const missing = await handler(restEvent('GET', '/missing', { Origin: APP }), context)
  assert.equal(missing.statusCode, 404)
  assert.equal(missing.headers['Access-Control-Allow-Origin'], APP)

  // A lookalike origin gets no CORS header, but still Vary: Origin.
  const evil = await handler(restEvent('GET', '/items/42', { Origin: 'https://evilexample.com' }), context)
  assert.equal(evil.headers['Access-Control-Allow-Origin'], undefined)
  assert.equal(evil.headers.Vary, 'Origin')

  // The standalone preflight handler on an HTTP API event.
  const options = preflightHandler(policy)
  const answer = await options(httpEvent('OPTIONS', '/items/42', { origin: 'http://localhost:5173', 'access-control-request-method': 'DELETE' }), context)
  assert.equal(answer.statusCode, 204)
  assert.equal(answer.headers['Access-Control-Allow-Origin'], 'http://localhost:5173')

  // Unsafe configurations are refused when the middleware is built.
  assert.throws(() => cors({ origins: '*', credentials: true }), (error) => error instanceof CorsConfigError && error.problems.length === 1)
  assert.equal(createOriginMatcher(['https://*.example.com'])('https://a.b.example.com'), true)

  console.log('lambda-cors loaded with ' + how + ': actual, preflight, error and refused responses are right')
}
`

const work = mkdtempSync(join(tmpdir(), 'lambda-cors-pack-'))
try {
  main()
} catch (error) {
  record('pack test', 'fail', error instanceof Error ? error.stack ?? error.message : String(error))
} finally {
  if (keep) console.log(`kept ${work}`)
  else rmSync(work, { recursive: true, force: true })
}

const failed = results.filter((r) => r.outcome === 'fail').length
const skipped = results.filter((r) => r.outcome === 'skip').length
const passed = results.filter((r) => r.outcome === 'pass').length
console.log(`pack-test: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)
