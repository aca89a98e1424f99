/**
 * The per-origin answer memo of the middleware (src/lambda/origin-memo.ts):
 * bounded, never grown past its bound by a stream of distinct origins, and
 * never handing one request's answer to another, including when origin
 * predicates answer asynchronously and requests interleave.
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cors, createOriginMatcher, type CorsOptions } from '../src/index.js'
import { ORIGIN_MEMO_CAPACITY, OriginMemo, frozenHeaderSet } from '../src/lambda/origin-memo.js'
import { MAX_ORIGIN_LENGTH } from '../src/origin/serialized-origin.js'
import { header, lambdaContext, restEvent } from './support/events.js'

const runs = Number(process.env.FC_RUNS ?? 100)

function wrap(options: CorsOptions<APIGatewayProxyEvent>) {
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' }))
    .use(cors(options))
    .use(httpErrorHandler({ logger: false }))
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the origin memo', () => {
  it('never holds more than its capacity, however many distinct origins arrive', () => {
    const memo = new OriginMemo(8)
    const entry = { verdict: { kind: 'absent' as const }, actual: { headers: {}, vary: 'Origin' }, preflight: undefined }
    for (let i = 0; i < 1000; i++) {
      memo.remember(`https://tenant${i}.example.com`, entry)
      expect(memo.size).toBeLessThanOrEqual(8)
    }
    // The latest origin is still answered from the memo.
    expect(memo.get('https://tenant999.example.com')).toBe(entry)
  })

  it('does not store values longer than any serialized origin', () => {
    const memo = new OriginMemo(8)
    const entry = { verdict: { kind: 'absent' as const }, actual: { headers: {}, vary: 'Origin' }, preflight: undefined }
    memo.remember(`https://${'a'.repeat(10_000)}.example.com`, entry)
    expect(memo.size).toBe(0)
  })

  it('remembers the longest origins a browser can send: exactly MAX_ORIGIN_LENGTH characters', () => {
    // The bound keeps out only what is no origin at all; a tenant with a
    // long host name is still answered from the memo.
    const memo = new OriginMemo(8)
    const entry = { verdict: { kind: 'absent' as const }, actual: { headers: {}, vary: 'Origin' }, preflight: undefined }
    const longest = `https://${'a'.repeat(MAX_ORIGIN_LENGTH - 'https://.example.com'.length)}.example.com`
    expect(longest).toHaveLength(MAX_ORIGIN_LENGTH)
    memo.remember(longest, entry)
    expect(memo.get(longest)).toBe(entry)
  })

  it('holds every origin up to its capacity, and is emptied only when full', () => {
    // A memo that forgot before it was full would answer every origin from
    // the rules again: the set of origins an API really sees must stay.
    const memo = new OriginMemo(8)
    const entry = { verdict: { kind: 'absent' as const }, actual: { headers: {}, vary: 'Origin' }, preflight: undefined }
    const origins = Array.from({ length: 8 }, (_, i) => `https://tenant${i}.example.com`)
    for (const origin of origins) memo.remember(origin, entry)
    expect(memo.size).toBe(8)
    for (const origin of origins) expect(memo.get(origin)).toBe(entry)
    memo.remember('https://ninth.example.com', entry)
    expect(memo.size).toBe(1)
    expect(memo.get('https://tenant0.example.com')).toBeUndefined()
  })
})

describe('frozenHeaderSet', () => {
  // The memo hands the same header set to every request from an origin:
  // nothing that reads it may change what the next request gets.
  it('freezes a set and its headers, as a copy that leaves the given set as it was', () => {
    const set = { headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' }, vary: 'Origin' }
    const frozen = frozenHeaderSet(set)
    expect(frozen).toEqual(set)
    expect(Object.isFrozen(frozen)).toBe(true)
    expect(Object.isFrozen(frozen.headers)).toBe(true)
    expect(Object.isFrozen(set.headers)).toBe(false)
  })

  it('freezes the headers of a set that is frozen only on the outside', () => {
    const set = Object.freeze({ headers: { 'Access-Control-Allow-Origin': '*' }, vary: undefined })
    const frozen = frozenHeaderSet(set)
    expect(frozen).toEqual(set)
    expect(Object.isFrozen(frozen.headers)).toBe(true)
  })

  it('shares a set already frozen throughout (the policy\'s constant sets) instead of copying it', () => {
    const set = Object.freeze({ headers: Object.freeze({ 'Access-Control-Allow-Origin': '*' }), vary: undefined })
    expect(frozenHeaderSet(set)).toBe(set)
  })

  it('keeps every answer right past its capacity: a stream of distinct allowed and refused origins (more than the capacity)', async () => {
    const patterns = ['https://app.example.com', 'https://*.example.com', 'http://localhost:*']
    const handler = wrap({ origins: patterns, credentials: true })
    const reference = createOriginMatcher(patterns, { credentials: true })
    const origins: string[] = []
    for (let i = 0; i < ORIGIN_MEMO_CAPACITY * 3; i++) {
      origins.push(i % 3 === 0 ? `https://t${i}.example.com` : i % 3 === 1 ? `https://t${i}.example.net` : `http://localhost:${1000 + i}`)
    }
    // Twice through: the second pass finds some origins remembered and others forgotten.
    for (const origin of [...origins, ...origins]) {
      const response = await handler(restEvent('GET', { Origin: origin }), lambdaContext())
      expect(header(response, 'Access-Control-Allow-Origin')).toBe(reference(origin) ? origin : undefined)
    }
  })
})

describe('answers are never shared between requests', () => {
  it('an async predicate that decides from the event: interleaved requests from one origin each get their own answer', async () => {
    const origin = 'https://partner.example.org'
    const handler = wrap({
      origins: [
        'https://app.example.com',
        async (_origin: string, event: APIGatewayProxyEvent | undefined) => {
          // Answer out of order: later requests may settle first.
          await sleep(Number(event?.headers?.['X-Delay'] ?? 0))
          return event?.path === '/allowed'
        },
      ],
      credentials: true,
    })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 12 }), async (requests) => {
        const responses = await Promise.all(
          requests.map(([allowed, delay]) =>
            handler(restEvent('GET', { Origin: origin, 'X-Delay': String(delay) }, allowed ? '/allowed' : '/refused'), lambdaContext()),
          ),
        )
        responses.forEach((response, i) => {
          expect(header(response, 'Access-Control-Allow-Origin')).toBe(requests[i]![0] ? origin : undefined)
        })
      }),
      { seed: 20261130, numRuns: Math.min(runs, 40) },
    )
  })

  it('preflights and actual requests interleaved with a predicate-judged origin and memoised static ones', async () => {
    const decided = 'https://partner.example.org'
    const handler = wrap({
      origins: ['https://app.example.com', 'https://*.example.com', async (_origin: string, event: APIGatewayProxyEvent | undefined) => {
        await sleep(1)
        return event?.path === '/allowed'
      }],
      credentials: true,
    })
    const cases = [
      { event: restEvent('OPTIONS', { Origin: decided, 'Access-Control-Request-Method': 'PUT' }, '/allowed'), allowOrigin: decided },
      { event: restEvent('OPTIONS', { Origin: decided, 'Access-Control-Request-Method': 'PUT' }, '/refused'), allowOrigin: undefined },
      { event: restEvent('GET', { Origin: decided }, '/allowed'), allowOrigin: decided },
      { event: restEvent('GET', { Origin: decided }, '/refused'), allowOrigin: undefined },
      { event: restEvent('GET', { Origin: 'https://app.example.com' }, '/refused'), allowOrigin: 'https://app.example.com' },
      { event: restEvent('OPTIONS', { Origin: 'https://api.example.com', 'Access-Control-Request-Method': 'PUT' }, '/refused'), allowOrigin: 'https://api.example.com' },
      { event: restEvent('GET', { Origin: 'https://evil.example.net' }, '/refused'), allowOrigin: undefined },
      { event: restEvent('GET', { Origin: 'https://evil.example.net' }, '/allowed'), allowOrigin: 'https://evil.example.net' },
    ]
    for (let round = 0; round < 5; round++) {
      // A different interleaving each round: rotated, and reversed every other round.
      const rotated = cases.map((_, i) => (i + round) % cases.length)
      const order = round % 2 === 0 ? rotated : rotated.reverse()
      const responses = await Promise.all(order.map((i) => handler(cases[i]!.event, lambdaContext())))
      responses.forEach((response, k) => expect(header(response, 'Access-Control-Allow-Origin')).toBe(cases[order[k]!]!.allowOrigin))
    }
  })

  it('a response object is never shared: two requests from one origin get distinct header maps', async () => {
    const handler = wrap({ origins: ['https://app.example.com'], credentials: true })
    const first = await handler(restEvent('GET', { Origin: 'https://app.example.com' }), lambdaContext())
    const second = await handler(restEvent('GET', { Origin: 'https://app.example.com' }), lambdaContext())
    expect(first.headers).not.toBe(second.headers)
    first.headers!['X-Changed'] = 'yes'
    expect(second.headers!['X-Changed']).toBeUndefined()
    const third = await handler(restEvent('OPTIONS', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT' }), lambdaContext())
    const fourth = await handler(restEvent('OPTIONS', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT' }), lambdaContext())
    expect(third.headers).not.toBe(fourth.headers)
    expect(Object.isFrozen(third.headers)).toBe(false)
  })
})
