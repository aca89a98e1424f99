/**
 * Whole-middleware properties: generated events of every shape (REST 1.0,
 * HTTP API 2.0, Function URL, ALB single and multi-value, VPC Lattice v1 and
 * v2), malformed and non-HTTP events, odd header maps and odd results, run
 * through real middy 4, 5, 6 and 7 and through `preflightHandler`.
 *
 * Invariants, whatever the input:
 * - the invocation never fails, except with the handler's own error, the
 *   same object;
 * - the event and the handler's result are never mutated;
 * - a non-HTTP event's result, a stream, a Buffer and any other non-JSON
 *   result come back as the same value; a streamed body is never read;
 * - each CORS header appears at most once across both maps, and every CORS
 *   header and Vary sit in the map the integration reads;
 * - Access-Control-Allow-Origin is absent, `*` under a static policy, or one
 *   of the request's Origin values that the policy allows;
 * - Vary holds no part twice and keeps every part the handler set.
 */
import middy4 from 'middy4'
import middy5 from 'middy5'
import middy6 from '@middy/core'
import middy7 from 'middy7'
import fc from 'fast-check'
import { Readable } from 'node:stream'
import { ReadableStream } from 'node:stream/web'
import { describe, expect, it } from 'vitest'
import { cors, preflightHandler, type CorsOptions } from '../src/index.js'
import { fixture, lambdaContext } from './support/events.js'
import { propertyRuns, propertyTimeout } from './support/property-runs.js'

type Fields = Record<string, unknown>

// ---------------------------------------------------------------- policies

const APP = 'https://app.example.com'
const ALLOWED_LIST = [APP, 'https://*.example.com', 'http://localhost:*']
/** A superset of what ALLOWED_LIST allows: enough to tell a leak. */
const ALLOWED_ORACLE = /^(https:\/\/([a-z0-9-]+\.)+example\.com|http:\/\/localhost(:\d+)?)$/

interface PolicyCase { name: string; make: () => CorsOptions; anyOrigin: boolean }
const policies: PolicyCase[] = [
  { name: 'list with credentials', make: () => ({ origins: ALLOWED_LIST, credentials: true, exposedHeaders: ['X-Request-Id'] }), anyOrigin: false },
  { name: 'static *', make: () => ({ origins: '*', exposedHeaders: ['X-Request-Id'] }), anyOrigin: true },
  { name: 'list with a throwing logger', make: () => ({ origins: ALLOWED_LIST, logger: () => { throw new Error('logger') } }), anyOrigin: false },
  { name: 'list with a rejecting async logger', make: () => ({ origins: ALLOWED_LIST, logger: async () => { throw new Error('logger') } }), anyOrigin: false },
  { name: 'list with preflightContinue and privateNetwork', make: () => ({ origins: ALLOWED_LIST, preflightContinue: true, privateNetwork: true }), anyOrigin: false },
  { name: 'async predicate', make: () => ({ origins: [APP, async (origin: string) => origin.endsWith('.example.com') && origin.startsWith('https://')] }), anyOrigin: false },
]

// ------------------------------------------------------------ header maps

const originValue = fc.constantFrom(
  APP, 'https://api.example.com', 'http://localhost:5173', 'https://evil.test', 'https://app.example.com.evil.net',
  'null', '', ' ', 'not an origin', 'https://APP.example.com', 'https://app.example.com/', `https://${'a'.repeat(70_000)}.example.com`,
)
const methodValue = fc.constantFrom('GET', 'PUT', 'DELETE', 'get', '', '  ', 'PUT\r\nX: y', 'OPTIONS')
const headersValue = fc.constantFrom('content-type', 'x-debug, authorization', ',,,', 'Content-Type , X-Amz-Date', 'a'.repeat(10_000))

/** A value no code path can turn into a string. */
function unprintable(): object {
  const value = Object.create(null) as Fields
  Object.defineProperty(value, Symbol.toPrimitive, { value: () => { throw new Error('no primitive') } })
  return value
}

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(true),
  fc.constant('x'.repeat(70_000)),
  fc.constant(0).map(() => unprintable()),
  fc.string({ maxLength: 12 }),
)

const headerName = fc.constantFrom(
  'Origin', 'origin', 'ORIGIN',
  'Access-Control-Request-Method', 'access-control-request-method',
  'Access-Control-Request-Headers', 'access-control-request-headers',
  'Access-Control-Request-Private-Network', 'access-control-request-private-network',
  '__proto__', 'constructor', 'toString', 'host', 'x-forwarded-for', 'Vary',
)

function valueFor(name: string): fc.Arbitrary<unknown> {
  const lower = name.toLowerCase()
  const typical = lower === 'origin' ? originValue
    : lower === 'access-control-request-method' ? methodValue
      : lower === 'access-control-request-headers' ? headersValue
        : lower === 'access-control-request-private-network' ? fc.constantFrom('true', 'TRUE', 'false', '')
          : fc.string({ maxLength: 12 })
  return fc.oneof(
    { weight: 6, arbitrary: typical },
    { weight: 3, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: typical }, { weight: 1, arbitrary: oddValue }), { maxLength: 4 }) },
    { weight: 1, arbitrary: oddValue },
  )
}

const headerEntry: fc.Arbitrary<[string, unknown]> = fc.oneof(
  { weight: 5, arbitrary: headerName.chain((name) => valueFor(name).map((value): [string, unknown] => [name, value])) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), oddValue) },
)

interface MapRecipe { entries: [string, unknown][]; nullPrototype: boolean; frozen: boolean }
const mapRecipe: fc.Arbitrary<MapRecipe> = fc.record({
  entries: fc.array(headerEntry, { maxLength: 6 }),
  nullPrototype: fc.boolean(),
  frozen: fc.boolean(),
})

/** Builds a header map with define semantics, so `__proto__` is an own header, as JSON.parse makes it. */
function buildMap(recipe: MapRecipe): Fields {
  const map: Fields = recipe.nullPrototype ? (Object.create(null) as Fields) : {}
  for (const [name, value] of recipe.entries) {
    Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true })
  }
  return recipe.frozen ? Object.freeze(map) : map
}

// ----------------------------------------------------------------- events

type Shape = 'rest' | 'http-api' | 'function-url' | 'alb' | 'alb-multi-value' | 'lattice-v1' | 'lattice-v2'
const SHAPES: readonly Shape[] = ['rest', 'http-api', 'function-url', 'alb', 'alb-multi-value', 'lattice-v1', 'lattice-v2']
const FIXTURES: Record<Shape, string> = {
  rest: 'api-gateway-rest', 'http-api': 'http-api-v2', 'function-url': 'function-url', alb: 'alb',
  'alb-multi-value': 'alb-multi-value', 'lattice-v1': 'vpc-lattice-v1', 'lattice-v2': 'vpc-lattice-v2',
}
const NON_HTTP = ['sqs', 's3', 'scheduled']

/** The map each integration reads response headers from. */
function readMap(shape: Shape): 'headers' | 'multiValueHeaders' {
  return shape === 'alb-multi-value' ? 'multiValueHeaders' : 'headers'
}

function setMethod(event: Fields, shape: Shape, method: unknown): void {
  if (shape === 'http-api' || shape === 'function-url') ((event.requestContext as Fields).http as Fields).method = method
  else if (shape === 'lattice-v1' || shape === 'lattice-v2') event.method = method
  else event.httpMethod = method
}

type Malformation = 'none' | 'no-request-context' | 'headers-null' | 'headers-string' | 'multi-on-any-shape'
interface EventRecipe {
  kind: 'http'
  shape: Shape
  method: unknown
  headers: MapRecipe | undefined
  multiValueHeaders: MapRecipe | undefined
  malformation: Malformation
  frozen: boolean
}
type AnyEventRecipe = EventRecipe | { kind: 'non-http'; name: string } | { kind: 'primitive'; value: unknown }

const httpEventRecipe: fc.Arbitrary<EventRecipe> = fc.record({
  kind: fc.constant('http' as const),
  shape: fc.constantFrom(...SHAPES),
  method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('OPTIONS', 'GET', 'POST', 'options', 'Options') }, { weight: 1, arbitrary: oddValue }),
  headers: fc.option(mapRecipe, { nil: undefined, freq: 6 }),
  multiValueHeaders: fc.option(mapRecipe, { nil: undefined, freq: 2 }),
  malformation: fc.constantFrom<Malformation>('none', 'none', 'none', 'none', 'no-request-context', 'headers-null', 'headers-string', 'multi-on-any-shape'),
  frozen: fc.boolean(),
})

const eventRecipe: fc.Arbitrary<AnyEventRecipe> = fc.oneof(
  { weight: 12, arbitrary: httpEventRecipe },
  { weight: 1, arbitrary: fc.constantFrom(...NON_HTTP).map((name) => ({ kind: 'non-http' as const, name })) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 'event', 42, []).map((value) => ({ kind: 'primitive' as const, value })) },
)

/** Freezes plain data deeply, never calling a getter. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && !STREAMISH(value)) {
    Object.freeze(value)
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key)
      if (descriptor !== undefined && 'value' in descriptor) deepFreeze(descriptor.value)
    }
  }
  return value
}

/**
 * The shape the event really has once malformed: an ALB event without
 * `requestContext` still has `httpMethod` (a REST event then), and an ALB
 * event with `multiValueHeaders` is in multi-value mode.
 */
function effectiveShape(recipe: EventRecipe, event: unknown): Shape | undefined {
  const fields = event as Fields
  const methodIsString = typeof recipe.method === 'string'
  const noContext = recipe.malformation === 'no-request-context'
  switch (recipe.shape) {
    case 'alb': case 'alb-multi-value': {
      if (noContext) return methodIsString ? 'rest' : undefined
      const multi = fields.multiValueHeaders
      return typeof multi === 'object' && multi !== null ? 'alb-multi-value' : 'alb'
    }
    case 'http-api': case 'function-url': return methodIsString && !noContext ? recipe.shape : undefined
    default: return methodIsString ? recipe.shape : undefined
  }
}

function buildEvent(recipe: AnyEventRecipe): unknown {
  if (recipe.kind === 'primitive') return recipe.value
  if (recipe.kind === 'non-http') return fixture(recipe.name)
  const event = fixture(FIXTURES[recipe.shape])
  setMethod(event, recipe.shape, recipe.method)
  const multiShape = recipe.shape === 'rest' || recipe.shape === 'alb-multi-value'
  if (recipe.headers !== undefined && recipe.shape !== 'alb-multi-value') event.headers = buildMap(recipe.headers)
  if (recipe.multiValueHeaders !== undefined && (multiShape || recipe.malformation === 'multi-on-any-shape')) event.multiValueHeaders = buildMap(recipe.multiValueHeaders)
  if (recipe.malformation === 'no-request-context') delete event.requestContext
  if (recipe.malformation === 'headers-null') event.headers = null
  if (recipe.malformation === 'headers-string') event.headers = 'Origin: https://app.example.com'
  return recipe.frozen ? deepFreeze(event) : event
}

/** Every string Origin value the event carries, in either map, in any case. */
function originsIn(event: unknown): string[] {
  const found: string[] = []
  if (typeof event !== 'object' || event === null) return found
  for (const key of ['headers', 'multiValueHeaders']) {
    const map = (event as Fields)[key]
    if (typeof map !== 'object' || map === null) continue
    for (const name of Object.keys(map)) {
      if (name.toLowerCase() !== 'origin') continue
      const value = (map as Fields)[name]
      for (const item of Array.isArray(value) ? value : [value]) if (typeof item === 'string') found.push(item)
    }
  }
  return found
}

// ---------------------------------------------------------------- results

type BodyKind = 'string' | 'readable' | 'web-stream' | 'buffer' | 'absent' | 'throwing-getter'
interface ResponseRecipe {
  kind: 'response'
  statusCode: unknown
  headers: MapRecipe | undefined | 'null' | 'array'
  multiValueHeaders: MapRecipe | undefined
  varyParts: string[] | undefined
  varyIn: 'headers' | 'multiValueHeaders'
  body: BodyKind
  cookies: boolean
  frozen: boolean
  protoField: boolean
  /**
   * How the result object is laid out: an object literal; a copy by spread
   * with fields set after it (as @middy/http-error-handler builds its
   * responses, a layout V8 reads slowly); or its statusCode and maps behind
   * enumerable getters.
   */
  layout: 'literal' | 'spread' | 'accessors'
}
type ResultRecipe =
  | ResponseRecipe
  | { kind: 'bare'; value: unknown }
  | { kind: 'readable' } | { kind: 'web-stream' } | { kind: 'buffer' } | { kind: 'uint8array' } | { kind: 'body-stream-object' }
  | { kind: 'throws' }

const varyPart = fc.constantFrom('Accept', 'accept', 'Origin', 'origin', 'Accept-Encoding', '*', 'Cookie')

const responseRecipe: fc.Arbitrary<ResponseRecipe> = fc.record({
  kind: fc.constant('response' as const),
  statusCode: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(200, 204, 404, 500) }, { weight: 1, arbitrary: fc.constantFrom<unknown>('200', null) }),
  headers: fc.oneof({ weight: 6, arbitrary: mapRecipe }, { weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<'null' | 'array'>('null', 'array') }),
  multiValueHeaders: fc.option(mapRecipe, { nil: undefined, freq: 3 }),
  varyParts: fc.option(fc.array(varyPart, { minLength: 1, maxLength: 4 }), { nil: undefined, freq: 2 }),
  varyIn: fc.constantFrom<'headers' | 'multiValueHeaders'>('headers', 'multiValueHeaders'),
  body: fc.constantFrom<BodyKind>('string', 'string', 'readable', 'web-stream', 'buffer', 'absent', 'throwing-getter'),
  cookies: fc.boolean(),
  frozen: fc.boolean(),
  protoField: fc.boolean(),
  layout: fc.constantFrom<ResponseRecipe['layout']>('literal', 'literal', 'spread', 'accessors'),
})

const resultRecipe: fc.Arbitrary<ResultRecipe> = fc.oneof(
  { weight: 10, arbitrary: responseRecipe },
  { weight: 3, arbitrary: fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.string({ maxLength: 10 }), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({ items: [1] }), fc.constant(true)).map((value) => ({ kind: 'bare' as const, value })) },
  { weight: 3, arbitrary: fc.constantFrom('readable', 'web-stream', 'buffer', 'uint8array', 'body-stream-object').map((kind) => ({ kind }) as ResultRecipe) },
  { weight: 2, arbitrary: fc.constant({ kind: 'throws' as const }) },
)

function makeBody(kind: BodyKind, target: Fields): void {
  switch (kind) {
    case 'string': target.body = 'payload'; break
    case 'readable': target.body = Readable.from(['payload']); break
    case 'web-stream': target.body = new ReadableStream({ start: (controller) => controller.close() }); break
    case 'buffer': target.body = Buffer.from('payload'); break
    case 'absent': break
    case 'throwing-getter': Object.defineProperty(target, 'body', { enumerable: true, configurable: true, get: () => { throw new Error('lazy body') } })
  }
}

function buildResponse(recipe: ResponseRecipe): Fields {
  const response: Fields = {}
  if (recipe.protoField) Object.defineProperty(response, '__proto__', { value: { statusCode: 1 }, writable: true, enumerable: true, configurable: true })
  if (recipe.statusCode !== undefined) response.statusCode = recipe.statusCode
  if (recipe.headers === 'null') response.headers = null
  else if (recipe.headers === 'array') response.headers = ['Vary', 'Origin']
  else if (recipe.headers !== undefined) response.headers = buildMap(recipe.headers)
  if (recipe.multiValueHeaders !== undefined) response.multiValueHeaders = buildMap(recipe.multiValueHeaders)
  if (recipe.varyParts !== undefined) {
    const key = recipe.varyIn
    const existing = response[key]
    const map: Fields = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? { ...existing } : {}
    for (const name of Object.keys(map)) if (name.toLowerCase() === 'vary') delete map[name]
    map.Vary = key === 'headers' ? recipe.varyParts.join(', ') : [recipe.varyParts.join(', ')]
    response[key] = map
  }
  if (recipe.cookies) response.cookies = ['session=1']
  const laidOut = layOut(response, recipe.layout)
  makeBody(recipe.body, laidOut)
  return recipe.frozen ? deepFreeze(laidOut) : laidOut
}

function layOut(response: Fields, layout: ResponseRecipe['layout']): Fields {
  if (layout === 'spread') {
    const copy: Fields = { ...response }
    if (Object.hasOwn(response, 'statusCode')) copy.statusCode = response.statusCode
    if (Object.hasOwn(response, 'headers')) copy.headers = response.headers
    return copy
  }
  if (layout === 'accessors') {
    for (const key of ['statusCode', 'headers', 'multiValueHeaders']) {
      if (!Object.hasOwn(response, key)) continue
      const value = response[key]
      Object.defineProperty(response, key, { enumerable: true, configurable: true, get: () => value })
    }
  }
  return response
}

class Failure extends Error {}

function buildResult(recipe: ResultRecipe): unknown {
  switch (recipe.kind) {
    case 'response': return buildResponse(recipe)
    case 'bare': return recipe.value
    case 'readable': return Readable.from(['payload'])
    case 'web-stream': return new ReadableStream({ start: (controller) => controller.close() })
    case 'buffer': return Buffer.from('payload')
    case 'uint8array': return new Uint8Array([1, 2])
    case 'body-stream-object': return { body: Readable.from(['payload']) }
    case 'throws': return new Failure('business failed')
  }
}

// ------------------------------------------------------------- snapshots

const STREAMISH = (value: object): boolean => value instanceof Readable || value instanceof ReadableStream || ArrayBuffer.isView(value)

/**
 * A structural picture of a value, taken without calling getters: own keys
 * (`__proto__` included), descriptors, prototype and frozen state. Streams
 * and binary data are compared by identity.
 */
function picture(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (STREAMISH(value)) return { identity: value }
  const keys: Record<string, unknown> = {}
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key)!
    keys[String(key)] = 'value' in descriptor
      ? { value: picture(descriptor.value), writable: descriptor.writable, enumerable: descriptor.enumerable }
      : { get: descriptor.get, set: descriptor.set, enumerable: descriptor.enumerable }
  }
  return { prototype: Object.getPrototypeOf(value), frozen: Object.isFrozen(value), extensible: Object.isExtensible(value), keys }
}

/** A Node stream or web stream that nothing has started to read. */
function untouchedStream(value: unknown): void {
  if (value instanceof Readable) {
    expect(value.readableDidRead).toBe(false)
    expect(value.listenerCount('data')).toBe(0)
  } else if (value instanceof ReadableStream) {
    expect(value.locked).toBe(false)
  }
}

// -------------------------------------------------------------- checking

const CORS_NAMES = [
  'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers',
  'access-control-allow-private-network', 'access-control-expose-headers', 'access-control-max-age',
]

/** Whether a handler result is an HTTP response the integration reads (where the headers must go). */
function isReadableResponse(response: unknown): response is Fields {
  return typeof response === 'object' && response !== null && !Array.isArray(response) && typeof (response as Fields).statusCode === 'number'
}

function checkHeaders(response: unknown, event: unknown, shape: Shape, policy: PolicyCase, handlerVary: string[] | undefined): void {
  if (!isReadableResponse(response)) return
  // A response whose header map is not an object is left as it is (the
  // integration cannot read it either): only the placement rule is waived.
  const isMapOrAbsent = (value: unknown) => value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value))
  const target = isMapOrAbsent(response.headers) && isMapOrAbsent(response.multiValueHeaders) ? readMap(shape) : undefined
  const counts = new Map<string, number>()
  const varyValues: string[] = []
  for (const key of ['headers', 'multiValueHeaders'] as const) {
    const map = response[key]
    if (typeof map !== 'object' || map === null || Array.isArray(map)) continue
    for (const name of Object.keys(map)) {
      const lower = name.toLowerCase()
      if (!CORS_NAMES.includes(lower) && lower !== 'vary') continue
      // Every CORS header and Vary sit where the integration reads them.
      if (target !== undefined) expect(key, `${name} in ${key}`).toBe(target)
      const value = (map as Fields)[name]
      const values = Array.isArray(value) ? value : [value]
      counts.set(lower, (counts.get(lower) ?? 0) + values.length)
      if (lower === 'vary') varyValues.push(...values.map(String))
      if (lower === 'access-control-allow-origin') {
        const allowOrigin = values[0]
        if (allowOrigin === '*') expect(policy.anyOrigin).toBe(true)
        else {
          expect(originsIn(event)).toContain(allowOrigin)
          expect(allowOrigin).toMatch(ALLOWED_ORACLE)
        }
      }
    }
  }
  for (const [name, count] of counts) expect(count, name).toBeLessThanOrEqual(1)
  if (varyValues.length === 1 && target !== undefined) {
    const parts = (varyValues[0] as string).split(',').map((part) => part.trim().toLowerCase())
    expect(new Set(parts).size, `Vary ${varyValues[0]}`).toBe(parts.length)
    if (!parts.includes('*')) for (const part of handlerVary ?? []) expect(parts).toContain(part.toLowerCase())
  }
}

type Invoke = (event: unknown, context: unknown) => Promise<unknown>
type Use = { use: (middleware: unknown) => Use } & Invoke
type Middy = (handler: (event: unknown) => Promise<unknown>) => Use
const MIDDIES: [string, Middy][] = [
  ['4', middy4 as unknown as Middy], ['5', middy5 as unknown as Middy], ['6', middy6 as unknown as Middy], ['7', middy7 as unknown as Middy],
]

/** Middlewares around cors(): none, an error handler used before it (runs after it in onError), or after it. */
type Around = 'alone' | 'error-handler-before' | 'error-handler-after'
const errorResponder = {
  onError: (request: { error: unknown; response: unknown }) => {
    if (request.error instanceof Failure) request.response = { statusCode: 500, headers: { 'content-type': 'text/plain' }, body: 'failed' }
  },
}

describe('whole middleware, generated inputs', () => {
  it.each(MIDDIES)('@middy/core %s: never throws (but the handler\'s own error), never mutates, headers where they are read', async (_, middy) => {
    await fc.assert(
      fc.asyncProperty(
        eventRecipe, resultRecipe, fc.constantFrom(...policies), fc.constantFrom<Around>('alone', 'alone', 'error-handler-before', 'error-handler-after'),
        async (eventPlan, resultPlan, policy, around) => {
          const event = buildEvent(eventPlan)
          const result = buildResult(resultPlan)
          const eventBefore = picture(event)
          const resultBefore = picture(result)
          const thrown = resultPlan.kind === 'throws' ? result : undefined
          let ran = false
          const business = async () => {
            ran = true
            if (thrown !== undefined) throw thrown
            return result
          }
          let chain = middy(business)
          if (around === 'error-handler-before') chain = chain.use(errorResponder)
          chain = chain.use(cors(policy.make()))
          if (around === 'error-handler-after') chain = chain.use(errorResponder)

          let response: unknown
          try {
            response = await chain(event, lambdaContext())
          } catch (error) {
            // Only the handler's own error may come out, the same object.
            expect(error).toBe(thrown)
            expect(around).toBe('alone')
            return
          }
          expect(picture(event)).toEqual(eventBefore)
          expect(picture(result)).toEqual(resultBefore)

          const shape = eventPlan.kind === 'http' ? effectiveShape(eventPlan, event) : undefined
          // Not an HTTP event: the result comes back as the same value.
          if (shape === undefined && thrown === undefined) expect(response).toBe(result)
          // Bodies that are not JSON data come back untouched (when the handler's result is the response).
          const handlerAnswered = ran && thrown === undefined
          if (handlerAnswered && (resultPlan.kind === 'readable' || resultPlan.kind === 'web-stream' || resultPlan.kind === 'buffer' || resultPlan.kind === 'uint8array' || resultPlan.kind === 'body-stream-object')) {
            expect(response).toBe(result)
          }
          if (handlerAnswered && resultPlan.kind === 'response' && (resultPlan.body === 'readable' || resultPlan.body === 'web-stream' || resultPlan.body === 'buffer')) {
            const body = Reflect.getOwnPropertyDescriptor(response as object, 'body')?.value
            const original = Reflect.getOwnPropertyDescriptor(result as object, 'body')?.value
            expect(body).toBe(original)
            untouchedStream(original)
          }
          if (shape !== undefined) {
            const handlerVary = ran && resultPlan.kind === 'response' && resultPlan.varyParts !== undefined ? resultPlan.varyParts : undefined
            checkHeaders(response, event, shape, policy, handlerVary)
          }
        },
      ),
      propertyRuns(150),
    )
  }, propertyTimeout(150))

  it('preflightHandler: always an HTTP response, never a throw, headers where they are read', async () => {
    await fc.assert(
      fc.asyncProperty(eventRecipe, fc.constantFrom(...policies), async (eventPlan, policy) => {
        const event = buildEvent(eventPlan)
        const before = picture(event)
        const response = await preflightHandler(policy.make())(event)
        expect(typeof response.statusCode).toBe('number')
        expect(typeof response.body).toBe('string')
        expect(picture(event)).toEqual(before)
        const shape = eventPlan.kind === 'http' ? effectiveShape(eventPlan, event) : undefined
        if (shape !== undefined) checkHeaders(response, event, shape, policy, undefined)
      }),
      propertyRuns(300),
    )
  }, propertyTimeout(300))
})
