/**
 * The `gateway` and `lint` commands, run through main() as the bin runs them.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'
import { readTemplate, at, text as scalarText } from '../../src/gateway/lint/yaml-tree.js'

const repoRoot = new URL('../../', import.meta.url).pathname
const dir = join(repoRoot, '.tmp', 'gateway-cli')
const templates = new URL('templates/', import.meta.url).pathname

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIo = { stdout: (t) => { stdout += t }, stderr: (t) => { stderr += t }, isTTY: false, env: {}, cwd: dir }
  const code = await main(argv, io)
  return { code, stdout, stderr }
}

beforeAll(() => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'one-origin.mjs'), "export default { origins: ['https://app.example.com'], credentials: true, exposedHeaders: ['X-Request-Id'] }\n")
  writeFileSync(join(dir, 'wildcards.mjs'), "export default { origins: ['https://app.example.com', 'https://*.example.com'], credentials: true }\n")
  writeFileSync(join(dir, 'named-only.mjs'), "export const corsPolicy = { origins: ['https://app.example.com'] }\n")
  writeFileSync(join(dir, 'invalid.mjs'), "export default { origins: ['https://app.example.com/'] }\n")
  writeFileSync(join(dir, 'common.cjs'), "module.exports = { origins: '*' }\n")
})

describe('lambda-cors gateway', () => {
  it('prints each format; the YAML formats parse back with the headers of the policy', async () => {
    const cloudformation = await run('gateway', '--policy', 'one-origin.mjs', '--format', 'cloudformation')
    expect(cloudformation.code).toBe(0)
    const template = readTemplate(cloudformation.stdout)
    expect(at(template, 'Parameters', 'RestApiId', 'Type')).toMatchObject({ value: 'String' })
    const unauthorized = at(template, 'Resources', 'GatewayResponseUnauthorized', 'Properties')
    expect(at(unauthorized, 'RestApiId')).toMatchObject({ tag: '!Ref', value: 'RestApiId' })
    expect(scalarText(at(unauthorized, 'ResponseType'))).toBe('UNAUTHORIZED')
    expect(scalarText(at(unauthorized, 'ResponseParameters', 'gatewayresponse.header.Access-Control-Allow-Origin'))).toBe("'https://app.example.com'")
    expect(scalarText(at(unauthorized, 'ResponseParameters', 'gatewayresponse.header.Access-Control-Expose-Headers'))).toBe("'X-Request-Id'")

    const serverless = await run('gateway', '--policy', 'one-origin.mjs', '--format', 'serverless', '--types', 'default_4xx,DEFAULT_5XX')
    const resources = at(readTemplate(serverless.stdout), 'resources', 'Resources')
    expect(resources?.kind === 'map' ? resources.entries.map((e) => e.key) : []).toEqual(['GatewayResponseDefault4XX', 'GatewayResponseDefault5XX'])
    expect(scalarText(at(resources, 'GatewayResponseDefault5XX', 'Properties', 'RestApiId', 'Ref'))).toBe('ApiGatewayRestApi')

    const sam = await run('gateway', '--policy', 'one-origin.mjs', '--format', 'sam')
    expect(scalarText(at(readTemplate(sam.stdout), 'GatewayResponses', 'THROTTLED', 'ResponseParameters', 'Headers', 'Vary'))).toBe("'Origin'")

    const cdk = await run('gateway', '--policy', 'one-origin.mjs', '--format', 'cdk')
    expect(cdk.stdout).toContain("api.addGatewayResponse('CorsDefault4XX', {\n    type: ResponseType.of('DEFAULT_4XX'),")
    expect(cdk.stdout).toContain(`"Access-Control-Allow-Credentials": "'true'",`)

    for (const output of [cloudformation, serverless, sam, cdk]) expect(output.stdout).toMatch(/HTTP APIs .* have no gateway responses/)
  })

  it('refuses an allowlist it cannot write without --gateway-origin, naming the flag', async () => {
    const refused = await run('gateway', '--policy', 'wildcards.mjs', '--format', 'sam')
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toContain('--gateway-origin reflect')
    expect(refused.stderr).toContain('--gateway-origin omit')
    const reflected = await run('gateway', '--policy', 'wildcards.mjs', '--format', 'sam', '--gateway-origin=reflect')
    expect(reflected.code).toBe(0)
    expect(scalarText(at(readTemplate(reflected.stdout), 'GatewayResponses', 'DEFAULT_4XX', 'ResponseParameters', 'Headers', 'Access-Control-Allow-Origin'))).toBe('method.request.header.origin')
    expect(reflected.stdout).toContain('every site can read these errors')
  })

  it('loads CommonJS policies; reports modules without a default export, invalid policies and bad arguments', async () => {
    expect((await run('gateway', '--policy', 'common.cjs', '--format', 'cloudformation')).stdout).toContain(`Access-Control-Allow-Origin: "'*'"`)
    const named = await run('gateway', '--policy', 'named-only.mjs', '--format', 'cdk')
    expect([named.code, named.stderr]).toEqual([2, expect.stringContaining('no default export')])
    const invalid = await run('gateway', '--policy', 'invalid.mjs', '--format', 'cdk')
    expect([invalid.code, invalid.stderr]).toEqual([2, expect.stringContaining('origins[0]')])
    expect((await run('gateway', '--policy', 'missing.mjs', '--format', 'cdk')).stderr).toContain('cannot load missing.mjs')
    expect((await run('gateway', '--policy', 'one-origin.mjs', '--format', 'terraform')).stderr).toContain('--format must be one of cloudformation, sam, serverless, cdk')
    expect((await run('gateway', '--policy', 'one-origin.mjs', '--format', 'sam', '--types', 'DEFAULT_6XX')).stderr).toContain('DEFAULT_6XX is not a gateway response type')
    expect((await run('gateway', '--format', 'sam')).code).toBe(2)
    expect((await run('gateway', '--help')).stdout).toContain('--gateway-origin <choice>')
  })
})

describe('lambda-cors lint', () => {
  it('exit code 1 and one block per finding with file:line:column, reason and fix', async () => {
    const result = await run('lint', join(templates, 'serverless-rest-cors.yml'))
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('serverless-rest-cors.yml:18:11  gateway-cors-conflict\n  cors on the http event GET /orders')
    expect(result.stdout).toMatch(/\n {2}fix: remove cors from this http event/)
    expect(result.stdout).toMatch(/3 findings \(Serverless Framework\)\.\n$/)
  })

  it('--json prints the findings as JSON', async () => {
    const result = await run('lint', '--json', join(templates, 'sam-rest-cors.yaml'))
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as { tool: string; findings: { code: string; line: number; column: number; reason: string; fix: string }[] }
    expect(report.tool).toBe('sam')
    expect(report.findings.map((f) => f.code)).toEqual(['missing-gateway-responses', 'gateway-cors-conflict', 'options-behind-authorizer'])
    expect(report.findings.every((f) => f.line > 0 && f.column > 0 && f.reason !== '' && f.fix !== '')).toBe(true)
  })

  it('exit code 0 for a clean template', async () => {
    writeFileSync(join(dir, 'clean.yml'), 'service: s\nprovider:\n  name: aws\nfunctions:\n  api:\n    handler: h.h\n    events:\n      - httpApi: GET /items\n')
    const result = await run('lint', 'clean.yml')
    expect([result.code, result.stdout]).toEqual([0, 'clean.yml: no CORS traps found (Serverless Framework).\n'])
  })

  it('exit code 2 for a missing file, broken YAML or a file that is no template', async () => {
    writeFileSync(join(dir, 'broken.yml'), 'functions:\n  api: [\n')
    writeFileSync(join(dir, 'package.yml'), 'name: x\n')
    expect(await run('lint', 'nothing.yml')).toMatchObject({ code: 2, stderr: 'lambda-cors lint: nothing.yml: no such file\n' })
    expect(await run('lint', 'broken.yml')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^lambda-cors lint: broken\.yml:\d+:\d+: not valid YAML/) })
    expect(await run('lint', 'package.yml')).toMatchObject({ code: 2, stderr: expect.stringContaining('neither a serverless.yml') })
    const json = await run('lint', 'broken.yml', '--json')
    expect(JSON.parse(json.stdout)).toMatchObject({ file: 'broken.yml', error: expect.stringContaining('not valid YAML') })
    expect((await run('lint')).code).toBe(2)
    expect((await run('lint', 'a.yml', '--fix')).stderr).toContain('unknown option --fix')
  })
})
