import { describe, expect, it } from 'vitest'
import { CorsConfigError, type CorsConfigProblem } from '../../src/index.js'
import { displayValue, ProblemList } from '../../src/policy/problems.js'

const problem = (option: string): CorsConfigProblem => ({ option, value: '"x"', reason: `${option} is wrong.`, fix: `fix ${option}.` })

describe('CorsConfigError', () => {
  it('is an Error named CorsConfigError', () => {
    const error = new CorsConfigError([problem('maxAge')])
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('CorsConfigError')
    expect(String(error)).toMatch(/^CorsConfigError: /)
  })

  it('counts the problems in its message, singular and plural', () => {
    expect(new CorsConfigError([problem('a')]).message).toContain('(1 problem)')
    expect(new CorsConfigError([problem('a'), problem('b')]).message).toContain('(2 problems)')
  })

  it('puts each problem on its own line with option, value, reason and fix', () => {
    const problems = [problem('origins[0]'), problem('maxAge')]
    const lines = new CorsConfigError(problems).message.split('\n').slice(1)
    expect(lines).toHaveLength(2)
    problems.forEach((p, i) => {
      const line = lines[i] as string
      for (const part of [p.option, p.value, p.reason, p.fix]) expect(line).toContain(part)
    })
  })

  it('keeps a frozen copy of the problems', () => {
    const problems = [problem('a')]
    const error = new CorsConfigError(problems)
    problems.push(problem('b'))
    expect(error.problems).toHaveLength(1)
    expect(Object.isFrozen(error.problems)).toBe(true)
  })
})

describe('ProblemList', () => {
  it('throws nothing while empty', () => {
    expect(() => new ProblemList().throwIfAny()).not.toThrow()
  })

  it('throws every collected problem at once, in order', () => {
    const list = new ProblemList()
    list.add('a', 1, 'reason a.', 'fix a.')
    list.add('b', 'two', 'reason b.', 'fix b.')
    let error: unknown
    try {
      list.throwIfAny()
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CorsConfigError)
    expect((error as CorsConfigError).problems).toEqual([
      { option: 'a', value: '1', reason: 'reason a.', fix: 'fix a.' },
      { option: 'b', value: '"two"', reason: 'reason b.', fix: 'fix b.' },
    ])
  })
})

describe('displayValue renders any configured value without throwing', () => {
  const circular: Record<string, unknown> = {}
  circular.self = circular

  it.each([
    ['a string, quoted', 'https://a.example.com/', '"https://a.example.com/"'],
    ['a RegExp, as source', /^a$/g, '/^a$/g'],
    ['a named function', function allowTenant() { return true }, '[function allowTenant]'],
    ['a number', 42, '42'],
    ['NaN', Number.NaN, 'null'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a list', ['GET', 1], '["GET",1]'],
    ['an object', { a: 1 }, '{"a":1}'],
    ['a circular object', circular, '[object Object]'],
    ['a bigint', 10n, '[object BigInt]'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
  ])('%s', (_, value, shown) => {
    expect(displayValue(value)).toBe(shown)
  })

  it('an anonymous function', () => {
    expect(displayValue([() => true][0])).toBe('[function anonymous]')
  })

  it('an object whose toJSON throws', () => {
    const hostile = { toJSON() { throw new Error('no') } }
    expect(() => displayValue(hostile)).not.toThrow()
  })
})
