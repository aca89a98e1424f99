import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Context } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import cors, { CorsConfigError, cors as namedCors } from '../../src/index.js'
import { httpEvent, restEvent } from './events.js'
import { importSample, repoRoot, runnableSource, sample, writeSamples } from './samples.js'

/**
 * README.md's quick start: the handler and the preflight handler it exports
 * answer real API Gateway events, and every `isAllowed(...) // true|false`
 * line of the matcher sample says what the matcher really returns.
 */
type Response = { statusCode: number; headers?: Record<string, string>; body?: string }
type Handler = (event: unknown, context: Context) => Promise<Response>

const GUIDE = 'README'
const APP = 'https://app.example.com'
const context = {} as Context
let folder: string
let handler: Handler
let options: (event: unknown) => Promise<Response>

const ORIGINS = 'https://app.example.com,https://*.example.com'

/** The quick start as a deployment would load it, with these environment variables. */
async function loadQuickStart(purpose: string, env: Record<string, string | undefined>) {
  const where = writeSamples(GUIDE, purpose)
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
  try {
    return { where, ...(await importSample<{ handler: Handler; options: (event: unknown) => Promise<Response> }>(where, 'quick-start.ts')) }
  } finally {
    vi.unstubAllEnvs()
  }
}

beforeAll(async () => {
  ;({ where: folder, handler, options } = await loadQuickStart('run', { CORS_ORIGINS: ORIGINS, STAGE: 'dev' }))
})

afterEach(() => {
  vi.restoreAllMocks()
})

describe('README.md: quick start', () => {
  it('quick-start.ts: allowed origins get the CORS headers, lookalikes do not', async () => {
    for (const origin of [APP, 'https://shop.example.com', 'http://localhost:3000']) {
      const response = await handler(restEvent('GET', '/hello', { Origin: origin }), context)
      expect(response.statusCode).toBe(200)
      expect(response.body).toBe('Hello from the handler')
      expect(response.headers).toMatchObject({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' })
    }
    for (const origin of ['https://evilexample.com', 'https://example.com.evil.net']) {
      const response = await handler(httpEvent('GET', '/hello', { Origin: origin }), context)
      expect(response.headers?.['Access-Control-Allow-Origin'], origin).toBeUndefined()
      expect(response.headers?.Vary).toBe('Origin')
    }
  })

  it('quick-start.ts: `options` answers a preflight exactly as the wrapped handler', async () => {
    const headers = { Origin: APP, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'authorization' }
    const viaPreflight = await options(httpEvent('OPTIONS', '/items/42', headers))
    expect(viaPreflight.statusCode).toBe(204)
    expect(viaPreflight.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(viaPreflight).toEqual(await handler(httpEvent('OPTIONS', '/items/42', headers), context))
  })

  it('cors is also the default export', () => {
    expect(cors).toBe(namedCors)
    expect(sample(GUIDE, 'quick-start.ts').code).toContain('// cors is also the default export')
  })

  it('matcher.ts: each isAllowed(...) comment is what the matcher returns', async () => {
    const code = sample(GUIDE, 'matcher.ts').code
    const claims = [...code.matchAll(/^isAllowed\('([^']+)'\)\s*\/\/ (true|false)$/gm)].map((m) => [m[1] as string, m[2] === 'true'] as const)
    expect(claims.length).toBeGreaterThanOrEqual(2)
    // The sample as a reader has it, plus an export so the test can call its matcher.
    writeFileSync(join(folder, 'matcher-exported.ts'), runnableSource(`${code}export { isAllowed }\n`, folder))
    const { isAllowed } = await importSample<{ isAllowed: (origin: string) => boolean }>(folder, 'matcher-exported.ts')
    for (const [origin, expected] of claims) expect(isAllowed(origin), origin).toBe(expected)
  })
})

describe('README.md: the quick start cannot ship localhost into production', () => {
  it('without STAGE (or with any stage but dev) localhost is refused', async () => {
    for (const [purpose, stage] of [['prod-unset', undefined], ['prod', 'prod'], ['typo', 'Dev']] as const) {
      const { handler: production } = await loadQuickStart(purpose, { CORS_ORIGINS: ORIGINS, STAGE: stage })
      const local = await production(restEvent('GET', '/hello', { Origin: 'http://localhost:5173' }), context)
      expect(local.headers?.['Access-Control-Allow-Origin'], String(stage)).toBeUndefined()
      const app = await production(restEvent('GET', '/hello', { Origin: APP }), context)
      expect(app.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    }
  })

  it('an unset CORS_ORIGINS fails the cold start, naming the variable', async () => {
    vi.stubEnv('CORS_ORIGINS', undefined)
    await expect(loadQuickStart('unset', { CORS_ORIGINS: undefined, STAGE: 'dev' })).rejects.toThrow(CorsConfigError)
    await expect(loadQuickStart('unset-2', { CORS_ORIGINS: undefined })).rejects.toThrow('the environment variable CORS_ORIGINS is not set.')
  })
})

describe('README.md: links work on the npm page', () => {
  const text = readFileSync(join(repoRoot, 'README.md'), 'utf8')
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string }; homepage: string; bugs: { url: string } }
  const REPO = 'https://github.com/lambda-cors/lambda-cors'

  it('package.json names the repository, homepage and bug tracker', () => {
    expect(pkg.repository.url).toBe(`git+${REPO}.git`)
    expect(pkg.homepage).toBe(`${REPO}#readme`)
    expect(pkg.bugs.url).toBe(`${REPO}/issues`)
  })

  it('every link is absolute, and every link into the repository names a file (and heading) that exists', () => {
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string)
    expect(links.length).toBeGreaterThan(10)
    for (const link of links) {
      expect(link, 'relative links break on the npm page').toMatch(/^https:\/\//)
      const inRepo = /^https:\/\/(?:github\.com\/lambda-cors\/lambda-cors\/blob\/main|raw\.githubusercontent\.com\/lambda-cors\/lambda-cors\/main)\/([^#]+)(?:#(.+))?$/.exec(link)
      if (inRepo === null) continue
      const file = join(repoRoot, inRepo[1] as string)
      expect(existsSync(file), link).toBe(true)
      if (inRepo[2] !== undefined) expect(readFileSync(file, 'utf8').toLowerCase(), link).toContain(`## ${inRepo[2].replace(/-/g, ' ')}`)
    }
  })

  it('"Do I need this?" comes before the quick start', () => {
    expect(text.indexOf('## Do I need this?')).toBeGreaterThan(0)
    expect(text.indexOf('## Do I need this?')).toBeLessThan(text.indexOf('## Quick start'))
  })
})
