/**
 * docs/options.md documents every option of CorsOptions and the logger's
 * record. The key lists below are checked by the compiler against the types,
 * so adding an option or a refusal reason without documenting it fails here.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compilePolicy, type CorsOptions, type CorsRefusal, type CorsRefusalReason } from '../../src/index.js'

const doc = readFileSync(new URL('../../docs/options.md', import.meta.url), 'utf8')

const OPTION_KEYS = {
  origins: true,
  credentials: true,
  methods: true,
  allowedHeaders: true,
  exposedHeaders: true,
  maxAge: true,
  privateNetwork: true,
  optionsSuccessStatus: true,
  preflightContinue: true,
  cacheControl: true,
  logger: true,
  dangerouslyAllowNullOrigin: true,
  dangerouslyAllowInsecureOriginsWithCredentials: true,
  dangerouslyMirrorPreflightWithCredentials: true,
} as const satisfies Record<keyof CorsOptions, true>

const REFUSAL_FIELDS = { reason: true, request: true, origin: true, method: true, headers: true, message: true } as const satisfies Record<keyof CorsRefusal, true>

const REFUSAL_REASONS = {
  'origin-not-allowed': true,
  'origin-invalid': true,
  'origin-ambiguous': true,
  'method-not-allowed': true,
  'headers-not-allowed': true,
  'request-headers-too-long': true,
} as const satisfies Record<CorsRefusalReason, true>

/** The summary table row of an option: [option, type, default]. */
function summaryRow(option: string): string[] {
  const line = doc.split('\n').find((l) => l.startsWith(`| [\`${option}\`]`))
  expect(line, `summary row for ${option}`).toBeDefined()
  return (line as string).split(/(?<!\\)\|/).slice(1, -1).map((cell) => cell.trim())
}

/** A default written as a code span holding a JS literal of strings or numbers. */
function literal(cell: string): unknown {
  const match = /^`(.*)`$/.exec(cell)
  if (match === null) throw new Error(`expected a code span: ${cell}`)
  return JSON.parse((match[1] as string).replaceAll("'", '"'))
}

describe('docs/options.md', () => {
  it.each(Object.keys(OPTION_KEYS))('documents %s with a section and a summary row', (option) => {
    expect(doc).toContain(`### \`${option}\``)
    expect(summaryRow(option)).toHaveLength(3)
  })

  it('documents no option that does not exist', () => {
    const sections = [...doc.matchAll(/^### `([A-Za-z]+)`$/gm)].map((m) => m[1])
    expect(sections.sort()).toEqual(Object.keys(OPTION_KEYS).sort())
  })

  it('every documented option is accepted by compilePolicy', () => {
    expect(() => compilePolicy({
      origins: ['https://app.example.com'],
      credentials: false,
      methods: ['GET'],
      allowedHeaders: ['Content-Type'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
      privateNetwork: false,
      optionsSuccessStatus: 204,
      preflightContinue: false,
      cacheControl: 'public, max-age=600',
      logger: () => {},
      dangerouslyAllowNullOrigin: false,
      dangerouslyAllowInsecureOriginsWithCredentials: false,
      dangerouslyMirrorPreflightWithCredentials: false,
    } satisfies Required<CorsOptions>)).not.toThrow()
  })

  it('states the defaults compilePolicy uses', () => {
    const policy = compilePolicy({ origins: ['https://app.example.com'] })
    expect(summaryRow('methods')[2]).toBeDefined()
    expect(literal(summaryRow('methods')[2] as string)).toEqual([...policy.methods])
    expect(literal(summaryRow('allowedHeaders')[2] as string)).toEqual(policy.allowHeadersValue.split(', '))
    expect(String(literal(summaryRow('maxAge')[2] as string))).toBe(policy.maxAgeValue)
    expect(literal(summaryRow('optionsSuccessStatus')[2] as string)).toBe(policy.optionsSuccessStatus)
    const booleans = ['credentials', 'privateNetwork', 'preflightContinue', 'dangerouslyAllowNullOrigin', 'dangerouslyAllowInsecureOriginsWithCredentials', 'dangerouslyMirrorPreflightWithCredentials']
    for (const option of booleans) expect(literal(summaryRow(option)[2] as string), option).toBe(false)
    expect(policy.credentials || policy.privateNetwork || policy.preflightContinue).toBe(false)
    expect(summaryRow('origins')[2]).toBe('required')
  })

  it('describes the risk of each dangerous opt-in', () => {
    for (const option of Object.keys(OPTION_KEYS).filter((key) => key.startsWith('dangerously'))) {
      const section = doc.slice(doc.indexOf(`### \`${option}\``)).split('\n### ')[0] as string
      expect(section, option).toContain('**Risk:**')
    }
  })

  it('shows every field of the logger record and every refusal reason', () => {
    const section = doc.slice(doc.indexOf('### `logger`')).split('\n## ')[0] as string
    for (const field of Object.keys(REFUSAL_FIELDS)) expect(section).toMatch(new RegExp(`readonly ${field}\\??:`))
    for (const reason of Object.keys(REFUSAL_REASONS)) expect(section).toContain(`'${reason}'`)
  })
})
