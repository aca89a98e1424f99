/**
 * Type tests of the gateway responses API: settings are checked, values are
 * API Gateway mapping values, and a RestApi-like object is accepted without
 * aws-cdk-lib.
 */
import { describe, expectTypeOf, it } from 'vitest'
import { addGatewayResponses, gatewayResponses, type CdkGatewayResponseOptions, type CdkRestApiLike, type GatewayHeaderValue, type GatewayResponseSet, type GatewayResponseType } from '../../src/gateway/index.js'

describe('gateway response types', () => {
  it('settings name the two choices and the known response types only', () => {
    expectTypeOf(gatewayResponses).parameter(1).toEqualTypeOf<{ readonly gatewayOrigin?: 'reflect' | 'omit'; readonly types?: readonly GatewayResponseType[] } | undefined>()
    // @ts-expect-error 'mirror' is not a choice
    gatewayResponses({ origins: ['https://a.example'] }, { gatewayOrigin: 'mirror' })
    // @ts-expect-error not a gateway response type
    gatewayResponses({ origins: ['https://a.example'] }, { types: ['DEFAULT_6XX'] })
    expectTypeOf(gatewayResponses({ origins: '*' })).toEqualTypeOf<GatewayResponseSet>()
  })

  it("header values are quoted literals or the request's Origin", () => {
    expectTypeOf<"'https://a.example'">().toMatchTypeOf<GatewayHeaderValue>()
    expectTypeOf<'method.request.header.origin'>().toMatchTypeOf<GatewayHeaderValue>()
    expectTypeOf<'https://a.example'>().not.toMatchTypeOf<GatewayHeaderValue>()
  })

  it('addGatewayResponses takes anything with addGatewayResponse(id, options), as aws-cdk-lib RestApi has', () => {
    const api = { addGatewayResponse: (_id: string, options: { type: { responseType: string }; responseHeaders?: Record<string, string> }) => options }
    expectTypeOf(api).toMatchTypeOf<CdkRestApiLike>()
    addGatewayResponses(api, gatewayResponses({ origins: '*' }))
    expectTypeOf<CdkGatewayResponseOptions['type']['responseType']>().toEqualTypeOf<GatewayResponseType>()
  })
})
