import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { repoRoot, scratchDir } from '../paths.js'

/** The public API of lambda-cors, as the in-process cases use it. */
export type LambdaCors = typeof import('../../src/index.js')

/**
 * lambda-cors as it ships, compiled by esbuild from src/ into one ES module
 * (dependencies left as imports), rather than src/ through tsx: tsx's
 * transform keeps function names by wrapping every named function it creates
 * in a `__name()` call, a cost the published build does not have.
 * Built once per process.
 */
export async function shippedLambdaCors(): Promise<LambdaCors> {
  return (await import(await shippedLambdaCorsUrl())) as LambdaCors
}

let built: Promise<string> | undefined

/** The file URL of that build (built once per process), for {@link importIsolated}. */
export function shippedLambdaCorsUrl(): Promise<string> {
  built ??= (async () => {
    const outfile = join(scratchDir, 'in-process', 'lambda-cors.mjs')
    await build({
      entryPoints: [join(repoRoot, 'src', 'index.ts')],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    })
    return pathToFileURL(outfile).href
  })()
  return built
}
