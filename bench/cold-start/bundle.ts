import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Plugin } from 'esbuild'
import { repoRoot, scratchDir } from '../paths.js'
import { consumerDir, referencePackageWithoutPsl } from './consumer.js'

/**
 * esbuild's usual shim for ESM bundles that contain CommonJS dependencies
 * (they call require() for Node built-ins). Added to every ESM bundle alike.
 */
const requireShim = "import{createRequire as __bench_cr}from'node:module';const require=__bench_cr(import.meta.url);"

/**
 * The deployables the cold start compares, one handler file each in
 * bench/cold-start/handlers/. *lambda-cors without PSL* is a reference, not
 * something to ship: the same package and handler with the Public Suffix
 * List emptied, so that each run shows what the list costs at cold start.
 */
export const coldStartContenders = ['bare', 'lambda-cors', 'lambda-cors + glob', 'lambda-cors without PSL', 'http-cors'] as const
export type ColdStartContender = (typeof coldStartContenders)[number]

/** Each contender's handler file name, without extension. */
const fileStems: Record<ColdStartContender, string> = {
  bare: 'bare',
  'lambda-cors': 'lambda-cors',
  'lambda-cors + glob': 'lambda-cors-glob',
  'lambda-cors without PSL': 'lambda-cors-without-psl',
  'http-cors': 'http-cors',
}

/** How the handler reaches Lambda: an esbuild bundle (ESM or CommonJS output), or plain files with node_modules. */
export const deliveries = ['esbuild ESM', 'esbuild CJS', 'unbundled'] as const
export type Delivery = (typeof deliveries)[number]

export interface BundleSizes {
  /** Minified bytes. */
  minified: number
  /** Those bytes gzipped (node:zlib, level 9). */
  gzipped: number
}

export interface Deployable {
  contender: ColdStartContender
  delivery: Delivery
  /** The file the probe loads. */
  path: string
  /** Bundles only: @middy/core bundled in. */
  size?: BundleSizes
  /** Bundles only: the same handler with @middy/core external, the weight of the CORS package and its dependencies alone. */
  sizeWithoutMiddy?: BundleSizes
}

const outDir = join(scratchDir, 'cold-start')
const fileStem = (contender: ColdStartContender): string => fileStems[contender]
const handlerFile = (contender: ColdStartContender): string => join(repoRoot, 'bench', 'cold-start', 'handlers', `${fileStem(contender)}.ts`)

/**
 * The handlers import lambda-cors from src/ (so they type-check without a
 * build); this maps those imports to the packed package installed in the
 * consumer project, so every delivery measures what users install. For the
 * unbundled delivery the import stays a bare `lambda-cors` specifier,
 * resolved by Node from the consumer's node_modules at run time.
 */
function packedLambdaCors(external: boolean, packageName: string): Plugin {
  return {
    name: 'packed-lambda-cors',
    setup(builder) {
      builder.onResolve({ filter: /\/src\/[a-z-]+\.js$/ }, async (args) => {
        if (!args.importer.startsWith(join(repoRoot, 'bench'))) return undefined
        const entry = /\/src\/([a-z-]+)\.js$/.exec(args.path)![1]!
        const specifier = entry === 'index' ? packageName : `${packageName}/${entry}`
        if (external) return { path: specifier, external: true }
        const resolved = await builder.resolve(specifier, { kind: args.kind, resolveDir: consumerDir })
        if (resolved.errors.length > 0) return { errors: resolved.errors }
        return { path: resolved.path }
      })
    },
  }
}

/** Builds one contender's handler for one delivery. The consumer project must be prepared first. */
export async function buildDeployable(contender: ColdStartContender, delivery: Delivery): Promise<Deployable> {
  const entry = handlerFile(contender)
  const packageName = contender === 'lambda-cors without PSL' ? referencePackageWithoutPsl : 'lambda-cors'
  if (delivery === 'unbundled') {
    // Only the handler's own file (and its fixtures) is compiled; every package import stays a run-time import.
    const path = join(consumerDir, 'handlers', `${fileStem(contender)}.mjs`)
    await esbuild(entry, path, { format: 'esm', bundle: true, packages: 'external', minify: false, plugins: [packedLambdaCors(true, packageName)] })
    return { contender, delivery, path }
  }
  const format = delivery === 'esbuild ESM' ? 'esm' : 'cjs'
  const extension = format === 'esm' ? 'mjs' : 'cjs'
  const path = join(outDir, `${fileStem(contender)}.${extension}`)
  const options: EsbuildOptions = { format, bundle: true, minify: true, plugins: [packedLambdaCors(false, packageName)] }
  return {
    contender,
    delivery,
    path,
    size: await esbuild(entry, path, options),
    sizeWithoutMiddy: await esbuild(entry, join(outDir, `${fileStem(contender)}.no-middy.${extension}`), { ...options, external: ['@middy/core'] }),
  }
}

/** Bundle the probe program (fixtures only, no libraries). */
export async function bundleProbe(): Promise<string> {
  const path = join(outDir, 'probe.mjs')
  await esbuild(join(repoRoot, 'bench', 'cold-start', 'probe.ts'), path, { format: 'esm', bundle: true, minify: true })
  return path
}

interface EsbuildOptions {
  format: 'esm' | 'cjs'
  bundle: boolean
  minify: boolean
  packages?: 'external'
  external?: string[]
  plugins?: Plugin[]
}

async function esbuild(entry: string, outfile: string, options: EsbuildOptions): Promise<BundleSizes> {
  await build({
    entryPoints: [entry],
    outfile,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    ...options,
    ...(options.format === 'esm' && options.packages === undefined ? { banner: { js: requireShim } } : {}),
  })
  const bytes = await readFile(outfile)
  return { minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length }
}
