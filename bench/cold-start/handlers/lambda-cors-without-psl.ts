import middy from '@middy/core'
import { cors } from '../../../src/index.js'
import { okHandler } from '../../fixtures/ok-handler.js'
import { lambdaCorsPolicy } from '../../fixtures/policy.js'

/**
 * The lambda-cors handler again, built against a copy of the package whose
 * Public Suffix List is empty (bench/cold-start/consumer.ts): a reference
 * row showing what the list costs, never a deployable to ship.
 */
export const createHandler = () => middy(okHandler).use(cors(lambdaCorsPolicy))
