/**
 * Drift: where a deployed answer differs from what the policy would answer.
 * Only CORS response headers are compared, as the browser reads them.
 */
import { varyNamesOrigin } from './aws-diagnosis.js'
import type { AnswerSummary, CorsExplanation, DoctorProblem, RequestStep } from './types.js'

/**
 * How a header's values compare. Values come trimmed from `summarize()`,
 * repeated lines joined by `", "`.
 */
type Normalize = (value: string) => string

/** Compared as sent: a single value (a repeat is itself a difference). */
const exact: Normalize = (value) => value

/** A list whose order, repeats and empty elements do not matter. */
const list: Normalize = (value) =>
  [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))].sort().join(', ')

/** A list of header names, which compare case-insensitively. */
const nameList: Normalize = (value) => list(value.toLowerCase())

/** Header names compared, and how their values compare. */
const COMPARED: ReadonlyArray<readonly [string, Normalize]> = [
  ['access-control-allow-origin', exact],
  ['access-control-allow-credentials', exact],
  ['access-control-allow-methods', list],
  ['access-control-allow-headers', nameList],
  ['access-control-expose-headers', nameList],
  ['access-control-max-age', exact],
  ['access-control-allow-private-network', exact],
]

function compareStep(step: RequestStep, deployed: AnswerSummary, expected: AnswerSummary, problems: DoctorProblem[]): void {
  if (deployed.headers === undefined || expected.headers === undefined) return
  const label = step === 'preflight' ? 'preflight' : 'actual request'
  for (const [name, normalize] of COMPARED) {
    const deployedValue = deployed.headers[name]
    const expectedValue = expected.headers[name]
    const seen = deployedValue === undefined ? undefined : normalize(deployedValue)
    const wanted = expectedValue === undefined ? undefined : normalize(expectedValue)
    if (seen === wanted) continue
    problems.push({
      code: 'drift', severity: 'warning', step,
      message: `The deployed ${label} answers ${name}: ${seen === undefined ? '(absent)' : `'${seen}'`}; the policy answers ${wanted === undefined ? '(absent)' : `'${wanted}'`}.`,
      cause: 'The deployed function (or something in front of it) does not serve this policy: an older deployment, another configuration, or a gateway setting that rewrites the answer.',
      fix: 'Deploy the current policy, or update the module passed to --policy if the deployed one is right.',
    })
  }
  if (varyNamesOrigin(expected.headers.vary) && !varyNamesOrigin(deployed.headers.vary)) {
    problems.push({
      code: 'drift', severity: 'warning', step,
      message: `The deployed ${label} answer does not vary on Origin; the policy answers with Vary: Origin.`,
      cause: 'Something between the function and the browser drops or replaces the Vary header, or the function does not use this policy.',
      fix: 'Keep Vary from the function (check gateway and CDN header rules), and deploy the current policy.',
    })
  }
}

/** `drift` warnings: every CORS header where `deployed` differs from `expected` (the policy's answers to the same request). */
export function driftProblems(deployed: CorsExplanation, expected: CorsExplanation): DoctorProblem[] {
  const problems: DoctorProblem[] = []
  compareStep('preflight', deployed.preflight, expected.preflight, problems)
  compareStep('actual', deployed.actual, expected.actual, problems)
  return problems
}
