/**
 * The comments every generated gateway configuration carries. They are what a
 * reviewer reads before deploying, so each must say what the generated
 * responses really do: where Access-Control-Allow-Origin comes from in each
 * origin mode (and, when the gateway reflects any Origin, whether cookies are
 * in play), the format the file is for, and the HTTP API caveat.
 */
import { describe, expect, it } from 'vitest'
import type { CorsOptions } from '../../src/index.js'
import { gatewayResponses, renderCloudFormation, renderSam, renderServerless, type GatewayResponseSet, type GatewayResponseSettings } from '../../src/gateway/index.js'
import { comment, headerNote, HTTP_API_NOTE, originNote, REDEPLOY_NOTE } from '../../src/gateway/notes.js'

const ALLOW_ORIGIN = 'Access-Control-Allow-Origin'
const ALLOW_CREDENTIALS = 'Access-Control-Allow-Credentials'

function setFor(options: CorsOptions, settings: GatewayResponseSettings = {}): GatewayResponseSet {
  return gatewayResponses(options, settings)
}

/** Whether any generated response sends the header at all. */
const sends = (set: GatewayResponseSet, name: string): boolean => set.responses.some((response) => response.headers[name] !== undefined)

describe('originNote says where Access-Control-Allow-Origin comes from', () => {
  it('one allowed origin: that origin, and every other origin sees a CORS error', () => {
    const set = setFor({ origins: ['https://app.example.com'] })
    expect(set.origin).toBe('static')
    expect(sends(set, ALLOW_ORIGIN)).toBe(true)
    expect(originNote(set).join(' ')).toMatch(/one allowed origin; other origins see these errors as CORS errors/)
  })

  it("every origin: '*'", () => {
    const set = setFor({ origins: '*' })
    expect(set.origin).toBe('any')
    expect(originNote(set).join(' ')).toMatch(/is '\*', as the policy answers every origin/)
  })

  it('reflected, with credentials: warns that any site learns whether a session is accepted', () => {
    const set = setFor({ origins: ['https://app.example.com', 'https://admin.example.com'], credentials: true }, { gatewayOrigin: 'reflect' })
    expect(set.origin).toBe('reflect')
    expect(sends(set, ALLOW_CREDENTIALS)).toBe(true)
    const note = originNote(set).join(' ')
    expect(note).toMatch(/copies the request's Origin \(gatewayOrigin: reflect\)/)
    expect(note).toMatch(/cookies too/)
    expect(note).not.toMatch(/without cookies/)
  })

  it('reflected, without credentials: says no cookies are involved', () => {
    const set = setFor({ origins: ['https://app.example.com', 'https://admin.example.com'] }, { gatewayOrigin: 'reflect' })
    expect(sends(set, ALLOW_CREDENTIALS)).toBe(false)
    const note = originNote(set).join(' ')
    expect(note).toMatch(/without cookies: the policy has no credentials/)
    expect(note).not.toMatch(/cookies too/)
  })

  it('omitted: no Access-Control-Allow-Origin, only Vary for caches', () => {
    const set = setFor({ origins: ['https://app.example.com', 'https://admin.example.com'] }, { gatewayOrigin: 'omit' })
    expect(set.origin).toBe('omit')
    expect(sends(set, ALLOW_ORIGIN)).toBe(false)
    const note = originNote(set).join(' ')
    expect(note).toMatch(/^No Access-Control-Allow-Origin \(gatewayOrigin: omit\)/)
    expect(note).toMatch(/Vary: Origin/)
  })
})

describe('headerNote and comment', () => {
  const set = (): GatewayResponseSet => setFor({ origins: ['https://app.example.com'] })

  it('names the format, says how to regenerate, then the origin note, a blank line and the HTTP API note', () => {
    const lines = headerNote(set(), 'AWS SAM')
    expect(lines[0]).toContain('(AWS SAM)')
    expect(lines[1]).toContain('npx lambda-cors gateway --help')
    const origin = originNote(set())
    expect(lines.slice(2, 2 + origin.length)).toEqual(origin)
    expect(lines[2 + origin.length]).toBe('')
    expect(lines.slice(3 + origin.length)).toEqual(HTTP_API_NOTE)
  })

  it('writes a blank line as the bare marker, other lines after one space, one per line, ending with a newline', () => {
    expect(comment(['first', '', 'second'], '#', '  ')).toBe('  # first\n  #\n  # second\n')
  })

  it.each([
    ['CloudFormation', renderCloudFormation, '#'],
    ['SAM', renderSam, '#'],
    ['Serverless Framework', renderServerless, '#'],
  ])('the %s output opens with these notes as comments', (_name, render, marker) => {
    const output = render(set())
    for (const line of originNote(set())) expect(output).toContain(`${marker} ${line}`)
    for (const line of HTTP_API_NOTE) expect(output).toContain(`${marker} ${line}`)
    // No comment line ends in a space (a blank note line is the bare marker).
    expect(output.split('\n').filter((line) => line.trimStart().startsWith(marker) && line.endsWith(' '))).toEqual([])
  })
})

describe('the redeployment note', () => {
  // API Gateway serves gateway responses from the stage's deployment
  // ("Updates to REST APIs that require redeployment" lists GatewayResponse),
  // so a template deployed on its own must say that the API needs deploying.
  it('the CloudFormation template, which may be deployed as a stack of its own, says to deploy the API again and how', () => {
    const output = renderCloudFormation(gatewayResponses({ origins: ['https://app.example.com'] }))
    const comments = output.split('\n').filter((line) => line.startsWith('#')).join('\n')
    expect(comments).toContain(comment(['', ...REDEPLOY_NOTE], '#').trimEnd())
    expect(comments).toMatch(/aws apigateway create-deployment --rest-api-id <id> --stage-name <stage>/)
  })

  it.each([
    ['SAM', renderSam],
    ['Serverless Framework', renderServerless],
  ])('the %s output, which goes inside the template that deploys the API, does not carry it', (_name, render) => {
    expect(render(gatewayResponses({ origins: ['https://app.example.com'] }))).not.toContain('create-deployment')
  })
})
