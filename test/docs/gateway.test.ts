import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { CliIo } from '../../src/cli/io.js'
import { type CorsOptions } from '../../src/index.js'
import { cdkGatewayResponses, gatewayResponses, renderCloudFormation, type CdkGatewayResponseOptions } from '../../src/gateway/index.js'
import { guidePath, importSample, sample, writeSamples } from './samples.js'

const GUIDE = 'gateway'
let folder: string
let corsPolicy: CorsOptions

beforeAll(async () => {
  folder = writeSamples(GUIDE, 'run')
  ;({ default: corsPolicy } = await importSample<{ default: CorsOptions }>(folder, 'cors-policy.ts'))
})

async function cli(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = ''
  const io: CliIo = { stdout: (t) => { stdout += t }, stderr: () => {}, isTTY: false, env: {}, cwd: folder }
  return { code: await main(argv, io), stdout }
}

/** The output without its leading comment. */
function withoutComment(text: string): string {
  return text.split('\n').filter((line, i, lines) => !(line.startsWith('#') && lines.slice(0, i).every((l) => l.startsWith('#')))).join('\n')
}

describe('docs/gateway.md', () => {
  it('gateway-responses.yaml is what the command prints for cors-policy.ts', async () => {
    // The command the guide shows, run on the guide's policy.
    const command = /npx lambda-cors gateway --policy dist\/cors-policy\.js (--format cloudformation --types [\w,]+)/.exec(readFileSync(guidePath(GUIDE), 'utf8'))
    expect(command).not.toBeNull()
    const printed = await cli('gateway', '--policy', 'cors-policy.ts', ...(command?.[1] as string).split(' '))
    expect(printed.code).toBe(0)
    expect(withoutComment(printed.stdout)).toBe(sample(GUIDE, 'gateway-responses.yaml').code)
    expect(printed.stdout).toBe(renderCloudFormation(gatewayResponses(corsPolicy, { types: ['DEFAULT_4XX', 'DEFAULT_5XX'] })))
  })

  it('cors-errors.ts adds every default gateway response to the API it is given (synthesized with aws-cdk-lib by npm run test:gateway-tools)', async () => {
    const { addCorsToErrors } = await importSample<{ addCorsToErrors: (api: unknown) => void }>(folder, 'cors-errors.ts')
    const calls: [string, CdkGatewayResponseOptions][] = []
    addCorsToErrors({ addGatewayResponse: (id: string, options: CdkGatewayResponseOptions) => { calls.push([id, options]) } })
    expect(calls).toEqual(cdkGatewayResponses(gatewayResponses(corsPolicy)).map((r) => [r.id, r.options]))
    expect(calls).toHaveLength(18)
    expect(calls[0]?.[1].responseHeaders['Access-Control-Allow-Origin']).toBe("'https://app.example.com'")
  })

  it('lint-output.txt is what lambda-cors lint prints for serverless.yml', async () => {
    const linted = await cli('lint', 'serverless.yml')
    expect(linted.code).toBe(1)
    expect(linted.stdout).toBe(sample(GUIDE, 'lint-output.txt').code)
  })
})
