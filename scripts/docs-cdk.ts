/**
 * Checks the AWS CDK samples of docs/recipes.md and docs/preflight.md against
 * the real aws-cdk-lib:
 *
 *   npx tsx scripts/docs-cdk.ts        (npm run test:docs-cdk)
 *
 * aws-cdk-lib is too large to be a dev dependency (about 190 MB), so it is
 * installed from the npm registry into .tmp/cdk/ once and reused. Then, for
 * each guide:
 * 1. the sample (`cdk-stack.ts`) and the function modules it bundles (the
 *    guide's other TypeScript samples) are written into .tmp/cdk/<app>/, laid
 *    out as in a CDK project;
 * 2. the sample is type-checked with the project's strict compiler options;
 * 3. it is run the way `cdk synth` runs it (CDK_OUTDIR set, asset bundling
 *    skipped so no esbuild or Docker is needed), and the CloudFormation
 *    template it produces is checked: OPTIONS methods and routes go to the
 *    preflight function without authorizer, no mock (gateway CORS) methods,
 *    no HTTP API CORS configuration, and for recipes.md gateway responses
 *    DEFAULT_4XX and DEFAULT_5XX with the CORS headers.
 * Exits non-zero on any failure.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { repoRoot, runnableSource, samplesOf } from '../test/docs/samples.js'

const cdkDir = join(repoRoot, '.tmp', 'cdk')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
let failures = 0
let passes = 0

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passes++
  else failures++
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`)
}

// 1. aws-cdk-lib and constructs, once.
if (!existsSync(join(cdkDir, 'node_modules', 'aws-cdk-lib', 'package.json'))) {
  mkdirSync(cdkDir, { recursive: true })
  console.log(`installing aws-cdk-lib@2 and constructs@10 from the npm registry into ${cdkDir} ...`)
  const install = spawnSync(npm, ['install', '--prefix', cdkDir, '--no-audit', '--no-fund', 'aws-cdk-lib@2', 'constructs@10'], { encoding: 'utf8' })
  if (install.status !== 0) {
    console.log(install.stdout, install.stderr)
    check('install aws-cdk-lib', false)
    process.exit(1)
  }
}
const cdkVersion = (JSON.parse(readFileSync(join(cdkDir, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf8')) as { version: string }).version

// The project's compiler options. A CDK app is CommonJS, so `import` compiles to
// require(): verbatimModuleSyntax (which forbids that) is the one project
// option a CDK project does not share.
const config = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), (path) => readFileSync(path, 'utf8'))
const compilerOptions = { ...ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot).options, noEmit: true, noUnusedLocals: true, verbatimModuleSyntax: false }

/** The CDK sample of each guide, the folder its app is written to, and the checks of its template. */
const APPS: { guide: string; dir: string; check: (template: Template) => void }[] = [
  { guide: 'recipes', dir: 'app', check: checkRecipesTemplate },
  { guide: 'preflight', dir: 'app-preflight', check: checkPreflightTemplate },
]
for (const app of APPS) checkApp(app.guide, join(cdkDir, app.dir), app.check)

console.log(`docs-cdk: ${passes} passed, ${failures} failed`)
process.exit(failures === 0 ? 0 : 1)

function checkApp(guide: string, appDir: string, checkTemplate: (template: Template) => void): void {
  console.log(`docs/${guide}.md: cdk-stack.ts`)
  // The app, as a CDK project lays it out: the stack at the root, the functions in src/.
  rmSync(appDir, { recursive: true, force: true })
  mkdirSync(join(appDir, 'src'), { recursive: true })
  const samples = samplesOf(guide)
  const stack = samples.get('cdk-stack.ts')
  if (stack === undefined) throw new Error(`docs/${guide}.md has no cdk-stack.ts sample`)
  // The stack may import lambda-cors (the gateway responses): point it at src/.
  writeFileSync(join(appDir, 'cdk-stack.ts'), runnableSource(stack.code, appDir))
  for (const [name, block] of samples) {
    if (name.endsWith('.ts') && name !== 'cdk-stack.ts') writeFileSync(join(appDir, 'src', name), runnableSource(block.code, join(appDir, 'src')))
  }
  // A CommonJS project, as `cdk init app --language typescript` makes.
  writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: `${guide}-cdk`, private: true }, null, 2))

  // Type-check with the project's options.
  const program = ts.createProgram([join(appDir, 'cdk-stack.ts')], compilerOptions)
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName.startsWith(appDir) ?? true)
  check(`${guide}: cdk-stack.ts type-checks against aws-cdk-lib ${cdkVersion}`, diagnostics.length === 0, ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f, getCurrentDirectory: () => appDir, getNewLine: () => '\n',
  }))

  // Synthesize, as `cdk synth` would, without bundling the functions.
  const outdir = mkdtempSync(join(tmpdir(), 'lambda-cors-cdk-'))
  try {
    const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')
    const synth = spawnSync(process.execPath, [tsx, 'cdk-stack.ts'], {
      cwd: appDir,
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [] }) },
    })
    const templateFile = join(outdir, 'ItemsApi.template.json')
    check(`${guide}: cdk-stack.ts synthesizes`, synth.status === 0 && existsSync(templateFile), `${synth.stdout}${synth.stderr}`.trim())
    if (existsSync(templateFile)) checkTemplate(JSON.parse(readFileSync(templateFile, 'utf8')) as Template)
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

interface Resource { Type: string; Properties: Record<string, unknown> }
interface Template { Resources: Record<string, Resource> }

/** Reading a synthesized template: resources of a type, functions by id prefix, references. */
function reader(template: Template) {
  const resources = Object.entries(template.Resources)
  const ofType = (type: string): [string, Resource][] => resources.filter(([, r]) => r.Type === type)
  const functionNamed = (prefix: string): string | undefined => ofType('AWS::Lambda::Function').find(([id]) => id.startsWith(prefix))?.[0]
  const refersTo = (value: unknown, id: string | undefined): boolean => id !== undefined && JSON.stringify(value).includes(`"${id}"`)
  /** The function an HTTP API route's integration invokes, by logical id. */
  const routeTarget = (routeKey: string): { route: Record<string, unknown> | undefined; functionId: string | undefined } => {
    const route = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties).find((r) => r.RouteKey === routeKey)
    const integration = ofType('AWS::ApiGatewayV2::Integration').find(([id]) => refersTo(route?.Target, id))
    const functionId = ofType('AWS::Lambda::Function').map(([id]) => id).find((id) => refersTo(integration?.[1].Properties.IntegrationUri, id))
    return { route, functionId }
  }
  return { ofType, functionNamed, refersTo, routeTarget }
}

function checkRecipesTemplate(template: Template): void {
  const { ofType, functionNamed, refersTo } = reader(template)
  const preflightId = functionNamed('Preflight')

  const methods = ofType('AWS::ApiGateway::Method').map(([, r]) => r.Properties)
  const optionsMethods = methods.filter((m) => m.HttpMethod === 'OPTIONS')
  check('REST: an OPTIONS method on each of the 2 resources', optionsMethods.length === 2, `${optionsMethods.length} found`)
  check('REST: OPTIONS methods use no authorizer', optionsMethods.every((m) => m.AuthorizationType === 'NONE'))
  check('REST: OPTIONS methods invoke the preflight function (Lambda proxy)', optionsMethods.every((m) => {
    const integration = m.Integration as { Type?: string; Uri?: unknown }
    return integration.Type === 'AWS_PROXY' && refersTo(integration.Uri, preflightId)
  }))
  check('REST: no mock integration (the gateway\'s own CORS)', methods.every((m) => (m.Integration as { Type?: string } | undefined)?.Type !== 'MOCK'))

  const gatewayResponses = ofType('AWS::ApiGateway::GatewayResponse').map(([, r]) => r.Properties)
  check('REST: gateway responses DEFAULT_4XX and DEFAULT_5XX', JSON.stringify(gatewayResponses.map((g) => g.ResponseType).sort()) === '["DEFAULT_4XX","DEFAULT_5XX"]')
  check('REST: gateway responses carry the policy\'s headers (reflected Allow-Origin, Allow-Credentials, Expose-Headers, Vary)', gatewayResponses.every((g) => {
    const parameters = g.ResponseParameters as Record<string, string>
    return parameters['gatewayresponse.header.Access-Control-Allow-Origin'] === 'method.request.header.origin'
      && parameters['gatewayresponse.header.Access-Control-Allow-Credentials'] === "'true'"
      && parameters['gatewayresponse.header.Access-Control-Expose-Headers'] === "'X-Request-Id'"
      && parameters['gatewayresponse.header.Vary'] === "'Origin'"
  }))

  const httpApis = ofType('AWS::ApiGatewayV2::Api').map(([, r]) => r.Properties)
  check('HTTP API: no CORS configuration', httpApis.length === 1 && httpApis.every((api) => api.CorsConfiguration === undefined))
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties)
  const optionsRoute = routes.find((route) => route.RouteKey === 'OPTIONS /{proxy+}')
  check('HTTP API: an OPTIONS /{proxy+} route without authorizer', optionsRoute !== undefined && (optionsRoute.AuthorizationType ?? 'NONE') === 'NONE')
  const integrations = ofType('AWS::ApiGatewayV2::Integration')
  const target = integrations.find(([id]) => refersTo(optionsRoute?.Target, id))
  check('HTTP API: the OPTIONS route invokes the preflight function', target !== undefined && refersTo(target[1].Properties.IntegrationUri, preflightId))

  const handlers = ofType('AWS::Lambda::Function').map(([id, r]) => `${id}: ${String(r.Properties.Handler)} ${String(r.Properties.Runtime)}`)
  check('three functions on nodejs22.x', handlers.length === 3 && handlers.every((h) => h.endsWith('nodejs22.x')), handlers.join('; '))
}

function checkPreflightTemplate(template: Template): void {
  const { ofType, functionNamed, routeTarget } = reader(template)
  check('preflight: no REST API', ofType('AWS::ApiGateway::RestApi').length === 0)
  const httpApis = ofType('AWS::ApiGatewayV2::Api').map(([, r]) => r.Properties)
  check('preflight: one HTTP API, without CORS configuration', httpApis.length === 1 && httpApis.every((api) => api.CorsConfiguration === undefined))
  const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => String(r.Properties.RouteKey)).sort()
  check('preflight: routes GET /items, PUT /items/{id}, OPTIONS /{proxy+}', JSON.stringify(routeKeys) === JSON.stringify(['GET /items', 'OPTIONS /{proxy+}', 'PUT /items/{id}']), routeKeys.join(', '))
  const options = routeTarget('OPTIONS /{proxy+}')
  check('preflight: OPTIONS /{proxy+} has no authorizer', options.route !== undefined && (options.route.AuthorizationType ?? 'NONE') === 'NONE')
  check('preflight: OPTIONS /{proxy+} invokes the preflight function', options.functionId !== undefined && options.functionId === functionNamed('Preflight'))
  for (const routeKey of ['GET /items', 'PUT /items/{id}']) {
    const target = routeTarget(routeKey)
    check(`preflight: ${routeKey} invokes the business function`, target.functionId !== undefined && target.functionId === functionNamed('Api'))
  }
  const handlers = ofType('AWS::Lambda::Function').map(([id, r]) => `${id}: ${String(r.Properties.Handler)} ${String(r.Properties.Runtime)}`)
  // The preflight module exports `options`, as in every guide.
  const expected = (id: string, exported: string) => handlers.some((h) => h.startsWith(id) && h.endsWith(`index.${exported} nodejs22.x`))
  check('preflight: two functions on nodejs22.x, Api at index.handler and Preflight at index.options',
    handlers.length === 2 && expected('Api', 'handler') && expected('Preflight', 'options'), handlers.join('; '))
}
