/**
 * Option lists where `'*'` comes first: a list that merely starts with `'*'`
 * must not be taken for the wildcard (found by mutation testing: only lists
 * with `'*'` later were tested).
 */
import { describe, expect, it } from 'vitest'
import { compilePolicy, type CorsOptions } from '../../src/index.js'
import { problemsOf } from '../support/problems.js'

const APP = 'https://app.example.com'

describe("a list starting with '*' is refused, not read as the wildcard", () => {
  it.each([
    ['methods', ['*', 'GET']],
    ['methods', ['*', '*']],
    ['allowedHeaders', ['*', 'X-Custom']],
    ['exposedHeaders', ['*', 'X-Request-Id']],
  ])('%s: %j', (option, list) => {
    for (const credentials of [false, true]) {
      const problems = problemsOf(() => compilePolicy({ origins: [APP], credentials, [option]: list } as CorsOptions))
      expect(problems.map((p) => p.option)).toContain(`${option}[0]`)
      expect(problems.every((p) => p.option.startsWith(`${option}[`))).toBe(true)
      expect(problems[0]?.reason).toContain("'*' inside a list is ambiguous")
    }
  })
})
