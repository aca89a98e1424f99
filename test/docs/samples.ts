/**
 * The code samples of the user guides, read from the markdown itself so that
 * a test always exercises exactly what a reader copies.
 *
 * A sample is a fenced block preceded by a marker comment that names it:
 *
 *     <!-- sample: handler.ts -->
 *     ```ts
 *     ...
 *     ```
 *
 * `<!-- sample: name.ts throws -->` marks a sample that must fail when it is
 * loaded (a refused configuration). Samples of one guide are written into one
 * folder under their names, so they import each other (`./cors-policy.js`);
 * `from 'lambda-cors'` is pointed at this repository's src/index.ts.
 *
 * A guide is `docs/<name>.md`, except `README`, the repository's README.md
 * (its quick start is held to the same rules).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseYamlSubset, type YamlObject } from './yaml-subset.js'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const docsDir = join(repoRoot, 'docs')

/** The guides whose samples are tested. */
export const GUIDES = ['getting-started', 'recipes', 'troubleshooting', 'security', 'migrating', 'middleware', 'without-middy', 'preflight', 'doctor', 'gateway', 'README'] as const
export type Guide = (typeof GUIDES)[number]

/** The markdown file of a guide: `docs/<guide>.md`, or the repository's README.md. */
export function guidePath(guide: string): string {
  return guide === 'README' ? join(repoRoot, 'README.md') : join(docsDir, `${guide}.md`)
}

/** The guide's file relative to the repository, for messages: `docs/recipes.md`, `README.md`. */
export function guideFile(guide: string): string {
  return relative(repoRoot, guidePath(guide)).replaceAll('\\', '/')
}

/** One fenced block of a guide. */
export interface Block {
  readonly guide: string
  /** The info string's first word: ts, yaml, json, sh, text... */
  readonly lang: string
  readonly code: string
  /** 1-based line of the opening fence. */
  readonly line: number
  /** The marker's name, when the block is a sample. */
  readonly name?: string
  /** The marker says the sample must fail when loaded. */
  readonly throws: boolean
}

const MARKER = /^<!--\s*sample:\s*([\w.-]+)(\s+throws)?\s*-->$/

/** Every fenced block of the guide's file, with its marker when it has one. */
export function blocksOf(guide: string): Block[] {
  const text = readFileSync(guidePath(guide), 'utf8')
  const lines = text.split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i] as string)
    if (open === null) continue
    const [, indent = '', fence = '```', lang = ''] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const line = lines[j] as string
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') break
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line)
    }
    if (j === lines.length) throw new Error(`${guideFile(guide)}:${i + 1}: unclosed code fence`)
    let k = i - 1
    while (k >= 0 && (lines[k] as string).trim() === '') k--
    const marker = k >= 0 ? MARKER.exec((lines[k] as string).trim()) : null
    blocks.push({
      guide,
      lang: lang.toLowerCase(),
      code: body.join('\n') + '\n',
      line: i + 1,
      ...(marker === null ? {} : { name: marker[1] as string }),
      throws: marker?.[2] !== undefined,
    })
    i = j
  }
  return blocks
}

/** The named samples of a guide, by name. Names are unique within a guide. */
export function samplesOf(guide: string): Map<string, Block> {
  const samples = new Map<string, Block>()
  for (const block of blocksOf(guide)) {
    if (block.name === undefined) continue
    if (samples.has(block.name)) throw new Error(`${guideFile(guide)}:${block.line}: a second sample named ${block.name}`)
    samples.set(block.name, block)
  }
  return samples
}

/** A named sample, or an error naming the guide. */
export function sample(guide: string, name: string): Block {
  const found = samplesOf(guide).get(name)
  if (found === undefined) throw new Error(`${guideFile(guide)} has no sample named ${name}`)
  return found
}

/** A YAML sample of a guide, parsed with the strict subset parser; it must be a mapping. */
export function yamlSample(guide: string, name: string): YamlObject {
  const value = parseYamlSubset(sample(guide, name).code)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${guideFile(guide)}: ${name} is not a YAML mapping`)
  }
  return value
}

/** Source of a TypeScript sample as written to disk: `lambda-cors` imports (and its subpaths) point at src/. */
export function runnableSource(code: string, folder: string): string {
  return code.replace(/(from\s+|import\s*\(\s*)(['"])lambda-cors(\/[a-z]+)?\2/g, (_, lead: string, quote: string, subpath: string | undefined) => {
    let target = relative(folder, join(repoRoot, 'src', sourceOfEntry(subpath ?? ''))).replaceAll('\\', '/')
    if (!target.startsWith('.')) target = `./${target}`
    return `${lead}${quote}${target}${quote}`
  })
}

/** The src/ module behind an entry point of package.json's `exports` (`''`, `'/glob'`, ...). */
function sourceOfEntry(subpath: string): string {
  const exports = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, { default: string }> }).exports
  const entry = exports[`.${subpath}`]
  if (entry === undefined) throw new Error(`lambda-cors${subpath} is not an entry point in package.json`)
  return entry.default.replace(/^\.\/dist\//, '')
}

/**
 * Writes every sample of a guide into `.tmp/docs-samples/<purpose>/<guide>/`
 * (emptied first) and returns the folder. TypeScript samples get their
 * `lambda-cors` imports pointed at src/; other samples are written as they are.
 */
export function writeSamples(guide: string, purpose: string): string {
  const folder = join(repoRoot, '.tmp', 'docs-samples', purpose, guide)
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  for (const [name, block] of samplesOf(guide)) {
    const isScript = /\.(ts|mts|cts|js|mjs|cjs)$/.test(name)
    writeFileSync(join(folder, name), isScript ? runnableSource(block.code, folder) : block.code)
  }
  return folder
}

/** Imports a written TypeScript sample by name. */
export async function importSample<T = Record<string, unknown>>(folder: string, name: string): Promise<T> {
  return (await import(/* @vite-ignore */ join(folder, name))) as T
}
