/**
 * docs/getting-started.md works as written in a default `npm init -y`
 * project (CommonJS until told otherwise): a fresh project outside the
 * repository, the guide's install block run line by line (the `npm install`
 * lines linked to this repository's node_modules instead of downloaded, and
 * `lambda-cors` to src/), its samples as files, and `npx tsx try-it.ts`
 * printing exactly what the guide shows.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blocksOf, repoRoot, sample } from './samples.js'

const GUIDE = 'getting-started'
const installBlock = blocksOf(GUIDE).find((block) => block.lang === 'sh' && block.code.includes('npm install lambda-cors'))
let project: string

/** Links an installed package (and lambda-cors itself) into the project's node_modules, as `npm install` would place it. */
function link(name: string): void {
  const target = join(project, 'node_modules', name)
  mkdirSync(dirname(target), { recursive: true })
  if (name === 'lambda-cors') {
    mkdirSync(target)
    writeFileSync(join(target, 'package.json'), JSON.stringify({ name, type: 'module', exports: { '.': './src/index.ts' } }))
    symlinkSync(join(repoRoot, 'src'), join(target, 'src'))
    return
  }
  symlinkSync(join(repoRoot, 'node_modules', name), target)
  const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> }
  const bins = typeof manifest.bin === 'string' ? { [name]: manifest.bin } : manifest.bin ?? {}
  for (const [bin, file] of Object.entries(bins)) {
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true })
    symlinkSync(join(target, file), join(project, 'node_modules', '.bin', bin))
  }
}

function runTryIt(): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('npx', ['--no-install', 'tsx', 'try-it.ts'], { cwd: project, encoding: 'utf8', timeout: 60_000 })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'lambda-cors-getting-started-'))
  execFileSync('npm', ['init', '-y'], { cwd: project, stdio: 'ignore' })
  expect(installBlock, 'the install block').toBeDefined()
  for (const line of (installBlock?.code ?? '').split('\n').map((l) => l.trim()).filter(Boolean)) {
    const install = /^npm install (?:--save-dev )?(.+)$/.exec(line)
    if (install !== null) {
      for (const name of (install[1] as string).split(/\s+/)) link(name)
    } else {
      const [command, ...args] = line.split(/\s+/)
      execFileSync(command as string, args, { cwd: project, stdio: 'ignore' })
    }
  }
  for (const name of ['cors-policy.ts', 'handler.ts', 'preflight.ts', 'try-it.ts']) writeFileSync(join(project, name), sample(GUIDE, name).code)
}, 60_000)

afterAll(() => {
  rmSync(project, { recursive: true, force: true })
})

describe('docs/getting-started.md in a fresh `npm init -y` project', () => {
  it('the install block names every tool the guide runs (tsx)', () => {
    expect(installBlock?.code).toMatch(/--save-dev [^\n]*\btsx\b/)
  })

  it('npx tsx try-it.ts prints what the guide shows', () => {
    const run = runTryIt()
    // stderr holds the 404 that @middy/http-error-handler logs, as the guide says.
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toBe(sample(GUIDE, 'try-it.output.txt').code)
  }, 90_000)

  it('and the `npm pkg set type=module` line is what makes it work', () => {
    execFileSync('npm', ['pkg', 'delete', 'type'], { cwd: project, stdio: 'ignore' })
    try {
      const run = runTryIt()
      expect(run.status).not.toBe(0)
      expect(run.stderr).toMatch(/top-level await/i)
    } finally {
      execFileSync('npm', ['pkg', 'set', 'type=module'], { cwd: project, stdio: 'ignore' })
    }
  }, 90_000)
})
