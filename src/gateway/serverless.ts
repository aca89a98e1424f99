/**
 * Gateway responses for the Serverless Framework: a `resources:` block
 * whose resources belong to `ApiGatewayRestApi`, the logical id the
 * framework gives the REST API of `http` events.
 */
import { gatewayResponseResources } from './cloudformation.js'
import { comment, headerNote } from './notes.js'
import type { GatewayResponseSet } from './responses.js'
import { yamlMapping } from './yaml-text.js'

/** The logical id of the REST API the Serverless Framework creates for `http` events. */
export const SERVERLESS_REST_API = 'ApiGatewayRestApi'

/** The `resources:` block of serverless.yml (merge it with resources you already have). */
export function renderServerless(set: GatewayResponseSet): string {
  return comment(headerNote(set, 'Serverless Framework'), '#')
    + yamlMapping({ resources: { Resources: gatewayResponseResources(set, { Ref: SERVERLESS_REST_API }) } })
}
