/**
 * What a browser decides about one response, reduced to what this example
 * needs: the CORS check (Fetch standard, "CORS check") for a credentialed
 * request and, for a preflight, the method and header checks. Deliberately
 * small and local to the example; it is not part of the library.
 */

/** The request as the browser sent it. */
export interface SentRequest {
  readonly origin: string
  /** `fetch(..., { credentials: 'include' })`. */
  readonly credentials: boolean
  /** Present when this request is a preflight: what it asked for. */
  readonly preflight?: { readonly method: string; readonly headers?: string }
}

export interface Verdict {
  readonly allowed: boolean
  /** One sentence: why the browser let page script read the response, or what it reports. */
  readonly why: string
}

/** Methods a page may send without a preflight listing them (CORS-safelisted methods). */
const SAFELISTED_METHODS = new Set(['GET', 'HEAD', 'POST'])

function headerOf(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase())
  return found === undefined ? undefined : String(headers[found])
}

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '')

export function browserVerdict(request: SentRequest, response: { status: number; headers: Readonly<Record<string, unknown>> }): Verdict {
  const allowOrigin = headerOf(response.headers, 'Access-Control-Allow-Origin')
  const what = request.preflight === undefined ? 'the response' : `the ${request.preflight.method} (preflight failed)`
  if (allowOrigin === undefined) return { allowed: false, why: `no Access-Control-Allow-Origin, so page script cannot read ${what}.` }
  if (allowOrigin === '*' && request.credentials) return { allowed: false, why: `Access-Control-Allow-Origin is '*', which a credentialed request cannot use; ${what} is blocked.` }
  if (allowOrigin !== '*' && allowOrigin !== request.origin) return { allowed: false, why: `Access-Control-Allow-Origin is ${allowOrigin}, not the page's origin ${request.origin}.` }
  if (request.credentials && headerOf(response.headers, 'Access-Control-Allow-Credentials') !== 'true') {
    return { allowed: false, why: 'no Access-Control-Allow-Credentials: true, which a credentialed request needs.' }
  }
  if (request.preflight === undefined) return { allowed: true, why: `page script can read the ${response.status} response.` }

  if (response.status < 200 || response.status > 299) return { allowed: false, why: `the preflight answer is a ${response.status}, not a 2xx.` }
  const { method } = request.preflight
  const methods = list(headerOf(response.headers, 'Access-Control-Allow-Methods'))
  const anyMethod = methods.includes('*') && !request.credentials
  if (!SAFELISTED_METHODS.has(method) && !anyMethod && !methods.includes(method)) {
    return { allowed: false, why: `${method} is not in Access-Control-Allow-Methods, so the request is never sent.` }
  }
  const allowedHeaders = list(headerOf(response.headers, 'Access-Control-Allow-Headers')).map((name) => name.toLowerCase())
  const anyHeader = allowedHeaders.includes('*') && !request.credentials
  for (const name of list(request.preflight.headers).map((item) => item.toLowerCase())) {
    const covered = allowedHeaders.includes(name) || (anyHeader && name !== 'authorization')
    if (!covered) return { allowed: false, why: `the ${name} header is not in Access-Control-Allow-Headers, so the request is never sent.` }
  }
  return { allowed: true, why: `the preflight passes; the browser now sends the ${method}.` }
}
