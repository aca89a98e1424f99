/** The cases, in the order they run and print. */
export const caseNames = ['overhead', 'scaling', 'hostile', 'cold-start'] as const
export type CaseName = (typeof caseNames)[number]

export interface CliOptions {
  quick: boolean
  /** Run only these cases (default: all). Results of a partial run never replace bench/results.json. */
  only: ReadonlySet<CaseName>
}

const usage = `usage: tsx bench/run.ts [--quick] [--only=${caseNames.join(',')}]`

export function parseCli(argv: readonly string[]): CliOptions {
  let quick = false
  let only = new Set<CaseName>(caseNames)
  for (const argument of argv) {
    if (argument === '--quick') quick = true
    else if (argument.startsWith('--only=')) only = new Set(argument.slice('--only='.length).split(',').map(caseName))
    else throw new Error(`unknown argument ${argument}\n${usage}`)
  }
  return { quick, only }
}

function caseName(name: string): CaseName {
  const found = caseNames.find((candidate) => candidate === name)
  if (!found) throw new Error(`unknown case ${name}\n${usage}`)
  return found
}
