/**
 * Docs, README, demo and examples speak to users about the product: no
 * wording about issues, tasks or mandates ("target (issue 5)", "the issue
 * mandates", "scenario of issue 4").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './samples.js'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(md|ts|html)$/.test(name) ? [path] : []
  })
}

const files = [join(repoRoot, 'README.md'), ...['docs', 'demo', 'examples', 'bench'].flatMap((dir) => filesUnder(join(repoRoot, dir)))]
const FORBIDDEN = [/\bissue \d+/i, /\bthe issue\b/i, /\bmandat/i, /\bissue mandates\b/i, /\bscenario of issue\b/i]

describe('user-facing text', () => {
  it.each(files.map((file) => [relative(repoRoot, file), file]))('%s has no issue or mandate wording', (_, file) => {
    const text = readFileSync(file, 'utf8')
    for (const pattern of FORBIDDEN) expect(text.match(pattern)?.[0], String(pattern)).toBeUndefined()
  })
})
