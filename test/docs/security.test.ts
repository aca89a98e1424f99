import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import middy from '@middy/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { CorsConfigError, cors } from '../../src/index.js'
import { restEvent } from './events.js'
import { importSample, sample, samplesOf, writeSamples } from './samples.js'

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

const GUIDE = 'security'
const APP = 'https://app.example.com'
const EVIL = 'https://evil.example.net'
let folder: string

beforeAll(() => {
  folder = writeSamples(GUIDE, 'run')
})

/** Each refused sample, and the options its CorsConfigError must name. */
const REFUSED: Record<string, string[]> = {
  'refused-null.ts': ['origins[1]'],
  'refused-any-origin.ts': ['origins'],
  'refused-mirror.ts': ['allowedHeaders'],
  'refused-lookalike.ts': ['origins[0]', 'origins[1]'],
  'refused-http.ts': ['origins[0]'],
  'refused-public-suffix.ts': ['origins[0]', 'origins[1]', 'origins[2]'],
}

/** The body a browser sends for the guide's text/plain form: "name=value" and CRLF, nothing escaped. */
function formBody(html: string): { action: string; enctype: string; body: string } {
  const form = /<form action="([^"]+)" method="POST" enctype="([^"]+)">/.exec(html)
  const input = /<input name='([^']*)' value='([^']*)'>/.exec(html)
  if (form === null || input === null) throw new Error('csrf-form.html no longer has the form the test reads')
  return { action: form[1] as string, enctype: form[2] as string, body: `${input[1]}=${input[2]}\r\n` }
}

describe('docs/security.md: refused configurations', () => {
  it('every "throws" sample is listed here, and every listed sample is marked "throws"', () => {
    const marked = [...samplesOf(GUIDE)].filter(([, block]) => block.throws).map(([name]) => name)
    expect(marked.sort()).toEqual(Object.keys(REFUSED).sort())
  })

  for (const [name, options] of Object.entries(REFUSED)) {
    it(`${name} throws a CorsConfigError naming ${options.join(', ')}`, async () => {
      const error = await importSample(folder, name).then(() => undefined, (caught: unknown) => caught)
      expect(error).toBeInstanceOf(CorsConfigError)
      expect((error as CorsConfigError).problems.map((p) => p.option)).toEqual(options)
    })
  }

  it('allowed-null.ts allows Origin: null, and only with the opt-in', async () => {
    const { middleware } = await importSample<{ middleware: ReturnType<typeof cors> }>(folder, 'allowed-null.ts')
    const handler = middy(async () => ({ statusCode: 200, body: '' })).use(middleware) as unknown as Handler
    const response = await handler(restEvent('GET', '/widget', { Origin: 'null' }), {} as Context)
    expect(response.headers?.['Access-Control-Allow-Origin']).toBe('null')
    expect(() => cors({ origins: ['null'] })).toThrow(CorsConfigError)
  })

  it('the matcher is not fooled by the lookalikes the guide names', () => {
    const handlerFor = (origins: string[]) => middy(async () => ({ statusCode: 200, body: '' })).use(cors({ origins })) as unknown as Handler
    const handler = handlerFor(['https://example.com', 'https://*.example.com'])
    return Promise.all(['https://evilexample.com', 'https://example.com.evil.net', 'https://appxexample.com'].map(async (origin) => {
      const response = await handler(restEvent('GET', '/', { Origin: origin }), {} as Context)
      expect(response.headers?.['Access-Control-Allow-Origin'], origin).toBeUndefined()
    }))
  })

  it('Vary: Origin on allowed, refused and origin-less answers; preflights vary on all three request headers; none for a static *', async () => {
    const handler = middy(async () => ({ statusCode: 200, headers: { Vary: 'Accept-Encoding' }, body: '' })).use(cors({ origins: [APP], credentials: true })) as unknown as Handler
    for (const headers of [{ Origin: APP }, { Origin: EVIL }, {}] as Record<string, string>[]) {
      const response = await handler(restEvent('GET', '/', headers), {} as Context)
      expect(response.headers?.Vary).toBe('Accept-Encoding, Origin')
    }
    const preflight = await handler(restEvent('OPTIONS', '/', { Origin: EVIL, 'Access-Control-Request-Method': 'PUT' }), {} as Context)
    expect(preflight.headers?.Vary).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
    const open = middy(async () => ({ statusCode: 200, body: '' })).use(cors({ origins: '*' })) as unknown as Handler
    const anyone = await open(restEvent('GET', '/', { Origin: EVIL }), {} as Context)
    expect(anyone.headers).toEqual({ 'Access-Control-Allow-Origin': '*' })
  })
})

describe('docs/security.md: CSRF on simple requests', () => {
  const form = formBody(sample(GUIDE, 'csrf-form.html').code)
  const forged = (origin: string | undefined, extra: Record<string, string> = {}): APIGatewayProxyEvent => restEvent('POST', new URL(form.action).pathname, {
    ...(origin === undefined ? {} : { Origin: origin }),
    'Content-Type': form.enctype,
    ...extra,
  }, { body: form.body })

  it('the form sends a simple request whose body is JSON', () => {
    expect(form.enctype).toBe('text/plain')
    expect(JSON.parse(form.body)).toMatchObject({ to: 'attacker', amount: 1000 })
  })

  it('with cors() alone, the forged request runs business code; only the answer is hidden', async () => {
    let ran = 0
    const handler = middy(async () => { ran++; return { statusCode: 201, body: '{}' } }).use(cors({ origins: [APP], credentials: true })) as unknown as Handler
    const response = await handler(forged(EVIL), {} as Context)
    expect(ran).toBe(1)
    expect(response.statusCode).toBe(201)
    expect(response.headers?.['Access-Control-Allow-Origin']).toBeUndefined()
  })

  it('transfers.ts refuses the forged request before business code, and lets the front end and non-browser clients through', async () => {
    const { handler } = await importSample<{ handler: Handler }>(folder, 'transfers.ts')
    const refused = await handler(forged(EVIL), {} as Context)
    expect(refused.statusCode).toBe(403)
    expect(refused.headers?.['Access-Control-Allow-Origin']).toBeUndefined()
    expect((await handler(forged('null'), {} as Context)).statusCode).toBe(403)
    expect((await handler(forged(undefined, { 'Sec-Fetch-Site': 'cross-site' }), {} as Context)).statusCode).toBe(403)
    const app = await handler(forged(APP), {} as Context)
    expect(app.statusCode).toBe(201)
    expect(app.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect((await handler(forged(undefined), {} as Context)).statusCode).toBe(201)
    // Safe methods are not the guard's business.
    const get = await handler(restEvent('GET', '/transfers', { Origin: EVIL }), {} as Context)
    expect(get.statusCode).toBe(201)
    // A preflight is answered by cors() before the guard runs.
    const preflight = await handler(restEvent('OPTIONS', '/transfers', { Origin: APP, 'Access-Control-Request-Method': 'POST' }), {} as Context)
    expect(preflight.statusCode).toBe(204)
  })
})
