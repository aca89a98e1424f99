/**
 * The hook floor: a middleware with the same three hooks as the CORS
 * middlewares and no CORS logic. Its `before` answers OPTIONS requests with a
 * constant, as a CORS middleware answers preflights, so that the preflight
 * floor skips the handler too. Logic cost = (stack with a CORS middleware) -
 * (stack with this one), measured in the same round.
 */
type Fields = Record<string, unknown>

const PREFLIGHT_ANSWER = Object.freeze({ statusCode: 204, body: '', headers: Object.freeze({}) })

interface HookRequest {
  event: unknown
  response: unknown
}

function methodOf(event: Fields): unknown {
  if (typeof event.httpMethod === 'string') return event.httpMethod
  const context = event.requestContext as { http?: { method?: unknown } } | undefined
  return context?.http?.method
}

export function noopMiddleware(): { before: (request: HookRequest) => unknown; after: () => void; onError: () => void } {
  return {
    before: (request) => (methodOf(request.event as Fields) === 'OPTIONS' ? PREFLIGHT_ANSWER : undefined),
    after: () => undefined,
    onError: () => undefined,
  }
}
