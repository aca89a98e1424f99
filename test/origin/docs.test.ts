/**
 * docs/origins.md quotes the reason and the fix of each configuration error.
 * These tests keep it true: every documented example must produce exactly the
 * documented problem, and every rule of the validator must be documented.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compilePolicy, createOriginMatcher, type CorsConfigProblem, type CorsOptions } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

const doc = readFileSync(new URL('../../docs/origins.md', import.meta.url), 'utf8')

/** Markdown backslash escapes undone: what the reader sees. */
const unescape = (text: string): string => text.replace(/\\([\\*_`|])/g, '$1')

/** The rows of the table that follows `<!-- marker -->`, as cells. */
function table(marker: string): string[][] {
  const start = doc.indexOf(`<!-- ${marker} -->`)
  expect(start, `marker ${marker} in docs/origins.md`).toBeGreaterThan(-1)
  const lines = doc.slice(start).split('\n').slice(1)
  const rows: string[][] = []
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim()))
  }
  expect(rows.length, `rows after ${marker}`).toBeGreaterThan(0)
  return rows
}

/** The content of a cell that is one code span. */
function code(cell: string): string {
  const match = /^`([^`]*)`$/.exec(cell)
  if (match === null) throw new Error(`expected a code span, got ${cell}`)
  return match[1] as string
}


describe('docs/origins.md: the documented errors are the real ones', () => {
  it.each(table('errors:patterns'))('%s', (pattern, reason, fix) => {
    const problems = problemsOf(() => createOriginMatcher([code(pattern as string)]))
    expect(problems).toContainEqual(expect.objectContaining({ reason: unescape(reason as string), fix: unescape(fix as string) }))
  })

  it.each(table('errors:patterns-with-credentials'))('%s with credentials', (pattern, reason, fix) => {
    const problems = problemsOf(() => createOriginMatcher([code(pattern as string)], { credentials: true }))
    expect(problems).toContainEqual(expect.objectContaining({ reason: unescape(reason as string), fix: unescape(fix as string) }))
  })

  it.each(table('errors:options'))('%s: %s', (option, example, reason, fix) => {
    const written: unknown = JSON.parse(code(example as string))
    const options = typeof written === 'object' && written !== null && !('origins' in written) && Object.keys(written).length > 0
      ? { origins: ['https://app.example.com'], ...written }
      : written
    const problems = problemsOf(() => compilePolicy(options as CorsOptions))
    expect(problems).toContainEqual({
      option: code(option as string),
      value: expect.any(String),
      reason: unescape(reason as string),
      fix: unescape(fix as string),
    })
  })
})

describe('docs/origins.md documents every rule', () => {
  /** A reason with its quoted specifics blanked, so that one example stands for its rule. */
  const shape = (reason: string): string => reason.replace(/"[^"]*"/g, '"…"').replace(/\[[0-9a-z:]+\]/g, '[…]').replace(/\b(GE T|TRACE|CONNECT|TRACK)\b/g, 'M')
    .replace(/name under [a-z0-9.-]+ /g, 'name under … ')
    .replace(/\b\d+ characters/g, 'N characters')
    .replace(/\b[A-Za-z]+ must be (true or false|a list of header names)/g, '… must be $1')
  const documented = doc.split('\n').filter((line) => line.startsWith('|')).map((line) => shape(unescape(line))).join('\n')

  // One input per rule, deliberately different from the documented examples.
  const bad: readonly (readonly [string, () => unknown])[] = [
    ['path', () => createOriginMatcher(['https://b.example.org/x'])],
    ['trailing slash', () => createOriginMatcher(['https://b.example.org/'])],
    ['query', () => createOriginMatcher(['https://b.example.org?'])],
    ['fragment', () => createOriginMatcher(['https://b.example.org#'])],
    ['userinfo', () => createOriginMatcher(['https://me:pw@b.example.org'])],
    ['whitespace', () => createOriginMatcher(['https://b.example.org\t'])],
    ['missing scheme', () => createOriginMatcher(['b.example.org'])],
    ['bad scheme', () => createOriginMatcher(['h_t://b.example.org'])],
    ['file scheme', () => createOriginMatcher(['file://b.example.org'])],
    ['empty host', () => createOriginMatcher(['http://:80'])],
    ['empty label', () => createOriginMatcher(['https://b..org'])],
    ['trailing dot', () => createOriginMatcher(['https://b.example.org.'])],
    ['bad label', () => createOriginMatcher(['https://b%.example.org'])],
    ['bad Unicode host', () => createOriginMatcher(['https://é*.example.org'])],
    ['IPv6 unclosed', () => createOriginMatcher(['http://[::2'])],
    ['IPv6 trailing text', () => createOriginMatcher(['http://[::2]y'])],
    ['IPv6 invalid', () => createOriginMatcher(['http://[::g]'])],
    ['empty port', () => createOriginMatcher(['https://b.example.org:'])],
    ['bad port', () => createOriginMatcher(['https://b.example.org:99999'])],
    ['glob in the last two labels', () => createOriginMatcher(['https://b.ex*.org'])],
    ['inner * label', () => createOriginMatcher(['https://b.*.example.org'])],
    ['**', () => createOriginMatcher(['https://x**.example.org'])],
    ['bad glob label', () => createOriginMatcher(['https://b!.example.org'])],
    ['IP wildcard', () => createOriginMatcher(['http://*.10.0.0.1'])],
    ['bare *', () => createOriginMatcher(['http://*:3000'])],
    ['single label', () => createOriginMatcher(['https://*.org'])],
    ['shared suffix', () => createOriginMatcher(['https://*.vercel.app'])],
    ['glob under a shared suffix', () => createOriginMatcher(['https://b-*.vercel.app'])],
    ['second * label', () => createOriginMatcher(['https://*.*.example.org'])],
    ['two * in a label', () => createOriginMatcher(['https://b*c*d.example.org'])],
    ['IPv4 in another form', () => createOriginMatcher(['http://10.1:8080'])],
    ['not an IPv4 address', () => createOriginMatcher(['http://b.example.1'])],
    ['bad punycode', () => createOriginMatcher(['https://xn--b.example.org'])],
    ['opaque scheme', () => createOriginMatcher(['javascript://b.example.org'])],
    ['host too long', () => createOriginMatcher([`https://${'b'.repeat(260)}.org`])],
    ['origin too long', () => createOriginMatcher([`${'b'.repeat(80)}://${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.org`])],
    ['wildcard host too long', () => createOriginMatcher([`https://*.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.example.org`])],
    ['wildcard origin too long', () => createOriginMatcher([`${'b'.repeat(70)}://*.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.org`])],
    ['null', () => createOriginMatcher(['Null'])],
    ['too many braces', () => createOriginMatcher(['https://{1..999}.example.org'])],
    ['unbalanced braces', () => createOriginMatcher(['https://{b.example.org'])],
    ['credentials *', () => createOriginMatcher('*', { credentials: true })],
    ['credentials http', () => createOriginMatcher(['http://b.example.org'], { credentials: true })],
    ['not a pattern', () => createOriginMatcher([{}] as unknown as string[])],
    ['empty list', () => createOriginMatcher([])],
    ['* with others', () => createOriginMatcher(['*', 'https://b.example.org'])],
    ['RegExp flags', () => createOriginMatcher([/^https:\/\/b$/y])],
    ['unanchored RegExp', () => createOriginMatcher([/^https:\/\/b/])],
    ['options not an object', () => compilePolicy('x' as unknown as CorsOptions)],
    ['missing origins', () => compilePolicy({} as CorsOptions)],
    ['renamed option', () => compilePolicy({ origins: '*', allowHeaders: [] } as unknown as CorsOptions)],
    ['unknown option', () => compilePolicy({ origins: '*', verbose: true } as unknown as CorsOptions)],
    ['boolean', () => compilePolicy({ origins: '*', preflightContinue: 'no' } as unknown as CorsOptions)],
    ['methods not a list', () => compilePolicy({ origins: '*', methods: 'POST' } as unknown as CorsOptions)],
    ['method not a token', () => compilePolicy({ origins: '*', methods: ['GE T'] })],
    ['forbidden method', () => compilePolicy({ origins: '*', methods: ['TRACK'] })],
    ['methods * with credentials', () => compilePolicy({ origins: ['https://b.example.org'], credentials: true, methods: ['*'] })],
    ['headers not a list', () => compilePolicy({ origins: '*', exposedHeaders: 'X' } as unknown as CorsOptions)],
    ['header not a token', () => compilePolicy({ origins: '*', exposedHeaders: ['X:Y'] })],
    ['forbidden header', () => compilePolicy({ origins: '*', allowedHeaders: ['Sec-Fetch-Site'] })],
    ['allowed headers * with credentials', () => compilePolicy({ origins: ['https://b.example.org'], credentials: true, allowedHeaders: ['*'] })],
    ['exposed headers * with credentials', () => compilePolicy({ origins: ['https://b.example.org'], credentials: true, exposedHeaders: ['*'] })],
    ['Set-Cookie exposed', () => compilePolicy({ origins: '*', exposedHeaders: ['set-cookie2'] })],
    ['maxAge', () => compilePolicy({ origins: '*', maxAge: -2 })],
    ['optionsSuccessStatus', () => compilePolicy({ origins: '*', optionsSuccessStatus: 302 })],
    ['logger', () => compilePolicy({ origins: '*', logger: 1 } as unknown as CorsOptions)],
  ]

  it.each(bad)('%s', (_, run) => {
    const problems = problemsOf(run)
    expect(problems.length).toBeGreaterThan(0)
    for (const problem of problems) expect(documented, problem.reason).toContain(shape(problem.reason))
  })
})
