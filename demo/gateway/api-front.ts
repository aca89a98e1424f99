import type { IncomingMessage, ServerResponse } from 'node:http'
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, Context } from 'aws-lambda'
import type { GatewayResponse, PayloadFormat } from './gateway-response.js'
import { badGatewayResponse, responseFromResult } from './gateway-response.js'
import { httpV2Event } from './http-v2-event.js'
import { newInvocationIds } from './invocation-ids.js'
import { lambdaContext } from './lambda-context.js'
import type { ReceivedRequest } from './received-request.js'
import { headerValue, receiveRequest } from './received-request.js'
import type { HandlerKind, InvocationFacts, RequestLog } from './request-log.js'
import { observeInvocation } from './request-log.js'
import { restV1Event } from './rest-v1-event.js'

export type GatewayEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2

/** A Lambda handler as the front calls it. */
export type LambdaFunction = (event: GatewayEvent, context: Context) => Promise<unknown>

/** One API Gateway route `ANY ${prefix}/{proxy+}` and the Lambda behind it. */
export interface Mount {
  prefix: string
  format: PayloadFormat
  stage: string
  functionName: string
  handler: LambdaFunction
  /**
   * When set, OPTIONS requests go here instead of to `handler`, as with a
   * separate `OPTIONS ${prefix}/{proxy+}` route on its own Lambda.
   */
  optionsHandler?: LambdaFunction
}

const apiId = 'demoapi'

/**
 * The HTTP front of the demo API: turns each request into the event API
 * Gateway would send, invokes the mounted Lambda handler and writes its result
 * back verbatim. It adds no CORS header and answers no OPTIONS itself, so
 * whatever the browser allows or blocks is the library's doing.
 */
export function apiFront(mounts: readonly Mount[], log: RequestLog): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handle(request, response).catch((error: unknown) => {
      // Reading the request failed (socket error, body over the limit): drop the connection.
      response.destroy(error instanceof Error ? error : new Error(String(error)))
    })
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const received = await receiveRequest(request)
    const mount = mounts.find((candidate) => received.path === candidate.prefix || received.path.startsWith(`${candidate.prefix}/`))
    const ids = newInvocationIds()
    let answer: GatewayResponse
    let handlerKind: HandlerKind = 'none'
    let gatewayError: string | null = null
    let facts: InvocationFacts = { businessRan: false, businessSaw: {}, refusals: [] }
    if (!mount) {
      // API Gateway's own answer for a path no route matches.
      answer = {
        status: 404,
        headerLines: [['Content-Type', 'application/json']],
        body: Buffer.from(JSON.stringify({ message: 'Not Found' })),
      }
    } else {
      const target = { apiId, stage: mount.stage, prefix: mount.prefix }
      const event = mount.format === 'rest-v1' ? restV1Event(received, target, ids) : httpV2Event(received, target, ids)
      const optionsHandler = received.method === 'OPTIONS' ? mount.optionsHandler : undefined
      const lambda = optionsHandler ?? mount.handler
      handlerKind = optionsHandler ? 'preflightHandler' : 'middy'
      const context = lambdaContext(mount.functionName, ids.requestId, ids.epochMillis)
      const observed = await observeInvocation(() => lambda(event, context))
      facts = observed.facts
      if (observed.outcome.status === 'rejected') {
        gatewayError = `Lambda invocation failed: ${describe(observed.outcome.reason)}`
        answer = badGatewayResponse()
      } else {
        const converted = responseFromResult(observed.outcome.value, mount.format)
        if (typeof converted === 'string') {
          gatewayError = `malformed Lambda proxy response: ${converted}`
          answer = badGatewayResponse()
        } else {
          answer = converted
        }
      }
    }
    const sent = writeAnswer(response, received, answer, ids.requestId)
    log.record({
      tag: new URLSearchParams(received.rawQuery).get('tag'),
      mount: mount?.prefix ?? '(no route)',
      handler: handlerKind,
      method: received.method,
      path: received.path,
      origin: headerValue(received, 'origin') ?? null,
      requestHeaders: received.headerLines.map(([name, value]) => [name, value]),
      businessRan: facts.businessRan,
      businessSaw: facts.businessSaw,
      refusals: facts.refusals,
      status: sent.status,
      responseHeaders: sent.headerLines,
      gatewayError: gatewayError ?? sent.gatewayError,
    })
  }
}

/**
 * Writes the answer with the header names and repeats exactly as given. Node
 * rejects header values with control characters; API Gateway would answer 502
 * for those, so the front does too.
 */
function writeAnswer(
  response: ServerResponse,
  received: ReceivedRequest,
  answer: GatewayResponse,
  requestId: string,
): GatewayResponse & { gatewayError: string | null } {
  const lines: Array<[string, string]> = [...answer.headerLines]
  // Headers API Gateway itself adds to every response; none is CORS-related.
  lines.push(['x-amzn-RequestId', requestId])
  if (!lines.some(([name]) => name.toLowerCase() === 'content-length')) {
    lines.push(['Content-Length', String(answer.body.length)])
  }
  try {
    response.writeHead(answer.status, lines.flat())
  } catch (error) {
    const fallback = badGatewayResponse()
    response.writeHead(fallback.status, fallback.headerLines.flat())
    response.end(fallback.body)
    return { ...fallback, gatewayError: `response headers rejected: ${describe(error)}` }
  }
  response.end(received.method === 'HEAD' ? undefined : answer.body)
  return { ...answer, headerLines: lines, gatewayError: null }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
