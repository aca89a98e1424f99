/**
 * Lambda HTTP responses: turning a handler result into a response the
 * integration will read, and writing CORS headers into it.
 *
 * The result object is never mutated (a handler may return a shared
 * constant): headers are written into copies.
 */
import { STATUS_CODES } from 'node:http'
import type { CorsHeaderSet } from '../headers/rules.js'
import type { HttpEventShape } from './event.js'

type Fields = Record<string, unknown>
type HeaderMap = Record<string, unknown>

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * HTTP API 2.0 and Function URLs accept a bare result: API Gateway turns a
 * string or an object without `statusCode` into a 200 JSON response. The
 * wrapping is done here, the way API Gateway would, so headers can be added.
 * Results other integrations cannot read, and `undefined`, are returned as
 * they are.
 */
export function toHttpResponse(result: unknown, shape: HttpEventShape): Fields | undefined {
  if (isObject(result) && typeof result.statusCode === 'number') return result
  if (shape !== 'api-gateway-v2' || result === undefined || result === null) return undefined
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result }
  let body: string | undefined
  try {
    body = JSON.stringify(result)
  } catch {
    return undefined // not serialisable: API Gateway would fail too; leave it
  }
  if (body === undefined) return undefined
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body }
}

/** Which map new headers go to: ALB in multi-value mode reads only `multiValueHeaders`. */
function usesMultiValueHeaders(shape: HttpEventShape): boolean {
  return shape === 'alb-multi-value'
}

/**
 * Returns a copy of `response` whose CORS headers are exactly `set`: every
 * `Access-Control-*` header the handler wrote, in any case and in either map,
 * is removed first (two Allow-Origin headers fail in every browser), and
 * `set.vary` is merged into an existing `Vary` without duplicates.
 */
export function writeCorsHeaders(response: Fields, set: CorsHeaderSet, shape: HttpEventShape): Fields {
  const single = isObject(response.headers) ? { ...response.headers } as HeaderMap : undefined
  const multi = isObject(response.multiValueHeaders) ? { ...response.multiValueHeaders } as HeaderMap : undefined
  const varyParts: string[] = []
  // Where each removed header was, so a replacement goes back to the same map.
  let varyInMulti = false
  const heldInMulti = new Set<string>()

  if (single !== undefined) {
    for (const name of Object.keys(single)) {
      const lower = name.toLowerCase()
      if (lower === 'vary') {
        pushVary(varyParts, single[name])
        delete single[name]
      } else if (lower.startsWith('access-control-')) {
        delete single[name]
      }
    }
  }
  if (multi !== undefined) {
    for (const name of Object.keys(multi)) {
      const lower = name.toLowerCase()
      if (lower === 'vary') {
        pushVary(varyParts, multi[name])
        varyInMulti = true
        delete multi[name]
      } else if (lower.startsWith('access-control-')) {
        heldInMulti.add(lower)
        delete multi[name]
      }
    }
  }

  const preferMulti = usesMultiValueHeaders(shape)
  let singleOut = single
  let multiOut = multi
  const put = (name: string, value: string, inMulti: boolean): void => {
    if (inMulti) (multiOut ??= {})[name] = [value]
    else (singleOut ??= {})[name] = value
  }
  for (const name in set.headers) {
    put(name, set.headers[name] as string, preferMulti || heldInMulti.has(name.toLowerCase()))
  }
  const vary = mergeVary(varyParts, set.vary)
  if (vary !== undefined) put('Vary', vary, preferMulti || varyInMulti)

  const out: Fields = { ...response }
  if (singleOut !== undefined) out.headers = singleOut
  if (multiOut !== undefined) out.multiValueHeaders = multiOut
  return out
}

function pushVary(parts: string[], value: unknown): void {
  const values = Array.isArray(value) ? value : [value]
  for (const item of values) {
    if (item === undefined || item === null) continue
    for (const part of String(item).split(',')) {
      const trimmed = part.trim()
      if (trimmed !== '') parts.push(trimmed)
    }
  }
}

/** Existing Vary parts plus ours, case-insensitively unique; `*` already varies on everything. */
function mergeVary(existing: readonly string[], ours: readonly string[]): string | undefined {
  if (existing.includes('*')) return '*'
  if (existing.length === 0 && ours.length === 0) return undefined
  const seen = new Set(existing.map((part) => part.toLowerCase()))
  const merged = [...existing]
  for (const part of ours) {
    if (!seen.has(part.toLowerCase())) {
      seen.add(part.toLowerCase())
      merged.push(part)
    }
  }
  return merged.join(', ')
}

/** The preflight answer: an empty-bodied response in the event's shape, before CORS headers. */
export function emptyResponse(statusCode: number, shape: HttpEventShape): Fields {
  const response: Fields = { statusCode, body: '' }
  if (shape === 'alb' || shape === 'alb-multi-value') {
    // ALB requires a status description ("204 No Content") in every response.
    response.statusDescription = `${statusCode} ${STATUS_CODES[statusCode] ?? ''}`.trim()
    response.isBase64Encoded = false
  } else if (shape === 'vpc-lattice-v1' || shape === 'vpc-lattice-v2') {
    response.isBase64Encoded = false
  }
  return response
}
