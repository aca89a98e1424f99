#!/usr/bin/env node
// npm run test:mutation [-- stryker options]
// npm run test:mutation -- --changed [base]   mutate only the src/ files changed since base (default origin/main or main)
//
// Stryker 10 needs Node 22 or later. The project itself supports Node 20, so
// when this Node is older, Node 22 is installed from the npm registry (the
// `node` package) into .tmp/node22 once, and Stryker runs on it.
//
// Stryker is not a devDependency: its packages declare Node >=22 in
// `engines`, which would make `npm ci` on Node 20 warn. It is installed once,
// at the pinned version below, into .tmp/stryker. That directory sits inside
// the project, so the vitest runner's `import 'vitest/node'` walks up to the
// project's node_modules and runs the project's own vitest (peer dependencies
// are not installed there, so no second vitest exists to be found first).
import { execFileSync, spawnSync } from 'node:child_process'
import { ensureMiddy7, MIDDY7_PACKAGE } from './lib/middy7.mjs'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const MIN_MAJOR = 22
const STRYKER_VERSION = '10.1.1'
const STRYKER_PACKAGES = ['@stryker-mutator/core', '@stryker-mutator/vitest-runner']

function nodeForStryker() {
  if (Number(process.versions.node.split('.')[0]) >= MIN_MAJOR) return process.execPath
  const prefix = join(root, '.tmp', 'node22')
  const binary = join(prefix, 'node_modules', 'node', 'bin', 'node')
  const works = () => existsSync(binary) && spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout?.startsWith(`v${MIN_MAJOR}.`)
  if (!works()) {
    console.error(`Installing Node ${MIN_MAJOR} from the npm registry into ${prefix} (once) ...`)
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `node@${MIN_MAJOR}`], { stdio: 'inherit', cwd: root })
    if (!works()) throw new Error(`node@${MIN_MAJOR} did not install a working binary at ${binary}`)
  }
  return binary
}

/** The path of Stryker's CLI, installed into .tmp/stryker first if it is missing or another version. */
function strykerCli() {
  const prefix = join(root, '.tmp', 'stryker')
  const modules = join(prefix, 'node_modules')
  const version = (name) => {
    try {
      return JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version
    } catch {
      return undefined
    }
  }
  if (!STRYKER_PACKAGES.every((name) => version(name) === STRYKER_VERSION)) {
    console.error(`Installing Stryker ${STRYKER_VERSION} from the npm registry into ${prefix} (once) ...`)
    mkdirSync(prefix, { recursive: true })
    execFileSync(
      'npm',
      [
        'install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
        // vitest is a peer of the runner: the project's own is used, not a second copy.
        '--legacy-peer-deps', '--engine-strict=false', '--loglevel=error',
        ...STRYKER_PACKAGES.map((name) => `${name}@${STRYKER_VERSION}`),
      ],
      { stdio: 'inherit', cwd: prefix },
    )
    const wrong = STRYKER_PACKAGES.filter((name) => version(name) !== STRYKER_VERSION)
    if (wrong.length > 0) throw new Error(`${wrong.join(', ')} did not install at ${STRYKER_VERSION} in ${modules}`)
  }
  return join(modules, '@stryker-mutator', 'core', 'bin', 'stryker.js')
}

/** src/ files Stryker mutates that differ from `base` (committed, staged or not). */
function changedSources(base) {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' })
  const ref = base ?? ['origin/main', 'main'].find((name) => spawnSync('git', ['rev-parse', '--verify', '-q', name], { cwd: root }).status === 0)
  if (ref === undefined) throw new Error('--changed: no base given and neither origin/main nor main exists')
  const mergeBase = git('merge-base', ref, 'HEAD').trim()
  const names = new Set([
    ...git('diff', '--name-only', '--diff-filter=d', mergeBase).split('\n'),
    ...git('ls-files', '--others', '--exclude-standard', 'src').split('\n'),
  ])
  return [...names].filter((name) => /^src\/.*\.ts$/.test(name) && !name.startsWith('src/cli/') && name !== 'src/index.ts').sort()
}

let args = process.argv.slice(2)
const changed = args.indexOf('--changed')
if (changed !== -1) {
  const base = args[changed + 1] !== undefined && !args[changed + 1].startsWith('-') ? args[changed + 1] : undefined
  args.splice(changed, base === undefined ? 1 : 2)
  const files = changedSources(base)
  if (files.length === 0) {
    console.log('No mutated src/ file changed: nothing to do.')
    process.exit(0)
  }
  console.log(`Mutating the changed files: ${files.join(', ')}`)
  args = ['--mutate', files.join(','), ...args]
}

const node = nodeForStryker()
// The suite imports @middy/core 7 from .tmp/middy7, which Stryker's sandbox copies leave out.
ensureMiddy7()
const result = spawnSync(node, [strykerCli(), 'run', ...args], {
  stdio: 'inherit', cwd: root, env: { ...process.env, LAMBDA_CORS_MIDDY7_DIR: `${MIDDY7_PACKAGE}/` },
})
process.exit(result.status ?? 1)
