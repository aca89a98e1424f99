import { describe, expectTypeOf, it } from 'vitest'
import { checkUrl, explain, explainAsync, type CorsExplanation, type DoctorProblemCode, type ExplainRequest } from '../../src/doctor/index.js'

describe('the doctor public types', () => {
  it('explain() returns the explanation; explainAsync() and checkUrl() a promise of it', () => {
    expectTypeOf(explain).returns.toEqualTypeOf<CorsExplanation>()
    expectTypeOf(explainAsync).returns.toEqualTypeOf<Promise<CorsExplanation>>()
    expectTypeOf(checkUrl).returns.toEqualTypeOf<Promise<CorsExplanation>>()
  })

  it('a request needs an origin and a method; the rest is optional', () => {
    expectTypeOf<{ origin: string; method: string }>().toExtend<ExplainRequest>()
    expectTypeOf<{ origin: string }>().not.toExtend<ExplainRequest>()
    expectTypeOf<ExplainRequest['headers']>().toEqualTypeOf<Readonly<Record<string, string>> | undefined>()
  })

  it('verdicts, steps and codes are closed unions', () => {
    expectTypeOf<CorsExplanation['verdict']>().toEqualTypeOf<'allowed' | 'blocked'>()
    expectTypeOf<CorsExplanation['blockedAt']>().toEqualTypeOf<'preflight' | 'actual' | undefined>()
    expectTypeOf<'preflight-not-routed'>().toExtend<DoctorProblemCode>()
    expectTypeOf<'no-such-code'>().not.toExtend<DoctorProblemCode>()
  })
})
