import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { GUIDES, guideFile, repoRoot, samplesOf, writeSamples } from './samples.js'

/**
 * Every TypeScript sample of every guide type-checks under the project's own
 * strict compiler options, against this repository's src/ (for `lambda-cors`)
 * and the installed @middy packages and @types/aws-lambda.
 *
 * Samples that import aws-cdk-lib are checked by `npm run test:docs-cdk`
 * (scripts/docs-cdk.ts), which installs aws-cdk-lib into .tmp/ first: it is
 * too large to be a dev dependency.
 */
const CDK = /from\s+['"](aws-cdk-lib|constructs)(\/[^'"]*)?['"]/

function compilerOptions(): ts.CompilerOptions {
  const configPath = join(repoRoot, 'tsconfig.json')
  const config = ts.readConfigFile(configPath, (path) => readFileSync(path, 'utf8'))
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot)
  return { ...parsed.options, noEmit: true, noUnusedLocals: true }
}

describe('the guides\' TypeScript samples compile', () => {
  const files: string[] = []
  const names: string[] = []
  for (const guide of GUIDES) {
    const folder = writeSamples(guide, 'compile')
    for (const [name, block] of samplesOf(guide)) {
      if (!name.endsWith('.ts') || CDK.test(block.code)) continue
      files.push(join(folder, name))
      names.push(`${guideFile(guide)}:${block.line} ${name}`)
    }
  }

  it(`type-checks ${files.length} samples with the project's strict options`, () => {
    expect(files.length).toBeGreaterThan(10)
    const program = ts.createProgram(files, compilerOptions())
    const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file === undefined || files.includes(d.file.fileName))
    const text = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => repoRoot,
      getNewLine: () => '\n',
    })
    expect(text, `samples:\n${names.join('\n')}`).toBe('')
  }, 60_000)
})
