/**
 * A compiled policy cannot be widened at run time: its sets and maps refuse
 * every change (Object.freeze alone does not stop Set.prototype.add).
 */
import { describe, expect, it } from 'vitest'
import { compilePolicy } from '../../src/index.js'
import { frozenMap, frozenSet } from '../../src/frozen-set.js'

const IMMUTABLE = /^lambda-cors: a compiled policy is immutable$/

describe('frozenSet', () => {
  it.each(['add', 'delete', 'clear'] as const)('%s throws and changes nothing', (method) => {
    const set = frozenSet(['GET', 'PUT'])
    const change = (set as Set<string>)[method] as (value?: string) => unknown
    expect(() => change.call(set, 'GET')).toThrow(TypeError)
    expect(() => change.call(set, 'DELETE')).toThrow(IMMUTABLE)
    expect([...set]).toEqual(['GET', 'PUT'])
    expect(Set.prototype[method]).not.toBe(change)
  })

  it('still answers reads', () => {
    const set = frozenSet(['a', 'b', 'a'])
    expect(set.size).toBe(2)
    expect(set.has('a')).toBe(true)
    expect(Object.isFrozen(set)).toBe(true)
  })
})

describe('frozenMap', () => {
  it.each(['set', 'delete', 'clear'] as const)('%s throws and changes nothing', (method) => {
    const map = frozenMap(new Map([['example.com', [1, 2]]]))
    const change = (map as Map<string, unknown>)[method] as (key?: string, value?: unknown) => unknown
    expect(() => change.call(map, 'example.com', [3])).toThrow(IMMUTABLE)
    expect([...map]).toEqual([['example.com', [1, 2]]])
  })

  it('freezes each list it holds', () => {
    const map = frozenMap(new Map([['k', ['x']]]))
    const list = map.get('k') as string[]
    expect(Object.isFrozen(list)).toBe(true)
    expect(() => list.push('y')).toThrow(TypeError)
  })
})

describe('a compiled policy', () => {
  it('refuses new methods and headers after validation', () => {
    const policy = compilePolicy({ origins: ['https://app.example.com'], methods: ['GET'], allowedHeaders: ['Content-Type'] })
    expect(() => (policy.methods as Set<string>).add('DELETE')).toThrow(IMMUTABLE)
    expect(() => (policy.allowedHeaders as Set<string>).add('x-evil')).toThrow(IMMUTABLE)
    expect(() => (policy.allowedHeaders as Set<string>).clear()).toThrow(IMMUTABLE)
    expect([...policy.methods]).toEqual(['GET'])
    expect([...policy.allowedHeaders]).toEqual(['content-type'])
  })
})
