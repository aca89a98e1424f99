/**
 * `npm ci` on Node 20 prints no EBADENGINE warning: no package in the lock
 * file declares an engines.node range that the oldest supported Node (20,
 * as of the version CI runs) does not satisfy. @middy/core 7 (Node >=22) is
 * installed by scripts/matrix.mjs where the matrix needs it, not here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// semver is in the lock file already (a dependency of the dev tools); read it as npm does.
const semver = createRequire(import.meta.url)('semver') as { satisfies: (version: string, range: string) => boolean }
const root = join(import.meta.dirname, '..')
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; version?: string; optional?: boolean }>
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }

/** Node 20 as CI runs it, and its first release that supports require(esm), the oldest we promise. */
const NODE_20_VERSIONS = ['20.19.0', process.versions.node.startsWith('20.') ? process.versions.node : '20.20.0']

describe('npm ci on Node 20', () => {
  it('installs no package whose engines.node excludes Node 20', () => {
    const excluded: string[] = []
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node
      if (path === '' || range === undefined) continue
      for (const version of NODE_20_VERSIONS) {
        if (!semver.satisfies(version, range)) excluded.push(`${path}@${entry.version} wants node ${range} (not ${version})`)
      }
    }
    expect(excluded).toEqual([])
  })

  it('has no @middy/core 7 devDependency (the matrix installs it into .tmp/middy7)', () => {
    expect(Object.values(pkg.devDependencies).filter((spec) => /@middy\/core@\^?7/.test(spec))).toEqual([])
  })
})
