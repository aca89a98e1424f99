import { middyMajors, type MiddyMajor } from './harness/isolated-middy.js'

/** The cases, in the order they run and print. */
export const caseNames = ['overhead', 'hooks', 'scaling', 'hostile', 'cold-start'] as const
export type CaseName = (typeof caseNames)[number]

export interface CliOptions {
  quick: boolean
  /** Run only these cases (default: all). Results of a partial run never replace bench/results.json. */
  only: ReadonlySet<CaseName>
  /** @middy/core majors for the logic-cost case (default: 6 and 7). */
  middy: readonly MiddyMajor[]
}

const usage = `usage: tsx bench/run.ts [--quick] [--only=${caseNames.join(',')}] [--middy=${middyMajors.join(',')}]`

export function parseCli(argv: readonly string[]): CliOptions {
  let quick = false
  let only = new Set<CaseName>(caseNames)
  let middy: readonly MiddyMajor[] = middyMajors
  for (const argument of argv) {
    if (argument === '--quick') quick = true
    else if (argument.startsWith('--only=')) only = new Set(argument.slice('--only='.length).split(',').map(caseName))
    else if (argument.startsWith('--middy=')) middy = argument.slice('--middy='.length).split(',').map(middyMajor)
    else throw new Error(`unknown argument ${argument}\n${usage}`)
  }
  return { quick, only, middy }
}

function middyMajor(text: string): MiddyMajor {
  const found = middyMajors.find((major) => String(major) === text)
  if (found === undefined) throw new Error(`unknown @middy/core major ${text}\n${usage}`)
  return found
}

function caseName(name: string): CaseName {
  const found = caseNames.find((candidate) => candidate === name)
  if (!found) throw new Error(`unknown case ${name}\n${usage}`)
  return found
}
