/**
 * An origin refused by an async predicate is refused like any other: no CORS
 * headers, Vary: Origin, and a refusal record with its reason (found by
 * mutation testing: only the allowed case of an async predicate was checked).
 */
import middy from '@middy/core'
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { cors, type CorsRefusal } from '../../src/index.js'
import { corsHeaderNames, header, lambdaContext, restEvent } from '../support/events.js'

describe('an async predicate that says no', () => {
  it.each(['GET', 'OPTIONS'])('%s: refused, logged as origin-not-allowed', async (method) => {
    const records: CorsRefusal[] = []
    const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult>(async () => ({ statusCode: 200, body: 'ok' }))
      .use(cors({ origins: [async (origin: string) => origin === 'https://app.example.com'], logger: (record) => records.push(record) }))
    const response = await handler(restEvent(method, { Origin: 'https://evil.test', 'Access-Control-Request-Method': 'GET' }), lambdaContext())
    expect(corsHeaderNames(response)).toEqual([])
    expect(header(response, 'Vary')).toContain('Origin')
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ reason: 'origin-not-allowed', request: method === 'GET' ? 'actual' : 'preflight', origin: 'https://evil.test' })
  })
})
