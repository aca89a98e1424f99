import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GUIDES, blocksOf, guideFile, guidePath, repoRoot, samplesOf } from './samples.js'

/**
 * The guides as documents: every code block is either a named sample that the
 * guide's own tests (test/docs/<guide>.test.ts, or <guide>-<part>.test.ts
 * for a part run on its own) exercise, or a shell command /
 * browser message; every `npm run` names a real script; every relative link
 * and anchor resolves.
 */
function testSourceOf(guide: string): string {
  const folder = join(repoRoot, 'test', 'docs')
  const name = guide.toLowerCase()
  return readdirSync(folder)
    .filter((file) => file === `${name}.test.ts` || (file.startsWith(`${name}-`) && file.endsWith('.test.ts')))
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n')
}
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

describe.each(GUIDES.map((guide) => [guideFile(guide), guide]))('%s', (file, guide) => {
  const blocks = blocksOf(guide)
  const samples = samplesOf(guide)

  it('has code samples, each named or a shell command / browser output', () => {
    expect(samples.size).toBeGreaterThan(0)
    for (const block of blocks) {
      const where = `${file}:${block.line} (${block.lang || 'no language'})`
      expect(['ts', 'yaml', 'json', 'html', 'text', 'sh'], where).toContain(block.lang)
      if (['ts', 'yaml', 'json', 'html'].includes(block.lang)) expect(block.name, `${where} needs a <!-- sample: name --> marker`).toBeDefined()
    }
  })

  it('every sample is exercised: named by the guide\'s own test, or imported by a sample that is', () => {
    // Sample names repeat across guides (handler.ts, cors-policy.ts), so only the guide's own test counts.
    const testSource = testSourceOf(guide)
    const imported = new Set<string>()
    for (const block of samples.values()) {
      for (const match of block.code.matchAll(/from '\.\/([\w-]+)\.js'/g)) imported.add(`${match[1]}.ts`)
    }
    for (const [name, block] of samples) {
      const exercised = testSource.includes(`'${name}'`) || imported.has(name)
      expect(exercised, `${file}:${block.line} sample ${name} is not used by test/docs/${guide.toLowerCase()}.test.ts`).toBe(true)
    }
  })

  it('names only npm scripts that exist', () => {
    for (const block of blocks.filter((b) => b.lang === 'sh')) {
      for (const match of block.code.matchAll(/npm run ([\w:-]+)/g)) {
        expect(Object.keys(packageJson.scripts), `${file}:${block.line}`).toContain(match[1])
      }
    }
  })

  it('links to files and headings that exist', () => {
    const text = readFileSync(guidePath(guide), 'utf8')
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] as string
      if (/^[a-z]+:/.test(target)) continue // external
      const [linked = '', anchor] = target.split('#')
      const path = linked === '' ? guidePath(guide) : join(dirname(guidePath(guide)), linked)
      expect(existsSync(path), `${file} links to ${target}`).toBe(true)
      if (anchor !== undefined && path.endsWith('.md')) {
        expect([...anchorsOf(readFileSync(path, 'utf8'))], `${file} links to ${target}`).toContain(anchor)
      }
    }
  })
})
