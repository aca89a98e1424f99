/**
 * originsFromEnv and localhostOrigins: allowlists that differ per stage,
 * and the errors of the usual mistakes, word for word.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compilePolicy, cors, localhostOrigins, originsFromEnv } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

const RUNS = Number(process.env.FC_RUNS ?? 200)

describe('originsFromEnv', () => {
  it('splits on commas and whitespace and ignores empty elements', () => {
    const env = { CORS_ORIGINS: ' https://app.example.com,,https://*.preview.example.com \n http://localhost:5173, ' }
    expect(originsFromEnv('CORS_ORIGINS', { env })).toEqual(['https://app.example.com', 'https://*.preview.example.com', 'http://localhost:5173'])
  })

  it('reads process.env by default', () => {
    process.env.LAMBDA_CORS_TEST_ORIGINS = 'https://app.example.com'
    try {
      expect(originsFromEnv('LAMBDA_CORS_TEST_ORIGINS')).toEqual(['https://app.example.com'])
    } finally {
      delete process.env.LAMBDA_CORS_TEST_ORIGINS
    }
  })

  it('names an unset variable and says how to set it', () => {
    expect(problemsOf(() => originsFromEnv('CORS_ORIGINS', { env: {} }))).toEqual([{
      option: 'CORS_ORIGINS',
      value: 'undefined',
      reason: 'the environment variable CORS_ORIGINS is not set.',
      fix: "set it to the allowed origins, separated by commas, for example CORS_ORIGINS=https://app.example.com,https://admin.example.com (in the function's environment, e.g. provider.environment in serverless.yml).",
    }])
  })

  it.each(['', ' ', ', ,'])('names a variable set to %j', (value) => {
    expect(problemsOf(() => originsFromEnv('CORS_ORIGINS', { env: { CORS_ORIGINS: value } }))).toEqual([{
      option: 'CORS_ORIGINS',
      value: JSON.stringify(value),
      reason: 'the environment variable CORS_ORIGINS is set but holds no origin.',
      fix: 'set it to the allowed origins, separated by commas, for example CORS_ORIGINS=https://app.example.com,https://admin.example.com.',
    }])
  })

  it('reports every bad entry at once, each under the variable name and its position', () => {
    const env = { CORS_ORIGINS: 'https://app.example.com/,https://ok.example.com,app.example.com' }
    const problems = problemsOf(() => originsFromEnv('CORS_ORIGINS', { env }))
    expect(problems.map((p) => p.option)).toEqual(['CORS_ORIGINS[0]', 'CORS_ORIGINS[2]'])
  })

  it('returns a frozen list that cors() accepts', () => {
    const origins = originsFromEnv('CORS_ORIGINS', { env: { CORS_ORIGINS: 'https://app.example.com' } })
    expect(Object.isFrozen(origins)).toBe(true)
    expect(() => cors({ origins, credentials: true })).not.toThrow()
  })

  it('any list of origins joined with commas and spaces reads back as the same list', () => {
    const origin = fc.tuple(fc.constantFrom('https', 'http'), fc.domain()).map(([scheme, host]) => `${scheme}://${host}`)
    const separator = fc.constantFrom(',', ', ', ' ', ',,', '\n', ' , ')
    fc.assert(fc.property(fc.array(fc.tuple(origin, separator), { minLength: 1, maxLength: 6 }), (pairs) => {
      const value = pairs.map(([o, sep]) => o + sep).join('')
      expect(originsFromEnv('O', { env: { O: value } })).toEqual(pairs.map(([o]) => o))
    }), { numRuns: RUNS, seed: 11 })
  })
})

describe('localhostOrigins', () => {
  const LOCAL = ['http://localhost:*', 'https://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']

  it('gives the loopback dev servers in a listed dev stage', () => {
    expect(localhostOrigins({ stage: 'dev', devStages: ['dev', 'local'] })).toEqual(LOCAL)
    expect(localhostOrigins({ stage: 'local', devStages: ['dev', 'local'] })).toEqual(LOCAL)
  })

  it.each([undefined, '', 'prod', 'production', 'staging', 'Dev', 'dev '])('fails closed for stage %j: no localhost', (stage) => {
    expect(localhostOrigins({ stage, devStages: ['dev'] })).toEqual([])
  })

  it('so a production credentials policy never allows localhost, even with STAGE unset', () => {
    const origins = [...originsFromEnv('CORS_ORIGINS', { env: { CORS_ORIGINS: 'https://app.example.com' } }),
      ...localhostOrigins({ stage: undefined, devStages: ['dev'] })]
    const policy = compilePolicy({ origins, credentials: true })
    expect(policy.origins.exact.has('https://app.example.com')).toBe(true)
    expect(origins).toEqual(['https://app.example.com'])
  })

  it('refuses a production-looking dev stage, word for word', () => {
    expect(problemsOf(() => localhostOrigins({ stage: 'dev', devStages: ['dev', 'prod'] }))).toEqual([{
      option: 'devStages',
      value: '["dev","prod"]',
      reason: '"prod" looks like a production stage, where localhost must not be allowed.',
      fix: 'remove "prod" from devStages.',
    }])
  })

  it.each([[[]], [undefined], [['']], ['dev']])('refuses devStages %j', (devStages) => {
    const problems = problemsOf(() => localhostOrigins({ stage: 'dev', devStages: devStages as never }))
    expect(problems[0]).toMatchObject({ option: 'devStages', fix: "write devStages: ['dev']." })
  })
})
