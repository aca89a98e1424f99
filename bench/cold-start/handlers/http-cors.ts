import middy from '@middy/core'
import httpCors from '@middy/http-cors'
import { okHandler } from '../../fixtures/ok-handler.js'
import { httpCorsPolicy } from '../../fixtures/policy.js'

/** The same deployable using @middy/http-cors. */
export const createHandler = () => middy(okHandler).use(httpCors(httpCorsPolicy))
