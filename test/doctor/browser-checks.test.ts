import { describe, expect, it } from 'vitest'
import { authorizationOnlyCoveredByWildcard, corsCheck, preflightCheck, type CorsErrorKind, type PreflightAsk } from '../../src/browser/checks.js'
import { chromiumConsoleMessage } from '../../src/browser/console-message.js'
import type { ResponseView } from '../../src/browser/request.js'

// The CORS check and the CORS-preflight checks, in Chromium's order
// (services/network/public/cpp/cors/cors.cc CheckAccess and
// services/network/cors/preflight_result.cc), and Blink's console wording
// (third_party/blink/renderer/platform/loader/cors/cors_error_string.cc).

const ORIGIN = 'https://app.example.com'
const answer = (status: number, ...headerLines: Array<[string, string]>): ResponseView => ({ status, headerLines })

describe('corsCheck', () => {
  it('passes an exact origin, and * without credentials', () => {
    expect(corsCheck(answer(200, ['Access-Control-Allow-Origin', ORIGIN]), ORIGIN, false, 'actual')).toBeUndefined()
    expect(corsCheck(answer(200, ['access-control-allow-origin', '*']), ORIGIN, false, 'actual')).toBeUndefined()
  })

  it('refuses * with credentials, even with Allow-Credentials: true', () => {
    expect(corsCheck(answer(200, ['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']), ORIGIN, true, 'actual'))
      .toEqual({ step: 'actual', kind: 'wildcard-origin-not-allowed', hint: '' })
  })

  it('names a missing header, a list, two lines, an invalid value and another origin apart', () => {
    const check = (...lines: Array<[string, string]>) => corsCheck(answer(200, ...lines), ORIGIN, false, 'actual')
    expect(check()).toMatchObject({ kind: 'missing-allow-origin' })
    expect(check(['Access-Control-Allow-Origin', `${ORIGIN} https://b.example.com`])).toMatchObject({ kind: 'multiple-allow-origin-values' })
    expect(check(['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Origin', ORIGIN]))
      .toEqual({ step: 'actual', kind: 'multiple-allow-origin-values', hint: `*, ${ORIGIN}` })
    expect(check(['Access-Control-Allow-Origin', 'app.example.com'])).toMatchObject({ kind: 'invalid-allow-origin-value', hint: 'app.example.com' })
    expect(check(['Access-Control-Allow-Origin', 'null'])).toMatchObject({ kind: 'allow-origin-mismatch', hint: 'null' })
    expect(check(['Access-Control-Allow-Origin', `${ORIGIN}/`])).toMatchObject({ kind: 'allow-origin-mismatch' })
  })

  it('with credentials, wants Access-Control-Allow-Credentials exactly true', () => {
    const check = (value?: string) => corsCheck(
      answer(200, ['Access-Control-Allow-Origin', ORIGIN], ...(value === undefined ? [] : [['Access-Control-Allow-Credentials', value] as [string, string]])),
      ORIGIN, true, 'actual',
    )
    expect(check('true')).toBeUndefined()
    expect(check('True')).toMatchObject({ kind: 'invalid-allow-credentials', hint: 'True' })
    expect(check()).toMatchObject({ kind: 'invalid-allow-credentials', hint: '' })
  })
})

describe('preflightCheck', () => {
  const ask: PreflightAsk = { origin: ORIGIN, method: 'PUT', headerNames: ['content-type', 'x-custom'], credentials: false }
  const ok = (...extra: Array<[string, string]>) =>
    answer(204, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'GET, PUT'], ['Access-Control-Allow-Headers', 'Content-Type, X-Custom'], ...extra)

  it('passes an answer that lists the method and every header, case-insensitively for headers', () => {
    expect(preflightCheck(ok(), ask)).toBeUndefined()
    expect(preflightCheck(answer(200, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'CONTENT-TYPE,x-custom']), ask)).toBeUndefined()
  })

  it('runs the CORS check before the status: a 403 without Allow-Origin is reported as the missing header', () => {
    expect(preflightCheck(answer(403, ['Content-Type', 'application/json']), ask)).toEqual({ step: 'preflight', kind: 'missing-allow-origin', hint: '' })
    expect(preflightCheck(answer(404, ['Access-Control-Allow-Origin', ORIGIN]), ask)).toEqual({ step: 'preflight', kind: 'preflight-invalid-status', hint: '' })
  })

  it('refuses a redirect before anything else', () => {
    expect(preflightCheck(answer(301, ['Location', 'https://api.example.com/v1/'], ['Access-Control-Allow-Origin', ORIGIN]), ask))
      .toMatchObject({ kind: 'preflight-disallowed-redirect' })
  })

  it('refuses lists that are not tokens', () => {
    expect(preflightCheck(ok(['Access-Control-Allow-Methods', 'PUT; GET']), { ...ask, method: 'GET' })).toMatchObject({ kind: 'invalid-allow-methods' })
  })

  it('compares the upper-cased method with the list, and reports it as sent', () => {
    expect(preflightCheck(ok(), { ...ask, method: 'PATCH', headerNames: [] })).toEqual({ step: 'preflight', kind: 'method-disallowed', hint: 'PATCH' })
    expect(preflightCheck(answer(204, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PATCH']), { ...ask, method: 'patch', headerNames: [] })).toBeUndefined()
    expect(preflightCheck(answer(204, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'patch']), { ...ask, method: 'patch', headerNames: [] }))
      .toEqual({ step: 'preflight', kind: 'method-disallowed', hint: 'patch' })
  })

  it('reports the first refused header in sorted order', () => {
    const refused = preflightCheck(answer(204, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT']), ask)
    expect(refused).toEqual({ step: 'preflight', kind: 'header-disallowed', hint: 'content-type' })
  })

  it('* is a wildcard for methods and headers only without credentials', () => {
    const star = answer(204, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Credentials', 'true'], ['Access-Control-Allow-Methods', '*'], ['Access-Control-Allow-Headers', '*'])
    expect(preflightCheck(star, ask)).toBeUndefined()
    expect(preflightCheck(star, { ...ask, credentials: true })).toMatchObject({ kind: 'method-disallowed', hint: 'PUT' })
    expect(preflightCheck(star, { ...ask, method: 'POST', credentials: true })).toMatchObject({ kind: 'header-disallowed', hint: 'content-type' })
    // Chromium lets * cover Authorization (the standard does not): the verdict follows Chromium, the doctor warns.
    expect(preflightCheck(star, { ...ask, headerNames: ['authorization', 'x-custom'] })).toBeUndefined()
    expect(authorizationOnlyCoveredByWildcard(star, { ...ask, headerNames: ['authorization', 'x-custom'] })).toBe(true)
    expect(authorizationOnlyCoveredByWildcard(star, { ...ask, headerNames: ['authorization'], credentials: true })).toBe(false)
    const starAndAuthorization = answer(204, ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', '*, Authorization'])
    expect(preflightCheck(starAndAuthorization, { ...ask, headerNames: ['authorization', 'x-custom'] })).toBeUndefined()
    expect(authorizationOnlyCoveredByWildcard(starAndAuthorization, { ...ask, headerNames: ['authorization', 'x-custom'] })).toBe(false)
  })
})

describe('preflightCheck: redirects and statuses', () => {
  const ask: PreflightAsk = { origin: ORIGIN, method: 'PUT', headerNames: ['content-type'], credentials: false }
  const allowing = (status: number, ...extra: Array<[string, string]>) => answer(status,
    ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'Content-Type'], ...extra)
  const location: [string, string] = ['Location', 'https://api.example.com/prod/items/']

  it.each([301, 302, 303, 307, 308])('%i with a Location is a redirect, refused before the CORS check', (status) => {
    expect(preflightCheck(answer(status, location), ask)).toEqual({ step: 'preflight', kind: 'preflight-disallowed-redirect', hint: '' })
  })

  it.each([
    ['300 with a Location (not a redirect status)', allowing(300, location)],
    ['304 with a Location (not a redirect status)', allowing(304, location)],
    ['301 without a Location', allowing(301)],
    ['302 with an empty Location', allowing(302, ['Location', ' '])],
    ['400 with a Location', allowing(400, location)],
    ['199', allowing(199)],
  ])('%s is not followed: it fails for its status', (_, response) => {
    expect(preflightCheck(response, ask)).toEqual({ step: 'preflight', kind: 'preflight-invalid-status', hint: '' })
  })

  it('a 404 with a Location and no Allow-Origin fails the CORS check first', () => {
    expect(preflightCheck(answer(404, location), ask)).toEqual({ step: 'preflight', kind: 'missing-allow-origin', hint: '' })
  })

  it.each([200, 204, 299])('%i is an ok status, a Location line or not', (status) => {
    expect(preflightCheck(allowing(status), ask)).toBeUndefined()
    expect(preflightCheck(allowing(status, location), ask)).toBeUndefined()
  })
})

describe('preflightCheck: Access-Control-Allow-Methods and -Headers are lists of tokens', () => {
  const ask: PreflightAsk = { origin: ORIGIN, method: 'PUT', headerNames: ['x-custom'], credentials: false }
  const lists = (methods: string | undefined, headers: string | undefined) => answer(204, ['Access-Control-Allow-Origin', ORIGIN],
    ...(methods === undefined ? [] : [['Access-Control-Allow-Methods', methods] as [string, string]]),
    ...(headers === undefined ? [] : [['Access-Control-Allow-Headers', headers] as [string, string]]))

  it.each(['PUT', 'GET,PUT', ' GET , PUT ', 'PUT,', ', ,PUT', 'GET,,PUT'])('Allow-Methods %j lists PUT (whitespace and empty elements are skipped)', (methods) => {
    expect(preflightCheck(lists(methods, 'X-Custom'), ask)).toBeUndefined()
  })

  it.each(['PUT;', '(PUT', 'PUT)', 'PUT GET', 'PUT, G ET', 'PUT, "GET"'])('Allow-Methods %j does not parse', (methods) => {
    expect(preflightCheck(lists(methods, 'X-Custom'), ask)).toEqual({ step: 'preflight', kind: 'invalid-allow-methods', hint: '' })
  })

  it.each(['X-Custom', 'content-type,x-custom', ' x-custom ,', ',X-CUSTOM'])('Allow-Headers %j lists x-custom', (headers) => {
    expect(preflightCheck(lists('PUT', headers), ask)).toBeUndefined()
  })

  it.each(['X-Custom;', '[X-Custom]', 'X-Custom, Content Type', 'X-Custom: 1'])('Allow-Headers %j does not parse', (headers) => {
    expect(preflightCheck(lists('PUT', headers), ask)).toEqual({ step: 'preflight', kind: 'invalid-allow-headers', hint: '' })
  })

  it('an absent or empty Allow-Methods allows only the safelisted methods, an absent Allow-Headers no header', () => {
    expect(preflightCheck(lists(undefined, 'X-Custom'), { ...ask, method: 'POST' })).toBeUndefined()
    expect(preflightCheck(lists(undefined, 'X-Custom'), ask)).toEqual({ step: 'preflight', kind: 'method-disallowed', hint: 'PUT' })
    expect(preflightCheck(lists('', 'X-Custom'), ask)).toEqual({ step: 'preflight', kind: 'method-disallowed', hint: 'PUT' })
    expect(preflightCheck(lists('PUT', undefined), { ...ask, headerNames: [] })).toBeUndefined()
    expect(preflightCheck(lists('PUT', undefined), ask)).toEqual({ step: 'preflight', kind: 'header-disallowed', hint: 'x-custom' })
  })

  it('authorizationOnlyCoveredByWildcard: false when Allow-Headers does not parse or is absent, or Authorization is not asked for', () => {
    const authorization = { ...ask, headerNames: ['authorization'] }
    expect(authorizationOnlyCoveredByWildcard(lists('PUT', '*'), authorization)).toBe(true)
    expect(authorizationOnlyCoveredByWildcard(lists('PUT', '*, X-Custom;'), authorization)).toBe(false)
    expect(authorizationOnlyCoveredByWildcard(lists('PUT', undefined), authorization)).toBe(false)
    expect(authorizationOnlyCoveredByWildcard(lists('PUT', '*'), ask)).toBe(false)
  })
})

describe('header values as the browser reads them', () => {
  it('without the whitespace around them (HTTP parsers drop it)', () => {
    expect(corsCheck(answer(200, ['Access-Control-Allow-Origin', ` ${ORIGIN}\t`], ['Access-Control-Allow-Credentials', ' true ']), ORIGIN, true, 'actual'))
      .toBeUndefined()
  })
})

describe("Chromium's console line", () => {
  const url = 'https://api.example.com/items?x=1'
  it('prefixes preflight failures of the CORS check and the status, not method or header refusals', () => {
    expect(chromiumConsoleMessage({ step: 'preflight', kind: 'missing-allow-origin', hint: '' }, url, ORIGIN)).toBe(
      "Access to fetch at 'https://api.example.com/items?x=1' from origin 'https://app.example.com' has been blocked by CORS policy: " +
      "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
    )
    expect(chromiumConsoleMessage({ step: 'preflight', kind: 'preflight-invalid-status', hint: '' }, url, ORIGIN)).toMatch(
      /: Response to preflight request doesn't pass access control check: It does not have HTTP ok status\.$/,
    )
    expect(chromiumConsoleMessage({ step: 'preflight', kind: 'header-disallowed', hint: 'x-other' }, url, ORIGIN)).toMatch(
      /has been blocked by CORS policy: Request header field x-other is not allowed by Access-Control-Allow-Headers in preflight response\.$/,
    )
  })

  it('quotes the offending value and prints the URL as the URL parser serializes it', () => {
    expect(chromiumConsoleMessage({ step: 'actual', kind: 'multiple-allow-origin-values', hint: `${ORIGIN}, *` }, 'https://API.example.com', ORIGIN)).toBe(
      "Access to fetch at 'https://api.example.com/' from origin 'https://app.example.com' has been blocked by CORS policy: " +
      "The 'Access-Control-Allow-Origin' header contains multiple values 'https://app.example.com, *', but only one is allowed. " +
      'Have the server send the header with a valid value.',
    )
  })

  // Blink's wording for each kind (cors_error_string.cc); docs/troubleshooting.md quotes most of them.
  const details: Array<[CorsErrorKind, string, string]> = [
    ['missing-allow-origin', '', "No 'Access-Control-Allow-Origin' header is present on the requested resource."],
    ['wildcard-origin-not-allowed', '', "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."],
    ['multiple-allow-origin-values', `${ORIGIN}, ${ORIGIN}`, `The 'Access-Control-Allow-Origin' header contains multiple values '${ORIGIN}, ${ORIGIN}', but only one is allowed. Have the server send the header with a valid value.`],
    ['invalid-allow-origin-value', 'app.example.com', "The 'Access-Control-Allow-Origin' header contains the invalid value 'app.example.com'. Have the server send the header with a valid value."],
    ['allow-origin-mismatch', 'https://admin.example.com', "The 'Access-Control-Allow-Origin' header has a value 'https://admin.example.com' that is not equal to the supplied origin. Have the server send the header with a valid value."],
    ['invalid-allow-credentials', '', "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'."],
    ['preflight-invalid-status', '', 'It does not have HTTP ok status.'],
    ['preflight-disallowed-redirect', '', 'Redirect is not allowed for a preflight request.'],
    ['invalid-allow-methods', '', 'Cannot parse Access-Control-Allow-Methods response header field in preflight response.'],
    ['invalid-allow-headers', '', 'Cannot parse Access-Control-Allow-Headers response header field in preflight response.'],
    ['method-disallowed', 'PATCH', 'Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.'],
    ['header-disallowed', 'x-trace-id', 'Request header field x-trace-id is not allowed by Access-Control-Allow-Headers in preflight response.'],
  ]
  // Failures of the CORS check and of the preflight's status get the preflight prefix; the checks of the lists do not.
  const prefixedInPreflight = new Set<CorsErrorKind>([
    'missing-allow-origin', 'wildcard-origin-not-allowed', 'multiple-allow-origin-values', 'invalid-allow-origin-value',
    'allow-origin-mismatch', 'invalid-allow-credentials', 'preflight-invalid-status', 'preflight-disallowed-redirect',
  ])

  it.each(details)('%s: the words, with the value quoted, and the preflight prefix only where Chromium prints it', (kind, hint, detail) => {
    const start = `Access to fetch at 'https://api.example.com/items?x=1' from origin '${ORIGIN}' has been blocked by CORS policy: `
    const prefix = prefixedInPreflight.has(kind) ? "Response to preflight request doesn't pass access control check: " : ''
    expect(chromiumConsoleMessage({ step: 'preflight', kind, hint }, url, ORIGIN)).toBe(`${start}${prefix}${detail}`)
    expect(chromiumConsoleMessage({ step: 'actual', kind, hint }, url, ORIGIN)).toBe(`${start}${detail}`)
  })

  it('prints a URL that does not parse as given', () => {
    expect(chromiumConsoleMessage({ step: 'actual', kind: 'missing-allow-origin', hint: '' }, '/items', ORIGIN))
      .toMatch(/^Access to fetch at '\/items' from origin/)
  })
})
