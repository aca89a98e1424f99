import middy from '@middy/core'
import { cors } from '../../../src/index.js'
import { okHandler } from '../../fixtures/ok-handler.js'
import { lambdaCorsPolicy } from '../../fixtures/policy.js'

/** A small deployable using lambda-cors (bundled from src/ by the benchmark). */
export const createHandler = () => middy(okHandler).use(cors(lambdaCorsPolicy))
