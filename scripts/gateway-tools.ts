/**
 * Checks the generated gateway responses against the real tools, and times
 * each step:
 *
 *   npx tsx scripts/gateway-tools.ts        (npm run test:gateway-tools)
 *
 * The tools are too large (or not JavaScript) to be dev dependencies, so they
 * are installed into .tmp/ once and reused:
 * - cfn-lint: the Python package from PyPI into a virtual environment
 *   (.tmp/gateway-tools/venv); where PyPI cannot be reached, the npm package
 *   `cfn-lint` (a CloudFormation validator in JavaScript, whose resource
 *   specification predates SAM's GatewayResponses) validates the
 *   CloudFormation output instead, and the SAM output is checked against the
 *   CloudFormation output it stands for;
 * - the Serverless Framework v3 (npm `serverless@3`): `serverless print` and
 *   `serverless package` run without an AWS account;
 * - aws-cdk-lib and constructs, shared with scripts/docs-cdk.ts (.tmp/cdk/).
 *
 * Checks:
 * 1. CloudFormation output, for each way of writing the origin (one origin,
 *    '*', reflect, omit): cfn-lint passes, and the template parsed back holds
 *    the headers gatewayResponses() computed.
 * 2. SAM output: docs/recipes.md's template.yaml (which carries the generated
 *    block) passes cfn-lint when the Python cfn-lint is available; the block
 *    maps type for type and header for header onto the CloudFormation output.
 * 3. Serverless output: docs/recipes.md's serverless.rest.yml (generated
 *    block) and a service with the full default list are loaded by
 *    `serverless print` (the resources come back as generated) and packaged
 *    by `serverless package`; the packaged template's gateway responses
 *    belong to the ApiGatewayRestApi it creates, and it passes cfn-lint.
 * 4. CDK output: the `cdk` snippet, the library helper addGatewayResponses()
 *    and docs/gateway.md's cors-errors.ts type-check against aws-cdk-lib and
 *    are synthesized; each REST API of the template has the 18 default
 *    gateway responses with the computed headers.
 * Exits non-zero on any failure.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { type CorsOptions } from '../src/index.js'
import { gatewayResponses, renderCdk, renderCloudFormation, renderSam, renderServerless, type GatewayResponseSet, type GatewayResponseSettings } from '../src/gateway/index.js'
import { at, get, readTemplate, refTarget, text, type TreeNode } from '../src/gateway/lint/yaml-tree.js'
import { repoRoot, runnableSource, sample, samplesOf } from '../test/docs/samples.js'

const toolsDir = join(repoRoot, '.tmp', 'gateway-tools')
const cdkDir = join(repoRoot, '.tmp', 'cdk')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const started = Date.now()
let failures = 0
let passes = 0

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passes++
  else failures++
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail !== '' ? ` — ${detail.slice(0, 2000)}` : ''}`)
}

function note(line: string): void {
  console.log(`      ${line}`)
}

async function timed<T>(label: string, step: () => Promise<T> | T): Promise<T> {
  const start = Date.now()
  try {
    return await step()
  } finally {
    console.log(`TIME  ${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`)
  }
}

/** Runs a command; resolves with its status and output. */
function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ status: number | null; stdout: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); output += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.on('error', (error) => resolve({ status: null, stdout, output: `${output}${error.message}` }))
    child.on('close', (status) => resolve({ status, stdout, output }))
  })
}

// ---------------------------------------------------------------- installs
mkdirSync(toolsDir, { recursive: true })
const venv = join(toolsDir, 'venv')
const pythonCfnLint = join(venv, 'bin', 'cfn-lint')
const jsCfnLint = join(toolsDir, 'cfn-lint-js', 'node_modules', '.bin', 'cfn-lint')
const serverlessBin = join(toolsDir, 'serverless', 'node_modules', '.bin', 'serverless')

async function npmInstall(prefix: string, marker: string, packages: readonly string[]): Promise<boolean> {
  if (existsSync(marker)) return true
  mkdirSync(prefix, { recursive: true })
  const result = await run(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', ...packages])
  if (result.status !== 0) console.log(result.output)
  return result.status === 0
}

async function installPythonCfnLint(): Promise<boolean> {
  if (existsSync(pythonCfnLint)) return true
  const created = await run('python3', ['-m', 'venv', venv])
  if (created.status !== 0) return false
  // Fail fast where PyPI cannot be reached.
  const installed = await run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--retries', '0', '--timeout', '5', 'cfn-lint'])
  if (installed.status !== 0) note(`pip install cfn-lint failed: ${installed.output.trim().split('\n').at(-1) ?? ''}`)
  return installed.status === 0
}

const [hasPythonCfnLint, hasJsCfnLint, hasServerless, hasCdk] = await timed('installs (cached in .tmp/)', () => Promise.all([
  installPythonCfnLint(),
  npmInstall(join(toolsDir, 'cfn-lint-js'), jsCfnLint, ['cfn-lint@1']),
  npmInstall(join(toolsDir, 'serverless'), serverlessBin, ['serverless@3']),
  npmInstall(cdkDir, join(cdkDir, 'node_modules', 'aws-cdk-lib', 'package.json'), ['aws-cdk-lib@2', 'constructs@10']),
]))
check('install the npm cfn-lint, serverless@3, aws-cdk-lib', hasJsCfnLint && hasServerless && hasCdk)
console.log(`cfn-lint: ${hasPythonCfnLint ? 'the Python package (PyPI)' : 'the npm package (PyPI could not be reached)'}`)

/**
 * Lints a CloudFormation template file; `undefined` when it passes, else the
 * report. `ignore` names findings of resources this project does not write.
 */
async function cfnLint(file: string, kind: 'cloudformation' | 'sam', ignore?: RegExp): Promise<string | undefined> {
  if (hasPythonCfnLint) {
    const result = await run(pythonCfnLint, ['--format', 'parseable', file])
    return result.status === 0 ? undefined : result.output
  }
  if (kind === 'sam') throw new Error('SAM templates need the Python cfn-lint')
  const result = await run(jsCfnLint, ['validate', file, '--parameters', 'RestApiId=a1b2c3d4e5'])
  // eslint-disable-next-line no-control-regex
  const plain = result.output.replace(/\u001b\[[0-9;]*m/g, '')
  const findings = [...plain.matchAll(/^Resource: (.+)$/gm)].map((m) => m[1] as string)
  const remaining = findings.filter((resource) => ignore === undefined || !ignore.test(resource))
  if (findings.length > remaining.length) note(`cfn-lint findings outside the generated resources, ignored: ${findings.filter((f) => !remaining.includes(f)).join('; ')}`)
  return (/Template valid!/.test(plain) && result.status === 0) || (findings.length > 0 && remaining.length === 0) ? undefined : plain
}

// ---------------------------------------------------------------- policies
const POLICIES: { name: string; options: CorsOptions; settings: GatewayResponseSettings }[] = [
  { name: 'one origin', options: { origins: ['https://app.example.com'], credentials: true, exposedHeaders: ['X-Request-Id'] }, settings: {} },
  { name: "'*'", options: { origins: '*', exposedHeaders: ['X-Request-Id', 'ETag'] }, settings: {} },
  { name: 'reflect', options: { origins: ['https://app.example.com', 'https://*.example.com'], credentials: true }, settings: { gatewayOrigin: 'reflect' } },
  { name: 'omit', options: { origins: ['https://app.example.com', 'https://*.example.com'], credentials: true }, settings: { gatewayOrigin: 'omit' } },
]

/** type -> header -> value, from gatewayResponses(). */
function expected(set: GatewayResponseSet): Record<string, Record<string, string>> {
  return Object.fromEntries(set.responses.map((r) => [r.type, { ...r.headers }]))
}

/** type -> header -> value, from a mapping of CloudFormation gateway response resources. */
function fromResources(resources: TreeNode | undefined, restApi: (node: TreeNode | undefined) => boolean): Record<string, Record<string, string>> {
  const found: Record<string, Record<string, string>> = {}
  for (const resource of resources?.kind === 'map' ? resources.entries : []) {
    if (text(get(resource.value, 'Type')) !== 'AWS::ApiGateway::GatewayResponse') continue
    const properties = get(resource.value, 'Properties')
    if (!restApi(get(properties, 'RestApiId'))) continue
    const parameters = get(properties, 'ResponseParameters')
    found[text(get(properties, 'ResponseType')) ?? '?'] = Object.fromEntries((parameters?.kind === 'map' ? parameters.entries : [])
      .map((e) => [e.key.replace(/^gatewayresponse\.header\./, ''), text(e.value) ?? '?']))
  }
  return found
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

// ---------------------------------------------------------------- 1. CloudFormation
const outDir = join(toolsDir, 'out')
rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
await timed('CloudFormation output: cfn-lint and parse back', async () => {
  // The validator must be able to fail: a misspelt property is refused.
  const broken = join(outDir, 'broken.yaml')
  writeFileSync(broken, renderCloudFormation(gatewayResponses(POLICIES[0]?.options as CorsOptions, { types: ['DEFAULT_4XX'] })).replace('ResponseParameters:', 'ResponseParams:'))
  check('cfn-lint refuses a misspelt ResponseParameters (control)', (await cfnLint(broken, 'cloudformation')) !== undefined)
  for (const policy of POLICIES) {
    const set = gatewayResponses(policy.options, policy.settings)
    const file = join(outDir, `cloudformation-${policy.name.replace(/\W/g, '')}.yaml`)
    writeFileSync(file, renderCloudFormation(set))
    const lint = await cfnLint(file, 'cloudformation')
    check(`cloudformation (${policy.name}): cfn-lint passes`, lint === undefined, lint ?? '')
    const parsed = fromResources(get(readTemplate(readFileSync(file, 'utf8')), 'Resources'), (id) => refTarget(id) === 'RestApiId')
    check(`cloudformation (${policy.name}): parsed back, ${set.responses.length} responses with the computed headers`, same(parsed, expected(set)))
  }
})

// ---------------------------------------------------------------- 2. SAM
await timed('SAM output', async () => {
  const recipes = samplesOf('recipes')
  const template = recipes.get('template.yaml')?.code ?? ''
  const file = join(outDir, 'sam-template.yaml')
  writeFileSync(file, template)
  if (hasPythonCfnLint) {
    const lint = await cfnLint(file, 'sam')
    check('sam: docs/recipes.md template.yaml (with the generated GatewayResponses) passes cfn-lint', lint === undefined, lint ?? '')
  } else {
    note('SKIP cfn-lint of the SAM template: the npm cfn-lint predates SAM GatewayResponses, and PyPI could not be reached.')
  }
  for (const policy of POLICIES) {
    const set = gatewayResponses(policy.options, policy.settings)
    const block = get(readTemplate(renderSam(set)), 'GatewayResponses')
    // SAM writes each GatewayResponses.<type>.ResponseParameters.Headers.<name> as gatewayresponse.header.<name>.
    const asCloudFormation = Object.fromEntries((block?.kind === 'map' ? block.entries : []).map((e) => {
      const headers = at(e.value, 'ResponseParameters', 'Headers')
      return [e.key, Object.fromEntries((headers?.kind === 'map' ? headers.entries : []).map((h) => [h.key, text(h.value) ?? '?']))]
    }))
    const cloudformation = fromResources(get(readTemplate(renderCloudFormation(set)), 'Resources'), () => true)
    check(`sam (${policy.name}): the block stands for the cfn-lint-checked CloudFormation output`, same(asCloudFormation, cloudformation))
  }
})

// ---------------------------------------------------------------- 3. Serverless Framework
await timed('Serverless Framework v3: print and package', async () => {
  const env = { SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_EC2_METADATA_DISABLED: 'true', AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' }
  const production = samplesOf('recipes')
  const services: { name: string; yml: string; set: GatewayResponseSet }[] = [
    {
      // The recipe as written; its block is the generator's for the production policy (test/docs/recipes.test.ts).
      name: 'docs/recipes.md serverless.rest.yml',
      yml: production.get('serverless.rest.yml')?.code.replace("frameworkVersion: '4'", "frameworkVersion: '3'") ?? '',
      set: gatewayResponses({ origins: ['https://app.example.com', 'https://*.example.com'], credentials: true, exposedHeaders: ['X-Request-Id'] }, { gatewayOrigin: 'reflect', types: ['DEFAULT_4XX', 'DEFAULT_5XX'] }),
    },
    {
      name: 'a service with the default list (one origin)',
      yml: `service: gateway-tools\nframeworkVersion: '3'\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  api:\n    handler: src/rest-handler.handler\n    events:\n      - http:\n          method: GET\n          path: /items\n${renderServerless(gatewayResponses(POLICIES[0]?.options as CorsOptions))}`,
      set: gatewayResponses(POLICIES[0]?.options as CorsOptions),
    },
  ]
  // The framework waits on the network for a while at each start: run the services side by side.
  const serviceChecks = await Promise.all(services.map(async (service, i) => {
    const checks: [string, boolean, string?][] = []
    const check = (name: string, ok: boolean, detail = ''): void => { checks.push([name, ok, detail]) }
    const dir = join(outDir, `serverless-${i}`)
    mkdirSync(join(dir, 'src'), { recursive: true })
    writeFileSync(join(dir, 'serverless.yml'), service.yml)
    for (const handler of ['rest-handler', 'preflight']) writeFileSync(join(dir, 'src', `${handler}.js`), 'exports.handler = exports.options = async () => ({ statusCode: 204 })\n')
    const [print, pack] = await Promise.all([
      run(serverlessBin, ['print', '--format', 'json'], { cwd: dir, env }),
      run(serverlessBin, ['package', '--package', join(dir, '.package')], { cwd: dir, env }),
    ])
    let printed: { resources?: { Resources?: Record<string, { Properties: { ResponseType: string; RestApiId: unknown; ResponseParameters: Record<string, string> } }> } } = {}
    try { printed = JSON.parse(print.stdout) as typeof printed } catch { /* reported below */ }
    const printedResponses = Object.fromEntries(Object.values(printed.resources?.Resources ?? {}).map((r) => [r.Properties.ResponseType,
      Object.fromEntries(Object.entries(r.Properties.ResponseParameters).map(([k, v]) => [k.replace(/^gatewayresponse\.header\./, ''), v]))]))
    check(`serverless print (${service.name}): loads, with the generated gateway responses`, print.status === 0 && same(printedResponses, expected(service.set)), print.status === 0 ? JSON.stringify(printedResponses).slice(0, 300) : print.output)
    const packaged = join(dir, '.package', 'cloudformation-template-update-stack.json')
    check(`serverless package (${service.name}): packages without an AWS account`, pack.status === 0 && existsSync(packaged), pack.output)
    if (!existsSync(packaged)) return checks
    const template = JSON.parse(readFileSync(packaged, 'utf8')) as { Resources: Record<string, { Type: string; Properties?: { RestApiId?: unknown } }> }
    const restApi = Object.entries(template.Resources).find(([, r]) => r.Type === 'AWS::ApiGateway::RestApi')?.[0]
    const responses = Object.values(template.Resources).filter((r) => r.Type === 'AWS::ApiGateway::GatewayResponse')
    check(`serverless package (${service.name}): ${service.set.responses.length} gateway responses of the REST API ${restApi ?? '(none)'}`,
      restApi === 'ApiGatewayRestApi' && responses.length === service.set.responses.length && responses.every((r) => same(r.Properties?.RestApiId, { Ref: restApi })))
    if (hasPythonCfnLint || hasJsCfnLint) {
      // The framework writes Policy: '' on the REST API it creates, which the npm cfn-lint's old specification refuses.
      const lint = await cfnLint(packaged, 'cloudformation', hasPythonCfnLint ? undefined : /^Resources > ApiGatewayRestApi > Properties > Policy$/)
      check(`serverless package (${service.name}): the packaged template passes cfn-lint`, lint === undefined, lint ?? '')
    }
    return checks
  }))
  for (const [name, ok, detail] of serviceChecks.flat()) check(name, ok, detail)
})

// ---------------------------------------------------------------- 4. CDK
await timed('AWS CDK: type-check and synthesize', async () => {
  const appDir = join(cdkDir, 'app-gateway')
  rmSync(appDir, { recursive: true, force: true })
  mkdirSync(join(appDir, 'src'), { recursive: true })
  const policy = POLICIES[0]?.options as CorsOptions
  const set = gatewayResponses(policy)
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'gateway-cdk', private: true }))
  // The `cdk` format, as printed; the guide's sample and its policy; the library helper.
  writeFileSync(join(appDir, 'cors-gateway.ts'), renderCdk(set))
  writeFileSync(join(appDir, 'src', 'cors-policy.ts'), runnableSource(sample('gateway', 'cors-policy.ts').code, join(appDir, 'src')))
  writeFileSync(join(appDir, 'src', 'cors-errors.ts'), runnableSource(sample('gateway', 'cors-errors.ts').code, join(appDir, 'src')))
  writeFileSync(join(appDir, 'policy.ts'), `export const policy = ${JSON.stringify(policy)}\n`)
  writeFileSync(join(appDir, 'stack.ts'), runnableSource(`import { App, Stack } from 'aws-cdk-lib'
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway'
import { addGatewayResponses, gatewayResponses } from 'lambda-cors/gateway'
import { addCorsGatewayResponses } from './cors-gateway.js'
import { policy } from './policy.js'
import { addCorsToErrors } from './src/cors-errors.js'

const app = new App()
const stack = new Stack(app, 'GatewayResponses')
function restApi(id: string): RestApi {
  const api = new RestApi(stack, id)
  api.root.addMethod('GET', new MockIntegration())
  return api
}
addCorsGatewayResponses(restApi('Printed'))
addGatewayResponses(restApi('Helper'), gatewayResponses(policy))
addCorsToErrors(restApi('Guide'))
app.synth()
`, appDir))
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), (path) => readFileSync(path, 'utf8'))
  const options = { ...ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot).options, noEmit: true, noUnusedLocals: true, verbatimModuleSyntax: false }
  const program = ts.createProgram([join(appDir, 'stack.ts')], options)
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName.startsWith(appDir) ?? true)
  check('cdk: the printed snippet, addGatewayResponses() and cors-errors.ts type-check against aws-cdk-lib', diagnostics.length === 0,
    ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => appDir, getNewLine: () => '\n' }))
  const outdir = join(appDir, 'cdk.out')
  const synth = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'stack.ts'], { cwd: appDir, encoding: 'utf8', env: { ...process.env, CDK_OUTDIR: outdir } })
  const templateFile = join(outdir, 'GatewayResponses.template.json')
  check('cdk: synthesizes', synth.status === 0 && existsSync(templateFile), `${synth.stdout}${synth.stderr}`)
  if (!existsSync(templateFile)) return
  const template = readTemplate(readFileSync(templateFile, 'utf8'))
  const resources = get(template, 'Resources')
  for (const id of ['Printed', 'Helper', 'Guide']) {
    const apiId = resources?.kind === 'map' ? resources.entries.find((e) => e.key.startsWith(id) && text(get(e.value, 'Type')) === 'AWS::ApiGateway::RestApi')?.key : undefined
    const found = fromResources(resources, (node) => refTarget(node) === apiId)
    check(`cdk (${id}): the REST API has the ${set.responses.length} gateway responses with the computed headers`, apiId !== undefined && same(found, expected(set)), JSON.stringify(Object.keys(found)))
  }
})

console.log(`gateway-tools: ${passes} passed, ${failures} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exit(failures === 0 ? 0 : 1)
