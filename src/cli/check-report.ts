/**
 * The text report of `lambda-cors check`: each step, the browser's
 * decision, and for each problem the console line, the cause and the fix.
 */
import type { AnswerSummary, CorsExplanation, DoctorProblem } from '../doctor/types.js'

/** Colours, or none: `paint` returns text unchanged when colour is off. */
export interface Paint {
  readonly red: (text: string) => string
  readonly green: (text: string) => string
  readonly yellow: (text: string) => string
  readonly dim: (text: string) => string
  readonly bold: (text: string) => string
}

const plain = (text: string): string => text
const sgr = (code: string) => (text: string): string => `\u001b[${code}m${text}\u001b[0m`

/** ANSI colours when `enabled`, plain text otherwise. */
export function paint(enabled: boolean): Paint {
  return enabled
    ? { red: sgr('31'), green: sgr('32'), yellow: sgr('33'), dim: sgr('2'), bold: sgr('1') }
    : { red: plain, green: plain, yellow: plain, dim: plain, bold: plain }
}

/** What the report names at the top. */
export interface ReportSubject {
  readonly url: string
  readonly origin: string
  readonly method: string
  readonly credentials: boolean
}

const CORS_HEADER = /^(access-control-|vary$)/

function corsHeaders(answer: AnswerSummary): string {
  const lines = Object.entries(answer.headers ?? {}).filter(([name]) => CORS_HEADER.test(name))
  return lines.length === 0 ? '(no CORS headers)' : lines.map(([name, value]) => `${name}: ${value}`).join('\n             ')
}

function problemBlock(problem: DoctorProblem, colours: Paint): string {
  const mark = problem.severity === 'error' ? colours.red(`✖ ${problem.code}`) : colours.yellow(`! ${problem.code}`)
  return [
    `${mark} ${colours.dim(`(${problem.step})`)}`,
    `  ${problem.severity === 'error' ? 'Chromium' : 'note'}: ${problem.message}`,
    `  cause: ${problem.cause}`,
    `  fix:   ${problem.fix}`,
  ].join('\n')
}

/** The report for one check. */
export function formatReport(subject: ReportSubject, result: CorsExplanation, colours: Paint): string {
  const out: string[] = []
  out.push(`${colours.bold(`${subject.method} ${subject.url}`)}`)
  out.push(colours.dim(`from origin ${subject.origin}, credentials ${subject.credentials ? 'included' : 'omitted'}`))
  out.push('')
  if (!result.preflight.needed) {
    out.push(`preflight    not needed (safelisted method and headers)`)
  } else {
    out.push(`preflight    needed: ${result.preflight.why ?? ''}`)
    out.push(`             OPTIONS -> ${result.preflight.status ?? '-'}`)
    out.push(`             ${corsHeaders(result.preflight)}`)
  }
  if (result.actual.status === undefined) {
    out.push(`actual       not sent: the browser stops at the failed preflight`)
  } else {
    out.push(`actual       ${subject.method} -> ${result.actual.status}`)
    out.push(`             ${corsHeaders(result.actual)}`)
  }
  out.push('')
  out.push(result.verdict === 'allowed'
    ? `verdict      ${colours.green('ALLOWED')}: page script can read the response`
    : `verdict      ${colours.red('BLOCKED')} at the ${result.blockedAt === 'preflight' ? 'preflight' : 'actual request'}: fetch() rejects with TypeError: Failed to fetch`)
  for (const problem of result.problems) {
    out.push('')
    out.push(problemBlock(problem, colours))
  }
  return `${out.join('\n')}\n`
}
