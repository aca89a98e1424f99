/**
 * Globs come from their own entry point (lambda-cors/glob), so that an
 * allowlist without a glob never loads micromatch and a bundler leaves it out.
 * Each deployable is run unbundled (tsx, as the other tests run src/), as an
 * esbuild ESM bundle and as an esbuild CommonJS bundle, in a fresh `node`.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(root, '.tmp', 'test-bundling')
const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs')
// What ESM bundles of CommonJS code (micromatch) need to require() Node built-ins.
const requireShim = "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);"

afterAll(() => rmSync(outDir, { recursive: true, force: true }))

type Delivery = 'unbundled' | 'esbuild ESM' | 'esbuild CJS'

async function deliver(program: string, delivery: Delivery, shim: boolean): Promise<{ file: string; text: string }> {
  const entry = join(root, 'test', 'bundling', `${program}.ts`)
  if (delivery === 'unbundled') return { file: entry, text: '' }
  mkdirSync(outDir, { recursive: true })
  const file = join(outDir, `${program}.${delivery === 'esbuild ESM' ? 'mjs' : 'cjs'}`)
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: delivery === 'esbuild ESM' ? 'esm' : 'cjs',
    ...(shim && delivery === 'esbuild ESM' ? { banner: { js: requireShim } } : {}),
    logLevel: 'silent',
  })
  return { file, text: readFileSync(file, 'utf8') }
}

function run(file: string): Record<string, unknown> {
  const args = file.endsWith('.ts') ? [tsxCli, file] : [file]
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })) as Record<string, unknown>
}

const deliveries: Delivery[] = ['unbundled', 'esbuild ESM', 'esbuild CJS']

describe.each(deliveries)('an allowlist without globs, %s', (delivery) => {
  it('answers, refuses an unmarked glob at once, and carries no micromatch', async () => {
    // No createRequire shim: the ESM bundle must run without one, which it
    // could not if micromatch (CommonJS, requiring Node built-ins) were in it.
    const { file, text } = await deliver('no-glob', delivery, false)
    const result = run(file)
    expect(result.answers).toEqual({
      'https://app.example.com': 'https://app.example.com',
      'https://api.example.com': 'https://api.example.com',
      'http://localhost:3000': 'http://localhost:3000',
      'https://evil.example.net': null,
    })
    expect(result.refusal).toContain("glob('https://{app,admin}.example.com')")
    if (delivery !== 'unbundled') {
      expect(text).not.toMatch(/node_modules\/(micromatch|picomatch|braces)\//)
    }
  }, 60_000)
})

describe.each(deliveries)('an allowlist with globs, %s', (delivery) => {
  it('answers as the globs say and refuses a broken glob from cors() at once', async () => {
    const { file, text } = await deliver('with-glob', delivery, true)
    const result = run(file)
    expect(result.answers).toEqual({
      'https://admin.example.com': 'https://admin.example.com',
      'https://pr-42.preview.example.com': 'https://pr-42.preview.example.com',
      'https://x.pr-1.preview.example.com': null,
      'https://apps.example.com': null,
    })
    expect(result.refusal).toContain('unbalanced braces')
    expect(result.matcher).toEqual([true, false])
    if (delivery !== 'unbundled') expect(text).toMatch(/node_modules\/micromatch\//)
  }, 60_000)
})
