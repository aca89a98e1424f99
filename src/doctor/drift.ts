/**
 * Drift: where a deployed answer differs from what the policy would answer.
 * Only CORS response headers are compared, as the browser reads them.
 */
import type { AnswerSummary, CorsExplanation, DoctorProblem, RequestStep } from './types.js'

/** Header names compared, and whether their list elements compare case-insensitively. */
const COMPARED: ReadonlyArray<readonly [string, 'exact' | 'list' | 'list-ci']> = [
  ['access-control-allow-origin', 'exact'],
  ['access-control-allow-credentials', 'exact'],
  ['access-control-allow-methods', 'list'],
  ['access-control-allow-headers', 'list-ci'],
  ['access-control-expose-headers', 'list-ci'],
  ['access-control-max-age', 'exact'],
  ['access-control-allow-private-network', 'exact'],
]

function normalized(value: string | undefined, kind: 'exact' | 'list' | 'list-ci'): string | undefined {
  if (value === undefined || kind === 'exact') return value?.trim()
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '')
  return [...new Set(kind === 'list-ci' ? items.map((item) => item.toLowerCase()) : items)].sort().join(', ')
}

function variesOnOrigin(summary: AnswerSummary): boolean {
  return (summary.headers?.vary ?? '').split(',').some((name) => ['origin', '*'].includes(name.trim().toLowerCase()))
}

function compareStep(step: RequestStep, deployed: AnswerSummary, expected: AnswerSummary, problems: DoctorProblem[]): void {
  if (deployed.headers === undefined || expected.headers === undefined) return
  const label = step === 'preflight' ? 'preflight' : 'actual request'
  for (const [name, kind] of COMPARED) {
    const seen = normalized(deployed.headers[name], kind)
    const wanted = normalized(expected.headers[name], kind)
    if (seen === wanted) continue
    problems.push({
      code: 'drift', severity: 'warning', step,
      message: `The deployed ${label} answers ${name}: ${seen === undefined ? '(absent)' : `'${seen}'`}; the policy answers ${wanted === undefined ? '(absent)' : `'${wanted}'`}.`,
      cause: 'The deployed function (or something in front of it) does not serve this policy: an older deployment, another configuration, or a gateway setting that rewrites the answer.',
      fix: 'Deploy the current policy, or update the module passed to --policy if the deployed one is right.',
    })
  }
  if (variesOnOrigin(expected) && !variesOnOrigin(deployed)) {
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
