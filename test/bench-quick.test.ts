/**
 * `npm run bench:quick` is a smoke run: the first thing it prints must say
 * that its numbers mean nothing, before any number appears.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

describe('bench:quick', () => {
  it('says first that its numbers are not meaningful', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bench/run.ts', '--quick', '--only=hostile'], {
      cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024,
    })
    const first = stdout.split('\n')[0] ?? ''
    expect(first).toBe('QUICK MODE: a smoke run that checks the benchmark harness works. Its numbers are NOT meaningful (tiny time budgets, few samples): do not compare or quote them. Run `npm run bench` for real measurements.')
    expect(stdout.indexOf('NOT meaningful')).toBeLessThan(stdout.search(/\d+(\.\d+)? ?(µs|ms|ns)/))
  }, 150_000)
})
