import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot, scratchDir } from '../paths.js'

const run = promisify(execFile)

/** A consumer project under .tmp/ with the packed lambda-cors installed in its node_modules. */
export const consumerDir = join(scratchDir, 'consumer')

/**
 * A copy of the installed package whose Public Suffix List is empty: the
 * reference deployable that shows, in every run, what the list costs at cold
 * start. Never shipped; wildcard checks in it would pass names the real list
 * refuses.
 */
export const referencePackageWithoutPsl = 'lambda-cors-without-psl'

/** The packages the handlers import, besides lambda-cors, copied with their dependencies. */
const handlerDependencies = ['@middy/core', '@middy/http-cors']

/**
 * What a user gets: `npm pack` (which builds dist/ through `prepack`), the
 * tarball unpacked into a consumer's node_modules/lambda-cors, and its
 * runtime dependencies (and @middy's) copied from this repository's
 * node_modules, the versions the lockfile pins, so no network is needed.
 */
export async function preparePackedConsumer(): Promise<string> {
  rmSync(consumerDir, { recursive: true, force: true })
  const modules = join(consumerDir, 'node_modules')
  mkdirSync(modules, { recursive: true })
  await ensureBuilt()
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', consumerDir], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  })
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string }[]
  const unpacked = join(consumerDir, 'unpacked')
  mkdirSync(unpacked)
  await run('tar', ['-xzf', join(consumerDir, info!.filename), '-C', unpacked])
  cpSync(join(unpacked, 'package'), join(modules, 'lambda-cors'), { recursive: true })
  rmSync(unpacked, { recursive: true, force: true })
  writeReferenceWithoutPsl(modules)

  const packed = readJson(join(modules, 'lambda-cors', 'package.json'))
  const copied = new Set<string>()
  for (const name of Object.keys(packed.dependencies ?? {})) copyWithDependencies(name, repoRoot, modules, copied)
  for (const name of handlerDependencies) copyWithDependencies(name, repoRoot, modules, copied)
  return consumerDir
}

/**
 * `npm run build` (what `prepack` runs) unless dist/ is newer than every
 * file in src/ and package.json: the build takes longer than the rest of a
 * quick run, and CI has just built it.
 */
async function ensureBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs))
  const dist = join(repoRoot, 'dist')
  const oldestOutput = existsSync(dist)
    ? Math.min(...readdirSync(dist, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs))
    : 0
  const sources = Math.max(newest(join(repoRoot, 'src')), statSync(join(repoRoot, 'package.json')).mtimeMs)
  if (oldestOutput > sources) return
  await run('npm', ['run', 'build'], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 })
}

/** The installed package, copied as {@link referencePackageWithoutPsl} with the list's one string literal emptied. */
function writeReferenceWithoutPsl(modules: string): void {
  const copy = join(modules, referencePackageWithoutPsl)
  cpSync(join(modules, 'lambda-cors'), copy, { recursive: true })
  const entry = join(copy, 'dist', 'index.js')
  const source = readFileSync(entry, 'utf8')
  const literal = /(\bPUBLIC_SUFFIX_RULES = )"[^"]*";/g
  const found = source.match(literal)?.length ?? 0
  if (found !== 1) throw new Error(`cold start: expected one PUBLIC_SUFFIX_RULES literal in dist/index.js, found ${found}`)
  writeFileSync(entry, source.replace(literal, '$1" ";'))
  const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8')) as Record<string, unknown>
  writeFileSync(join(copy, 'package.json'), `${JSON.stringify({ ...manifest, name: referencePackageWithoutPsl }, null, 2)}\n`)
}

interface PackageJson {
  dependencies?: Record<string, string>
}

function readJson(path: string): PackageJson {
  return JSON.parse(readFileSync(path, 'utf8')) as PackageJson
}

/** Copies a package (resolved as Node would from `from`) and, recursively, its dependencies, flat into `modules`. */
function copyWithDependencies(name: string, from: string, modules: string, copied: Set<string>): void {
  if (copied.has(name)) return
  copied.add(name)
  const source = packageDir(name, from)
  cpSync(source, join(modules, name), { recursive: true, dereference: true, filter: (path) => !path.includes(`${name}/node_modules`) })
  for (const dependency of Object.keys(readJson(join(source, 'package.json')).dependencies ?? {})) {
    copyWithDependencies(dependency, source, modules, copied)
  }
}

/** The directory of package `name` as seen from `from`, walking up node_modules folders. */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dirname(dir) === dir) break
  }
  // Fall back to Node's resolver (e.g. a hoisted layout it knows better).
  return dirname(createRequire(join(from, 'package.json')).resolve(`${name}/package.json`))
}
