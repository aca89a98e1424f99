/**
 * Type tests: the middleware plugs into typed middy handlers of every HTTP
 * event shape without casts, and predicates see the handler's event type.
 */
import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import type {
  ALBEvent,
  ALBResult,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyResult,
  APIGatewayProxyResultV2,
  Context,
  LambdaFunctionURLEvent,
  LambdaFunctionURLResult,
} from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import cors, {
  compilePolicy,
  CorsConfigError,
  createAsyncOriginMatcher,
  createOriginMatcher,
  preflightHandler,
  type CorsConfigProblem,
  type CorsOptions,
  type CorsPolicy,
  type CorsRefusal,
  type PreflightResult,
} from '../src/index.js'

const origins = ['https://app.example.com']

describe('cors() in typed middy stacks', () => {
  it('REST: middy<APIGatewayProxyEvent, APIGatewayProxyResult>', () => {
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>()
      .use(cors({ origins }))
      .use(httpErrorHandler())
      .handler(async (event) => {
        expectTypeOf(event).toEqualTypeOf<APIGatewayProxyEvent>()
        return { statusCode: 200, body: '' }
      })
    expectTypeOf(handler).parameter(0).toEqualTypeOf<APIGatewayProxyEvent>()
  })

  it('HTTP API: middy<APIGatewayProxyEventV2>', () => {
    middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
      .use(cors({ origins }))
      .handler(async () => 'bare strings are fine on 2.0')
  })

  it('ALB and Function URL', () => {
    middy<ALBEvent, ALBResult>().use(cors({ origins })).handler(async () => ({ statusCode: 200, statusDescription: '200 OK' }))
    middy<LambdaFunctionURLEvent, LambdaFunctionURLResult>().use(cors({ origins })).handler(async () => ({ statusCode: 200 }))
  })

  it('middy(handler) form with the default export', () => {
    const business = async (_event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> => ({ statusCode: 200, body: '' })
    middy(business).use(cors({ origins, credentials: true })).use(httpErrorHandler())
  })

  it('predicates receive the event type given to cors()', () => {
    cors<APIGatewayProxyEvent>({
      origins: [async (origin, event) => {
        expectTypeOf(origin).toEqualTypeOf<string>()
        expectTypeOf(event).toEqualTypeOf<APIGatewayProxyEvent | undefined>()
        return event?.requestContext.stage === 'dev'
      }],
    })
  })
})

describe('options are checked', () => {
  it('requires origins and rejects misspelt options', () => {
    // @ts-expect-error origins is required
    expectTypeOf<{ credentials: true }>().toMatchTypeOf<CorsOptions>()
    // @ts-expect-error `origin` is not an option (it is `origins`)
    cors({ origin: 'https://app.example.com' })
    // @ts-expect-error methods is a list or '*'
    cors({ origins, methods: 'GET,POST' })
    // @ts-expect-error maxAge is a number
    cors({ origins, maxAge: '600' })
  })

  it('types the logger record', () => {
    cors({ origins, logger: (record) => expectTypeOf(record).toEqualTypeOf<CorsRefusal>() })
    expectTypeOf<CorsRefusal['reason']>().toEqualTypeOf<
      'origin-not-allowed' | 'origin-invalid' | 'origin-ambiguous' | 'method-not-allowed' | 'headers-not-allowed' | 'request-headers-too-long'
    >()
  })
})

describe('the other exports', () => {
  it('createOriginMatcher is synchronous, the async form returns a Promise', () => {
    expectTypeOf(createOriginMatcher(origins)).toEqualTypeOf<(origin: string) => boolean>()
    expectTypeOf(createAsyncOriginMatcher(origins)).returns.toEqualTypeOf<Promise<boolean>>()
    // @ts-expect-error async predicates need createAsyncOriginMatcher
    createOriginMatcher([async () => true])
  })

  it('compilePolicy, CorsConfigError and preflightHandler', () => {
    expectTypeOf(compilePolicy({ origins })).toEqualTypeOf<CorsPolicy>()
    expectTypeOf<CorsConfigError['problems']>().toEqualTypeOf<readonly CorsConfigProblem[]>()
    expectTypeOf(preflightHandler<APIGatewayProxyEvent>({ origins })).parameter(0).toEqualTypeOf<APIGatewayProxyEvent>()
    expectTypeOf(preflightHandler({ origins })).returns.toEqualTypeOf<Promise<PreflightResult>>()
  })
})
