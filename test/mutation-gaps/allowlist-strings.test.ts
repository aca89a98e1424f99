/**
 * Allowlists written as strings, and the stage helpers, in corners found by
 * mutation testing: a stray closing brace in a list, fixes whose code list
 * must survive quotes and backslashes, an allowlist whose every entry is
 * reported (no knock-on "empty allowlist"), a runtime without `process`,
 * and devStages lists that are only partly valid.
 */
import { describe, expect, it, vi } from 'vitest'
import { compilePolicy, localhostOrigins, originsFromEnv, type CorsOptions } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

const LOCAL = ['http://localhost:*', 'https://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*']

/** Evaluates a list written as code in a fix, as a user pasting it would. */
const evaluate = (code: string): unknown => (new Function(`return ${code}`) as () => unknown)()

describe('lists in one string', () => {
  it('a stray closing brace does not swallow the entries after it', () => {
    // Only an opening brace starts a brace pattern; a lone `}` is a typo in one entry, which is reported alone.
    const problems = problemsOf(() => originsFromEnv('CORS_ORIGINS', { env: { CORS_ORIGINS: 'https://app.example.com},https://admin.example.com' } }))
    expect(problems.map((p) => [p.option, p.value])).toEqual([['CORS_ORIGINS[0]', JSON.stringify('https://app.example.com}')]])
  })

  it('the same typo passed to origins is still recognised as a list of two', () => {
    const [problem, ...others] = problemsOf(() => compilePolicy({ origins: 'https://app.example.com} https://admin.example.com' }))
    expect(others).toEqual([])
    expect(problem?.reason).toContain('a list of origins in one string')
  })

  it('the list a fix writes out is valid code for the same entries, quotes and backslashes included', () => {
    // The fix is meant to be pasted: an unescaped quote would end the string early.
    const entries = ["https://it's.example.com", 'https://back\\slash.example.com', 'https://app.example.com']
    const [whole] = problemsOf(() => compilePolicy({ origins: entries.join(', ') }))
    expect(evaluate(/origins: (\[.*\]);/.exec(whole?.fix ?? '')?.[1] ?? '')).toEqual(entries)
    const [entry] = problemsOf(() => compilePolicy({ origins: [entries.join(' ')] }))
    expect(evaluate(`[${/separate entries: (.*);/.exec(entry?.fix ?? '')?.[1] ?? ''}]`)).toEqual(entries)
  })

  it.each([[['']], [['https://app.example.com,https://admin.example.com']], [['', ' ']]])(
    'an allowlist whose every entry is reported gets no second "empty allowlist" problem: %j',
    (origins) => {
      const problems = problemsOf(() => compilePolicy({ origins } as CorsOptions))
      expect(problems.map((p) => p.option)).toEqual(origins.map((_, i) => `origins[${i}]`))
    },
  )
})

describe('originsFromEnv where there is no process', () => {
  it('names the unset variable instead of failing with a TypeError', () => {
    // A browser bundle or a worker runtime has no `process` global.
    const problems = problemsOf(() => {
      vi.stubGlobal('process', undefined)
      try {
        return originsFromEnv('CORS_ORIGINS')
      } finally {
        vi.unstubAllGlobals()
      }
    })
    expect(problems.map((p) => [p.option, p.reason])).toEqual([['CORS_ORIGINS', 'the environment variable CORS_ORIGINS is not set.']])
  })
})

describe('localhostOrigins with devStages that are only partly valid', () => {
  it.each([[['dev', '']], [['dev', 42]], [[42]], [['dev', null]]])('refuses devStages %j, naming the mistake', (devStages) => {
    // One bad element is enough: it would otherwise pass unnoticed beside a good one.
    expect(problemsOf(() => localhostOrigins({ stage: 'dev', devStages: devStages as never }))).toEqual([{
      option: 'devStages',
      value: JSON.stringify(devStages),
      reason: 'devStages must list the names of the development stages.',
      fix: "write devStages: ['dev'].",
    }])
  })

  it('a call without options (from JavaScript) is a CorsConfigError, not a TypeError', () => {
    const problems = problemsOf(() => localhostOrigins(undefined as never))
    expect(problems.map((p) => p.option)).toEqual(['devStages'])
  })

  it("a stage that only contains 'prod' (nonprod) is a dev stage like any other", () => {
    // Only names that start with prod (prod, production, prod-eu) look like production.
    expect(localhostOrigins({ stage: 'nonprod', devStages: ['dev', 'nonprod'] })).toEqual(LOCAL)
    expect(problemsOf(() => localhostOrigins({ stage: 'dev', devStages: ['dev', 'Prod-EU'] })).map((p) => p.reason))
      .toEqual(['"Prod-EU" looks like a production stage, where localhost must not be allowed.'])
  })

  it('a stage that is not a string never matches', () => {
    expect(localhostOrigins({ stage: 42 as never, devStages: ['dev', '42'] })).toEqual([])
  })
})
