import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { repoRoot, scratchDir } from '../paths.js'
import type { Contender } from '../stacks.js'

/**
 * esbuild's usual shim for ESM bundles that contain CommonJS dependencies
 * (they call require() for Node built-ins). Added to every bundle alike.
 */
const requireShim = "import{createRequire as __bench_cr}from'node:module';const require=__bench_cr(import.meta.url);"

export interface BundleSizes {
  /** Minified bytes. */
  minified: number
  /** Those bytes gzipped (node:zlib, level 9). */
  gzipped: number
}

export interface HandlerBundle {
  contender: Contender
  /** The deployable: @middy/core bundled in (what the cold-start probes import). */
  path: string
  withMiddy: BundleSizes
  /** Same handler with @middy/core left external: the weight of the CORS package and its dependencies alone. */
  withoutMiddy: BundleSizes
}

const outDir = join(scratchDir, 'cold-start')

/** Bundle the small handler for one contender, the same way for all. */
export async function bundleHandler(contender: Contender): Promise<HandlerBundle> {
  const entry = join(repoRoot, 'bench', 'cold-start', 'handlers', `${contender}.ts`)
  const path = join(outDir, `${contender}.mjs`)
  return {
    contender,
    path,
    withMiddy: await bundle(entry, path, []),
    withoutMiddy: await bundle(entry, join(outDir, `${contender}.no-middy.mjs`), ['@middy/core']),
  }
}

/** Bundle the probe program (fixtures only, no libraries). */
export async function bundleProbe(): Promise<string> {
  const path = join(outDir, 'probe.mjs')
  await bundle(join(repoRoot, 'bench', 'cold-start', 'probe.ts'), path, [])
  return path
}

async function bundle(entry: string, outfile: string, external: string[]): Promise<BundleSizes> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: requireShim },
    logLevel: 'warning',
  })
  const bytes = await readFile(outfile)
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length }
}
