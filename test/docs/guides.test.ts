import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GUIDES, blocksOf, docsDir, repoRoot, samplesOf } from './samples.js'

/**
 * The guides as documents: every code block is either a named sample that a
 * test exercises, or a shell command / browser message; every `npm run` names
 * a real script; every relative link and anchor resolves.
 */
const testSources = readdirSync(join(repoRoot, 'test', 'docs'))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => readFileSync(join(repoRoot, 'test', 'docs', file), 'utf8'))
  .join('\n')
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  let inFence = false
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence
    const heading = inFence ? null : /^#{1,6}\s+(.+?)\s*#*$/.exec(line)
    if (heading === null) continue
    const slug = (heading[1] as string).toLowerCase().replace(/`/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-')
    anchors.add(slug)
  }
  return anchors
}

describe.each(GUIDES)('docs/%s.md', (guide) => {
  const blocks = blocksOf(guide)
  const samples = samplesOf(guide)

  it('has code samples, each named or a shell command / browser output', () => {
    expect(samples.size).toBeGreaterThan(0)
    for (const block of blocks) {
      const where = `docs/${guide}.md:${block.line} (${block.lang || 'no language'})`
      expect(['ts', 'yaml', 'json', 'html', 'text', 'sh'], where).toContain(block.lang)
      if (['ts', 'yaml', 'json', 'html'].includes(block.lang)) expect(block.name, `${where} needs a <!-- sample: name --> marker`).toBeDefined()
    }
  })

  it('every sample is exercised: named by a test, or imported by a sample that is', () => {
    const imported = new Set<string>()
    for (const block of samples.values()) {
      for (const match of block.code.matchAll(/from '\.\/([\w-]+)\.js'/g)) imported.add(`${match[1]}.ts`)
    }
    for (const [name, block] of samples) {
      const exercised = testSources.includes(`'${name}'`) || imported.has(name)
      expect(exercised, `docs/${guide}.md:${block.line} sample ${name} is not used by any test in test/docs`).toBe(true)
    }
  })

  it('names only npm scripts that exist', () => {
    for (const block of blocks.filter((b) => b.lang === 'sh')) {
      for (const match of block.code.matchAll(/npm run ([\w:-]+)/g)) {
        expect(Object.keys(packageJson.scripts), `docs/${guide}.md:${block.line}`).toContain(match[1])
      }
    }
  })

  it('links to files and headings that exist', () => {
    const text = readFileSync(join(docsDir, `${guide}.md`), 'utf8')
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string
      if (/^[a-z]+:/.test(target)) continue // external
      const [file = '', anchor] = target.split('#')
      const path = file === '' ? join(docsDir, `${guide}.md`) : join(docsDir, file)
      expect(existsSync(path), `docs/${guide}.md links to ${target}`).toBe(true)
      if (anchor !== undefined && path.endsWith('.md')) {
        expect([...anchorsOf(readFileSync(path, 'utf8'))], `docs/${guide}.md links to ${target}`).toContain(anchor)
      }
    }
  })
})
