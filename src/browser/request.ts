/**
 * What page script asks the browser for, and what comes back: the two
 * inputs of every decision in this folder.
 */
import { NORMALIZED_METHODS } from '../policy/http-grammar.js'

/** A cross-origin `fetch()` as page script makes it. */
export interface BrowserRequest {
  /** The URL fetched, absolute. */
  readonly url: string
  /** The page's serialized origin (`'null'` for an opaque origin). */
  readonly origin: string
  /** The method as passed to `fetch()`; DELETE, GET, HEAD, OPTIONS, POST and PUT are upper-cased as fetch does. */
  readonly method: string
  /** Request headers set by page script, by name (any case). */
  readonly headers: Readonly<Record<string, string>>
  /** `credentials: 'include'`: cookies and HTTP auth are sent, and the answer must allow them. */
  readonly credentials: boolean
}

/** An HTTP response as the browser receives it. */
export interface ResponseView {
  readonly status: number
  /** Header lines in order, repeats kept; names in any case. */
  readonly headerLines: ReadonlyArray<readonly [string, string]>
}

/**
 * A header's value as the browser reads it: every line with that name,
 * joined by `", "` (so two `Access-Control-Allow-Origin` lines read as a
 * list), or `undefined` when absent.
 */
export function headerValue(response: ResponseView, name: string): string | undefined {
  const wanted = name.toLowerCase()
  const values: string[] = []
  for (const [lineName, value] of response.headerLines) {
    if (lineName.toLowerCase() === wanted) values.push(value.trim())
  }
  return values.length === 0 ? undefined : values.join(', ')
}

/** The method fetch sends for `method`: https://fetch.spec.whatwg.org/#concept-method-normalize */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase()
  return NORMALIZED_METHODS.has(upper) ? upper : method
}
