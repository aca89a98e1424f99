/**
 * The output formats of the `gateway` command, by name. Each is a leaf
 * module; adding one is adding a file and a line here.
 */
import { renderCdk } from './cdk.js'
import { renderCloudFormation } from './cloudformation.js'
import type { GatewayResponseSet } from './responses.js'
import { renderSam } from './sam.js'
import { renderServerless } from './serverless.js'

/** A format's name on the command line. */
export type GatewayFormat = 'cloudformation' | 'sam' | 'serverless' | 'cdk'

/** Each format's renderer. */
export const GATEWAY_FORMATS: Readonly<Record<GatewayFormat, (set: GatewayResponseSet) => string>> = Object.freeze({
  cloudformation: renderCloudFormation,
  sam: renderSam,
  serverless: renderServerless,
  cdk: renderCdk,
})

/** Whether `name` is a format. */
export function isGatewayFormat(name: string): name is GatewayFormat {
  return Object.hasOwn(GATEWAY_FORMATS, name)
}
