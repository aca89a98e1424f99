import middy from '@middy/core'
import httpErrorHandler from '@middy/http-error-handler'
import { cors, preflightHandler } from '../../src/index.js'
import type { LambdaFunction, Mount } from '../gateway/api-front.js'
import type { GatewayEvent } from './event-access.js'
import type { CorsOptions } from '../../src/index.js'
import type { PolicyName } from './policies.js'
import { demoPolicies, policyNames } from './policies.js'
import type { RouteResult } from './routes.js'
import { businessRouter } from './routes.js'

/** How requests reach the Lambda: the three integrations the library supports. */
export const flavors = {
  rest: 'REST API, payload 1.0; the cors middleware answers preflights',
  http: 'HTTP API, payload 2.0; the cors middleware answers preflights',
  split: 'REST API, payload 1.0; OPTIONS go to the standalone preflightHandler',
} as const

export type Flavor = keyof typeof flavors
export const flavorNames = Object.keys(flavors) as Flavor[]

/** The one Lambda behind `ANY /{proxy+}`: business routes wrapped in cors and http-error-handler. */
function apiFunction(policy: CorsOptions): LambdaFunction {
  return middy<GatewayEvent, RouteResult>(businessRouter)
    .use(cors(policy))
    .use(httpErrorHandler({ logger: false, fallbackMessage: 'Internal Server Error' }))
}

/** `/${flavor}/${policy}` for every flavor and policy, e.g. `/split/credentials`, for pages on `pagePort`. */
export function demoMounts(pagePort: number): Mount[] {
  const policies = demoPolicies(pagePort)
  return flavorNames.flatMap((flavor) =>
    policyNames.map((policy: PolicyName): Mount => {
      const mount: Mount = {
        prefix: `/${flavor}/${policy}`,
        format: flavor === 'http' ? 'http-v2' : 'rest-v1',
        stage: flavor === 'http' ? '$default' : 'prod',
        functionName: `demo-${flavor}-${policy}`,
        handler: apiFunction(policies[policy]),
      }
      if (flavor === 'split') mount.optionsHandler = preflightHandler(policies[policy])
      return mount
    }),
  )
}
