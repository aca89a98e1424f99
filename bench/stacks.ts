import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import type httpCorsMiddleware from '@middy/http-cors'
import type { Options as HttpCorsOptions } from '@middy/http-cors'
import httpErrorHandler from '@middy/http-error-handler'
import type { MiddlewareObj } from '@middy/core'
import type { CorsOptions } from '../src/index.js'
import type { limitMiddleware } from './contenders/limit.js'
import type { noopMiddleware } from './contenders/noop.js'
import { businessHandler } from './fixtures/business.js'
import { importIsolated, loadIsolatedMiddy, type MiddyMajor } from './harness/isolated-middy.js'
import { shippedLambdaCorsUrl, type LambdaCors } from './harness/shipped-build.js'

/**
 * The stacks the cases compare: no middleware, a no-op middleware with the
 * same hooks (the floor), lambda-cors, the incumbent, and the hand-written
 * limit for the benchmark's policy.
 */
export type Contender = 'bare' | 'no-op' | 'lambda-cors' | 'lambda-cors copy' | 'http-cors' | 'limit'
/** The stacks the scaling and hostile cases compare. */
export const contenders: readonly Contender[] = ['bare', 'lambda-cors', 'http-cors']
/**
 * The stacks of the per-request logic cost. *lambda-cors copy* is a control:
 * a second, separately built lambda-cors stack timed like the others, whose
 * ratio to the first shows how far two measurements of the same code drift
 * apart in the same run.
 */
export const overheadContenders: readonly Contender[] = ['bare', 'no-op', 'lambda-cors', 'lambda-cors copy', 'http-cors', 'limit']
export type CorsContender = 'lambda-cors' | 'http-cors'

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

export interface StackPolicies {
  lambdaCors: CorsOptions
  httpCors: HttpCorsOptions
}

/**
 * middy(business).use(<middleware>).use(httpErrorHandler()), with a private
 * middy instance and a private instance of the middleware's module per stack. Every stack, bare included, carries
 * http-error-handler, so that differences between stacks are the CORS
 * middleware alone. Its logger is off: console.error on every thrown 404
 * would dwarf what is being measured.
 */
export async function buildStack(contender: Contender, policies: StackPolicies, instance: string, major: MiddyMajor = 6): Promise<HttpHandler> {
  const middy = await loadIsolatedMiddy(`${contender}/${instance}`, major)
  const errors = httpErrorHandler({ logger: false })
  const stack = middy(businessHandler)
  const middleware = await isolatedMiddleware(contender, policies, `${contender}/${instance}`)
  if (middleware !== undefined) stack.use(middleware)
  stack.use(errors)
  // Returned as is (no wrapper) so no extra promise turn is timed.
  const handler: HttpHandler = stack
  return handler
}

type Middleware = MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>

const contenderUrls = {
  noop: new URL('./contenders/noop.ts', import.meta.url).href,
  limit: new URL('./contenders/limit.ts', import.meta.url).href,
  httpCors: import.meta.resolve('@middy/http-cors'),
}

/**
 * The contender's middleware, from its own instance of its module
 * (lambda-cors's shipped build, @middy/http-cors, the limit, the no-op):
 * like middy's copy, so that its code sees only this stack's requests.
 */
export async function isolatedMiddleware(contender: Contender, policies: StackPolicies, instance: string): Promise<Middleware | undefined> {
  switch (contender) {
    case 'bare':
      return undefined
    case 'no-op':
      return (await importIsolated<{ noopMiddleware: typeof noopMiddleware }>(contenderUrls.noop, instance)).noopMiddleware() as Middleware
    case 'lambda-cors':
    case 'lambda-cors copy':
      return (await importIsolated<LambdaCors>(await shippedLambdaCorsUrl(), instance)).cors(policies.lambdaCors) as Middleware
    case 'http-cors':
      return (await importIsolated<{ default: typeof httpCorsMiddleware }>(contenderUrls.httpCors, instance)).default(policies.httpCors) as Middleware
    case 'limit':
      return (await importIsolated<{ limitMiddleware: typeof limitMiddleware }>(contenderUrls.limit, instance)).limitMiddleware() as Middleware
  }
}
