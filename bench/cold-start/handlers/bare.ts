import middy from '@middy/core'
import { okHandler } from '../../fixtures/ok-handler.js'

/** The baseline deployable: middy around the business handler, no CORS. */
export const createHandler = () => middy(okHandler)
