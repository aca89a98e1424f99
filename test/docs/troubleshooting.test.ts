import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CorsConfigError, cors, preflightHandler, type CorsRefusalReason } from '../../src/index.js'
import { restEvent } from './events.js'
import { startAnsweringServer } from '../cli/support/answering-server.js'
import { runCli } from '../cli/support/run-cli.js'
import { corsActual, missingAuthenticationToken } from '../support/gateway-answers.js'
import { blocksOf, docsDir, importSample, sample, writeSamples } from './samples.js'

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

const GUIDE = 'troubleshooting'
const APP = 'https://app.example.com'
let handler: Handler

beforeAll(async () => {
  const folder = writeSamples(GUIDE, 'run')
  ;({ handler } = await importSample<{ handler: Handler }>(folder, 'logger.ts'))
})

afterEach(() => {
  vi.restoreAllMocks()
})

/** What the sample's logger writes for one request. */
async function logged(event: APIGatewayProxyEvent): Promise<unknown[]> {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  await handler(event, {} as Context)
  return warn.mock.calls.map((call) => JSON.parse(call[0] as string))
}

describe('docs/troubleshooting.md', () => {
  it('logger.ts logs refusal-origin.json for a lookalike origin', async () => {
    const records = await logged(restEvent('POST', '/orders', { Origin: 'https://app.example.com.evil.net' }))
    expect(records).toEqual([JSON.parse(sample(GUIDE, 'refusal-origin.json').code)])
  })

  it('logger.ts logs refusal-method.json for a PUT preflight', async () => {
    const records = await logged(restEvent('OPTIONS', '/orders', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }))
    expect(records).toEqual([JSON.parse(sample(GUIDE, 'refusal-method.json').code)])
  })

  it('logger.ts logs refusal-headers.json for a POST preflight with X-Trace-Id', async () => {
    const records = await logged(restEvent('OPTIONS', '/orders', {
      Origin: APP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-trace-id',
    }))
    expect(records).toEqual([JSON.parse(sample(GUIDE, 'refusal-headers.json').code)])
  })

  it('logger.ts logs nothing for an allowed request, and the refusal does not change the answer', async () => {
    expect(await logged(restEvent('POST', '/orders', { Origin: APP }))).toEqual([])
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const refused = await handler(restEvent('OPTIONS', '/orders', { Origin: APP, 'Access-Control-Request-Method': 'PUT' }), {} as Context)
    expect(refused.statusCode).toBe(204)
    expect(refused.headers?.['Access-Control-Allow-Origin']).toBe(APP)
    expect(refused.headers?.['Access-Control-Allow-Methods']).toBe('GET, POST')
  })

  it('config-error.txt is the CorsConfigError message for the configuration the guide names', () => {
    let error: unknown
    try {
      cors({ origins: ['https://app.example.com/', 'http://staging.example.com'], credentials: true })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CorsConfigError)
    expect((error as Error).message + '\n').toBe(sample(GUIDE, 'config-error.txt').code)
  })

  it('the reasons table lists every refusal reason the logger can report', () => {
    const reasons = {
      'origin-not-allowed': true, 'origin-invalid': true, 'origin-ambiguous': true,
      'method-not-allowed': true, 'headers-not-allowed': true, 'request-headers-too-long': true,
    } satisfies Record<CorsRefusalReason, true>
    const text = readFileSync(join(docsDir, `${GUIDE}.md`), 'utf8')
    const documented = [...text.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).filter((name) => name !== 'reason')
    expect(documented.sort()).toEqual(Object.keys(reasons).sort())
  })

  it('each browser message is given in Chromium and Firefox wording', () => {
    const messages = blocksOf(GUIDE).filter((block) => block.lang === 'text' && block.name === undefined)
    expect(messages.length).toBeGreaterThanOrEqual(10)
    for (const block of messages) {
      expect(block.code, `docs/${GUIDE}.md:${block.line}`).toMatch(/^Chromium: .+\nFirefox: {2}.+\n$/)
    }
  })

  it('preflightHandler answers a non-preflight with 400, as the guide says', async () => {
    const options = preflightHandler({ origins: [APP] })
    const answer = await options(restEvent('OPTIONS', '/orders', { Origin: APP }))
    expect(answer.statusCode).toBe(400)
  })
})

describe('docs/troubleshooting.md starts from lambda-cors check', () => {
  /** The words of a one-line shell command, with single quotes honoured. */
  function shellWords(line: string): string[] {
    return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '')
  }

  it('check-report.txt is what the command prints against API Gateway REST with no OPTIONS method', { timeout: 30_000 }, async () => {
    const command = blocksOf(GUIDE).find((block) => block.lang === 'sh' && block.code.startsWith('npx lambda-cors check'))
    if (command === undefined) throw new Error('no npx lambda-cors check command in the guide')
    const [, , ...args] = shellWords(command.code.trim())
    const server = await startAnsweringServer(true)
    try {
      server.answer((request) => (request.method === 'OPTIONS' ? missingAuthenticationToken() : corsActual(APP)))
      // The URL is the guide's; the connection goes to the local server.
      const run = await runCli([...args, '--connect-to', new URL(server.origin).host, '--insecure'], { env: { NO_COLOR: '1' } })
      expect(run.code).toBe(1)
      expect(run.stdout).toBe(sample(GUIDE, 'check-report.txt').code)
    } finally {
      await server.close()
    }
  })

  it("the README shows the same run", () => {
    const readme = blocksOf('README')
    const index = readme.findIndex((block) => block.lang === 'sh' && block.code.startsWith('npx lambda-cors check'))
    expect(index).toBeGreaterThanOrEqual(0)
    const [command] = blocksOf(GUIDE).filter((block) => block.lang === 'sh' && block.code.startsWith('npx lambda-cors check'))
    expect(readme[index]?.code).toBe(command?.code)
    expect(readme[index + 1]?.code).toBe(sample(GUIDE, 'check-report.txt').code)
  })
})
