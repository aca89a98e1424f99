/**
 * @middy/core 7 for the tests. It declares Node >=22, so as a devDependency
 * it would make `npm ci` warn on Node 20, where it works all the same; it is
 * installed here instead, once, into .tmp/middy7. `npm test` (its pretest
 * step) and the matrix both call this, and the unit suite imports it as
 * `middy7` through an alias (vitest.config.ts, tsconfig.json).
 *
 * Run directly: `node scripts/lib/middy7.mjs` installs it when missing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MIDDY7_RANGE = '^7.9.2'
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const MIDDY7_DIR = join(root, '.tmp', 'middy7')
export const MIDDY7_PACKAGE = join(MIDDY7_DIR, 'node_modules', '@middy', 'core')

/** Installs @middy/core 7 into .tmp/middy7 unless it is there already. */
export function ensureMiddy7() {
  if (existsSync(join(MIDDY7_PACKAGE, 'package.json'))) return
  mkdirSync(MIDDY7_DIR, { recursive: true })
  writeFileSync(join(MIDDY7_DIR, 'package.json'), '{ "private": true, "description": "@middy/core 7 for the tests" }\n')
  console.log(`INSTALL @middy/core@${MIDDY7_RANGE} into ${MIDDY7_DIR}`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const run = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', '--engine-strict=false', `@middy/core@${MIDDY7_RANGE}`], {
    cwd: MIDDY7_DIR, stdio: 'inherit',
  })
  if (run.status !== 0) throw new Error(`installing @middy/core@${MIDDY7_RANGE} failed (exit ${run.status})`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureMiddy7()
