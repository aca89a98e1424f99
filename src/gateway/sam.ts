/**
 * Gateway responses for AWS SAM: the `GatewayResponses` property of an
 * `AWS::Serverless::Api` (or of `Globals.Api`), which SAM turns into one
 * `AWS::ApiGateway::GatewayResponse` per type. For a REST API defined
 * outside SAM, the CloudFormation format applies unchanged.
 */
import { comment, headerNote } from './notes.js'
import type { GatewayResponseSet } from './responses.js'
import { yamlMapping, type YamlNode } from './yaml-text.js'

/** The `GatewayResponses` value: type to `ResponseParameters.Headers`. */
export function samGatewayResponses(set: GatewayResponseSet): Record<string, YamlNode> {
  return Object.fromEntries(set.responses.map((response) => [response.type, { ResponseParameters: { Headers: { ...response.headers } } }]))
}

/** The `GatewayResponses:` block, indented as under an `AWS::Serverless::Api`'s `Properties`. */
export function renderSam(set: GatewayResponseSet): string {
  return comment([...headerNote(set, 'AWS SAM'), '', 'Paste under the Properties of your AWS::Serverless::Api (or under Globals.Api):'], '#')
    + yamlMapping({ GatewayResponses: samGatewayResponses(set) })
}
