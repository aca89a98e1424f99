import { beforeAll, describe, expect, it } from 'vitest'
import type { CorsExplanation, DoctorProblemCode } from '../../src/doctor/index.js'
// Loaded at collection, not first by the sample imported in beforeAll, so that
// Stryker counts the doctor's module-level constants as static (see
// test/cli/support/run-cli.ts).
import '../../src/doctor/index.js'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { docsDir, importSample, sample, writeSamples } from './samples.js'

const GUIDE = 'doctor'
let result: CorsExplanation

beforeAll(async () => {
  const folder = writeSamples(GUIDE, 'run')
  ;({ result } = await importSample<{ result: CorsExplanation }>(folder, 'explain.ts'))
})

describe('docs/doctor.md', () => {
  it("explain.ts's result is explain-result.json, exactly", () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(sample(GUIDE, 'explain-result.json').code))
  })

  it('the problem tables list every problem code', () => {
    const codes = {
      'missing-allow-origin': true, 'allow-origin-mismatch': true, 'duplicate-allow-origin': true, 'wildcard-with-credentials': true,
      'missing-allow-credentials': true, 'preflight-status': true, 'preflight-redirect': true, 'invalid-allow-list': true,
      'method-not-allowed': true, 'header-not-allowed': true, 'preflight-not-routed': true, 'error-without-cors': true,
      'missing-vary-origin': true, 'preflight-cached-by-cdn': true, 'authorization-covered-by-wildcard': true, drift: true,
    } satisfies Record<DoctorProblemCode, true>
    const text = readFileSync(join(docsDir, `${GUIDE}.md`), 'utf8')
    const documented = [...text.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]).filter((name) => !(name ?? '').startsWith('-'))
    expect(documented.sort()).toEqual(Object.keys(codes).sort())
  })
})
