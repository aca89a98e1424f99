#!/usr/bin/env node
/**
 * npm run build: dist/ from src/.
 *
 * 1. tsc emits every module with its declarations, declaration maps and
 *    source maps (the CLI and the declarations use these files).
 * 2. esbuild then replaces each public entry point (dist/index.js,
 *    dist/glob.js) with one self-contained ES module: an unbundled handler
 *    that imports 'lambda-cors' loads one file instead of a graph of small
 *    modules, which is most of an unbundled cold start. Dependencies stay
 *    imports (`packages: 'external'`), so micromatch is loaded only through
 *    lambda-cors/glob. Not minified, with a source map into src/.
 */
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const entries = ['index', 'glob']

rmSync(join(root, 'dist'), { recursive: true, force: true })
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })

for (const entry of entries) {
  await build({
    entryPoints: [join(root, 'src', `${entry}.ts`)],
    outfile: join(root, 'dist', `${entry}.js`),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
  })
}
