/**
 * The YAML parser is the command line's: a bundle of the library (what a
 * Lambda deploys) contains none of it, nor of the tools, and importing the
 * package or its lambda-cors/gateway entry point does not load it.
 */
import { spawnSync } from 'node:child_process'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const repoRoot = new URL('../../', import.meta.url).pathname

describe('the package index loads neither the tools nor the yaml package', { timeout: 60_000 }, () => {
  it('a bundle of src/index.ts has no module of the yaml package, while the lint CLI does', async () => {
    const inputs = async (entry: string): Promise<string[]> => {
      const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', absWorkingDir: repoRoot, logLevel: 'silent' })
      return Object.keys(result.metafile.inputs)
    }
    const library = await inputs('src/index.ts')
    expect(library.some((path) => path.includes('src/middleware.ts'))).toBe(true)
    expect(library.filter((path) => /node_modules\/yaml\/|src\/(gateway|doctor|browser|cli)\//.test(path))).toEqual([])
    const generator = await inputs('src/gateway/index.ts')
    expect(generator.some((path) => path.includes('src/gateway/responses.ts'))).toBe(true)
    expect(generator.filter((path) => path.includes('node_modules/yaml/'))).toEqual([])
    expect((await inputs('src/cli/lint.ts')).some((path) => path.includes('node_modules/yaml/'))).toBe(true)
  })

  it('requiring the index in a fresh Node process loads no yaml module, while the lint CLI does', () => {
    // tsx's CommonJS mode turns every import into require(), so require.cache lists each module loaded.
    const loaded = (entry: string): string[] => {
      const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)))`
      const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: repoRoot, encoding: 'utf8' })
      expect(result.status, result.stderr).toBe(0)
      return JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as string[]
    }
    const library = loaded('./src/index.ts')
    expect(library.some((path) => path.endsWith('src/middleware.ts'))).toBe(true)
    expect(library.filter((path) => /\/node_modules\/yaml\/|\/src\/(gateway|doctor|browser|cli)\//.test(path))).toEqual([])
    const generator = loaded('./src/gateway/index.ts')
    expect(generator.some((path) => path.endsWith('src/gateway/responses.ts'))).toBe(true)
    expect(generator.filter((path) => path.includes('/node_modules/yaml/'))).toEqual([])
    expect(loaded('./src/gateway/lint/index.ts').some((path) => path.includes('/node_modules/yaml/'))).toBe(true)
  })
})
