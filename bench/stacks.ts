import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda'
import httpCors, { type Options as HttpCorsOptions } from '@middy/http-cors'
import httpErrorHandler from '@middy/http-error-handler'
import { cors, type CorsOptions } from '../src/index.js'
import { businessHandler } from './fixtures/business.js'
import { loadIsolatedMiddy } from './harness/isolated-middy.js'

/** The three stacks every case compares: no CORS, lambda-cors, the incumbent. */
export type Contender = 'bare' | 'lambda-cors' | 'http-cors'
export const contenders: readonly Contender[] = ['bare', 'lambda-cors', 'http-cors']
export type CorsContender = Exclude<Contender, 'bare'>

export type HttpHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>

export interface StackPolicies {
  lambdaCors: CorsOptions
  httpCors: HttpCorsOptions
}

/**
 * middy(business).use(<cors>).use(httpErrorHandler()), with a private middy
 * instance per stack. Every stack, bare included, carries http-error-handler,
 * so that (stack - bare) is the CORS middleware alone. Its logger is off:
 * console.error on every thrown 404 would dwarf what is being measured.
 */
export async function buildStack(contender: Contender, policies: StackPolicies, instance: string): Promise<HttpHandler> {
  const middy = await loadIsolatedMiddy(`${contender}/${instance}`)
  const errors = httpErrorHandler({ logger: false })
  const stack =
    contender === 'bare'
      ? middy(businessHandler).use(errors)
      : contender === 'lambda-cors'
        ? middy(businessHandler).use(cors(policies.lambdaCors)).use(errors)
        : middy(businessHandler).use(httpCors(policies.httpCors)).use(errors)
  // Returned as is (no wrapper) so no extra promise turn is timed.
  const handler: HttpHandler = stack
  return handler
}
