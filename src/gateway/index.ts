/**
 * lambda-cors/gateway: API Gateway settings generated from the same policy
 * as the function: gateway responses that keep errors the function never
 * sees readable by the browser, rendered for CloudFormation, SAM, the
 * Serverless Framework and the AWS CDK.
 *
 * An entry point of its own, so that a Lambda handler importing
 * `lambda-cors` never loads it.
 */
export {
  gatewayResponses,
  REFLECTED_ORIGIN,
  type GatewayHeaderValue,
  type GatewayOriginChoice,
  type GatewayOriginSource,
  type GatewayResponse,
  type GatewayResponseSet,
  type GatewayResponseSettings,
} from './responses.js'
export {
  ALL_GATEWAY_RESPONSE_TYPES,
  DEFAULT_GATEWAY_RESPONSE_TYPES,
  type GatewayResponseType,
} from './response-types.js'
export { renderCloudFormation } from './cloudformation.js'
export { renderSam } from './sam.js'
export { renderServerless, SERVERLESS_REST_API } from './serverless.js'
export {
  addGatewayResponses,
  cdkGatewayResponses,
  renderCdk,
  type CdkGatewayResponse,
  type CdkGatewayResponseOptions,
  type CdkRestApiLike,
} from './cdk.js'
export { GATEWAY_FORMATS, type GatewayFormat } from './formats.js'
