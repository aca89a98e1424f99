import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/** The repository root, whatever directory the benchmark is started from. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Scratch space for bundles (git-ignored). */
export const scratchDir = join(repoRoot, '.tmp', 'bench')
