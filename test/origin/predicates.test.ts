import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAsyncOriginMatcher, createOriginMatcher, type SyncOriginPredicate } from '../../src/index.js'

const TABLE = new Set(['https://tenant-a.example', 'https://tenant-b.example'])

describe('predicates in createOriginMatcher (synchronous)', () => {
  it('allows what the predicate accepts and refuses the rest', () => {
    const isAllowed = createOriginMatcher((origin) => TABLE.has(origin))
    expect(isAllowed('https://tenant-a.example')).toBe(true)
    expect(isAllowed('https://tenant-c.example')).toBe(false)
  })

  it('receives the request origin and no event', () => {
    const calls: unknown[][] = []
    const isAllowed = createOriginMatcher((...args) => { calls.push(args); return false })
    isAllowed('https://tenant-a.example')
    expect(calls).toEqual([['https://tenant-a.example', undefined]])
  })

  it('is never called with a value a browser would not send', () => {
    const seen: string[] = []
    const isAllowed = createOriginMatcher((origin) => { seen.push(origin); return true })
    for (const hostile of ['null', 'https://A.example', 'https://a.example/', ' https://a.example', 'https://a.example:0', 'x'.repeat(100_000), '']) {
      expect(isAllowed(hostile), hostile.slice(0, 40)).toBe(false)
    }
    expect(seen).toEqual([])
  })

  it('is not called when a static pattern already allows the origin', () => {
    let calls = 0
    const isAllowed = createOriginMatcher(['https://app.example.com', () => { calls++; return false }])
    expect(isAllowed('https://app.example.com')).toBe(true)
    expect(calls).toBe(0)
    expect(isAllowed('https://other.example.com')).toBe(false)
    expect(calls).toBe(1)
  })

  it('runs predicates in order until one accepts', () => {
    const order: string[] = []
    const isAllowed = createOriginMatcher([
      () => { order.push('first'); return false },
      () => { order.push('second'); return true },
      () => { order.push('third'); return true },
    ])
    expect(isAllowed('https://x.example')).toBe(true)
    expect(order).toEqual(['first', 'second'])
  })

  it('only a literal true allows: truthy values refuse', () => {
    for (const answer of [1, 'yes', {}, [], 'true']) {
      const predicate = (() => answer) as unknown as SyncOriginPredicate
      expect(createOriginMatcher(predicate)('https://x.example'), JSON.stringify(answer)).toBe(false)
    }
  })

  it('a throwing predicate refuses, and later predicates still run', () => {
    const isAllowed = createOriginMatcher([
      () => { throw new Error('table unavailable') },
      (origin) => origin === 'https://b.example',
    ])
    expect(isAllowed('https://a.example')).toBe(false)
    expect(isAllowed('https://b.example')).toBe(true)
  })

  it('a predicate that returns a Promise refuses, even one that resolves to true', async () => {
    const asyncPredicate = (async () => true) as unknown as SyncOriginPredicate
    const isAllowed = createOriginMatcher(asyncPredicate)
    const answer: unknown = isAllowed('https://a.example')
    expect(answer).toBe(false)
  })
})

describe('a rejecting Promise in the synchronous matcher', () => {
  // In Lambda's Node.js runtime an unhandled rejection ends the process, so a
  // mistakenly async predicate that fails must not leave one behind.
  const unhandled: unknown[] = []
  const record = (reason: unknown): void => { unhandled.push(reason) }
  beforeEach(() => {
    unhandled.length = 0
    process.on('unhandledRejection', record)
  })
  afterEach(() => {
    process.off('unhandledRejection', record)
  })

  it('refuses and leaves no unhandled rejection', async () => {
    const marker = new Error('parameter store unavailable (expected by this test)')
    const rejecting = (async () => { throw marker }) as unknown as SyncOriginPredicate
    const isAllowed = createOriginMatcher(rejecting)
    expect(isAllowed('https://a.example')).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(unhandled).not.toContain(marker)
  })
})

describe('createAsyncOriginMatcher', () => {
  it('awaits async predicates', async () => {
    const isAllowed = createAsyncOriginMatcher(async (origin) => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      return TABLE.has(origin)
    })
    await expect(isAllowed('https://tenant-b.example')).resolves.toBe(true)
    await expect(isAllowed('https://tenant-z.example')).resolves.toBe(false)
  })

  it('passes the event to the predicate', async () => {
    interface Event { readonly tenant: string }
    const isAllowed = createAsyncOriginMatcher<Event>((origin, event) => origin === `https://${event?.tenant ?? 'none'}.example`)
    await expect(isAllowed('https://acme.example', { tenant: 'acme' })).resolves.toBe(true)
    await expect(isAllowed('https://acme.example', { tenant: 'other' })).resolves.toBe(false)
    await expect(isAllowed('https://acme.example')).resolves.toBe(false)
  })

  it('accepts sync predicates and static patterns too', async () => {
    const isAllowed = createAsyncOriginMatcher(['https://app.example.com', 'https://*.example.org', (origin) => origin === 'https://sync.example'])
    await expect(isAllowed('https://app.example.com')).resolves.toBe(true)
    await expect(isAllowed('https://a.example.org')).resolves.toBe(true)
    await expect(isAllowed('https://sync.example')).resolves.toBe(true)
    await expect(isAllowed('https://evil.example')).resolves.toBe(false)
  })

  it('a rejecting predicate refuses, and later predicates still run', async () => {
    const isAllowed = createAsyncOriginMatcher([
      async () => { throw new Error('table unavailable') },
      async (origin) => origin === 'https://b.example',
    ])
    await expect(isAllowed('https://a.example')).resolves.toBe(false)
    await expect(isAllowed('https://b.example')).resolves.toBe(true)
  })

  it('a throwing predicate refuses', async () => {
    const isAllowed = createAsyncOriginMatcher(() => { throw new Error('boom') })
    await expect(isAllowed('https://a.example')).resolves.toBe(false)
  })

  it('only a literal true allows', async () => {
    const isAllowed = createAsyncOriginMatcher((async () => 'yes') as unknown as () => Promise<boolean>)
    await expect(isAllowed('https://a.example')).resolves.toBe(false)
  })

  it('never calls predicates with invalid origins or null', async () => {
    const seen: string[] = []
    const isAllowed = createAsyncOriginMatcher(async (origin) => { seen.push(origin); return true })
    for (const hostile of ['null', 'https://A.example', 'https://a.example/path', 'x'.repeat(1 << 20)]) {
      await expect(isAllowed(hostile)).resolves.toBe(false)
    }
    expect(seen).toEqual([])
  })

  it('validates patterns like the synchronous matcher', () => {
    expect(() => createAsyncOriginMatcher(['https://app.example.com/'])).toThrow(/browsers send "https:\/\/app\.example\.com"/)
    expect(() => createAsyncOriginMatcher('*', { credentials: true })).toThrow(/with credentials/)
  })
})
