import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import httpCors, { type Options as HttpCorsOptions } from '@middy/http-cors'
import httpErrorHandler from '@middy/http-error-handler'
import type { MiddlewareObj } from '@middy/core'
import type { CorsOptions } from '../src/index.js'
import { limitMiddleware } from './contenders/limit.js'
import { noopMiddleware } from './contenders/noop.js'
import { businessHandler } from './fixtures/business.js'
import { loadIsolatedMiddy, type MiddyMajor } from './harness/isolated-middy.js'
import { shippedLambdaCors, type LambdaCors } from './harness/shipped-build.js'

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
 * middy instance per stack. Every stack, bare included, carries
 * http-error-handler, so that differences between stacks are the CORS
 * middleware alone. Its logger is off: console.error on every thrown 404
 * would dwarf what is being measured.
 */
export async function buildStack(contender: Contender, policies: StackPolicies, instance: string, major: MiddyMajor = 6): Promise<HttpHandler> {
  const middy = await loadIsolatedMiddy(`${contender}/${instance}`, major)
  const errors = httpErrorHandler({ logger: false })
  const stack = middy(businessHandler)
  const middleware = corsMiddleware(contender, policies, await shippedLambdaCors())
  if (middleware !== undefined) stack.use(middleware)
  stack.use(errors)
  // Returned as is (no wrapper) so no extra promise turn is timed.
  const handler: HttpHandler = stack
  return handler
}

function corsMiddleware(contender: Contender, policies: StackPolicies, lambdaCors: LambdaCors): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> | undefined {
  switch (contender) {
    case 'bare':
      return undefined
    case 'no-op':
      return noopMiddleware() as MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>
    case 'lambda-cors':
    case 'lambda-cors copy':
      return lambdaCors.cors(policies.lambdaCors) as MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>
    case 'http-cors':
      return httpCors(policies.httpCors) as MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>
    case 'limit':
      return limitMiddleware() as MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult>
  }
}
