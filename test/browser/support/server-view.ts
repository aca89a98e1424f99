import type { SeenRequest } from '../../../demo/gateway/request-log.js'

/** Every value the response carried for a header (repeats included), case-insensitively. */
export function responseHeaderValues(entry: SeenRequest, name: string): string[] {
  const wanted = name.toLowerCase()
  return entry.responseHeaders.filter(([lineName]) => lineName.toLowerCase() === wanted).map(([, value]) => value)
}

export function requestsWithMethod(seen: readonly SeenRequest[], method: string): SeenRequest[] {
  return seen.filter((entry) => entry.method === method)
}

/** The single request with this method; fails loudly when there are none or several. */
export function onlyRequest(seen: readonly SeenRequest[], method: string): SeenRequest {
  const matching = requestsWithMethod(seen, method)
  if (matching.length !== 1) {
    throw new Error(`expected exactly one ${method} request, the server saw: ${seen.map((entry) => `${entry.method} ${entry.path}`).join(', ') || 'nothing'}`)
  }
  return matching[0] as SeenRequest
}

/** `Vary` may list several names, in one line or several. */
export function variesOnOrigin(entry: SeenRequest): boolean {
  return responseHeaderValues(entry, 'vary')
    .flatMap((value) => value.split(','))
    .some((name) => name.trim().toLowerCase() === 'origin')
}
