import middy from '@middy/core'
import { cors } from '../../../src/index.js'
import { glob } from '../../../src/glob.js'
import { okHandler } from '../../fixtures/ok-handler.js'
import { lambdaCorsPolicy } from '../../fixtures/policy.js'

/** The lambda-cors deployable with one glob (a brace list, expanded by micromatch) added to the allowlist. */
export const createHandler = () =>
  middy(okHandler).use(cors({ ...lambdaCorsPolicy, origins: [...(lambdaCorsPolicy.origins as string[]), glob('https://{www,shop}.example.net')] }))
