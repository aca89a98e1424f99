/**
 * The benchmark suite: lambda-cors against @middy/http-cors, a no-op floor, a hand-written limit and a
 * bare middy stack. `npm run bench` for the published numbers (a few
 * minutes, writes bench/results.json), `npm run bench:quick` for the CI smoke
 * run (seconds, numbers meaningless, writes .tmp/bench/results.quick.json).
 * The exit code reports whether the harness worked, never whether a timing
 * target was met.
 */
import { join, relative } from 'node:path'
import { measureColdStart } from './cases/cold-start.js'
import { measureHooks } from './cases/hooks.js'
import { measureHostile } from './cases/hostile.js'
import { measureOverhead } from './cases/overhead.js'
import { measureScaling } from './cases/scaling.js'
import { machineInfo } from './machine.js'
import { middyMajors } from './harness/isolated-middy.js'
import { caseNames, parseCli } from './options.js'
import { repoRoot, scratchDir } from './paths.js'
import { formatRatioRange } from './report/format.js'
import { writeResults, type BenchResults } from './report/results.js'
import { coldStartSection, hooksSection, hostileSection, machineSection, overheadSection, scalingSection, targetsSection } from './report/tables.js'
import { settingsFor } from './settings.js'

/** The first thing bench:quick prints: its budgets are far too short for the numbers to mean anything. */
const QUICK_NOTICE = 'QUICK MODE: a smoke run that checks the benchmark harness works. Its numbers are NOT meaningful (tiny time budgets, few samples): do not compare or quote them. Run `npm run bench` for real measurements.'

const cli = parseCli(process.argv.slice(2))
const settings = settingsFor(cli.quick ? 'quick' : 'full')
const started = performance.now()
const machine = machineInfo()
const print = (text: string): void => void process.stdout.write(`${text}\n\n`)
const progress = (text: string): void => void process.stderr.write(`[bench] ${text}\n`)

if (settings.mode === 'quick') print(QUICK_NOTICE)
print(machineSection(machine, settings.mode))
const results: BenchResults = { schema: 1, mode: settings.mode, machine, settings, durationSeconds: 0, targets: [] }

if (cli.only.has('overhead')) {
  progress('1/5 logic cost per request (middy 6 and 7)')
  results.overhead = await measureOverhead(settings, cli.middy)
  results.targets.push(...results.overhead.targets)
  print(overheadSection(results.overhead))
}
if (cli.only.has('hooks')) {
  progress('2/5 the hooks alone')
  results.hooks = await measureHooks(settings)
  print(hooksSection(results.hooks))
  // The steadier measure of the same work, next to the targets it bears on.
  const range = formatRatioRange(results.hooks.rows.map((row) => row.ratioToLimit))
  for (const target of results.targets) {
    if (target.description.includes('of the limit')) target.context = `${target.context === undefined ? '' : `${target.context}; `}hooks alone: ${range}`
  }
}
if (cli.only.has('scaling')) {
  progress('3/5 allowlist scaling')
  results.scaling = await measureScaling(settings)
  results.targets.push(results.scaling.target)
  print(scalingSection(results.scaling))
}
if (cli.only.has('hostile')) {
  progress('4/5 hostile input')
  results.hostile = await measureHostile(settings)
  results.targets.push(results.hostile.target)
  print(hostileSection(results.hostile))
}
if (cli.only.has('cold-start')) {
  progress('5/5 cold start and bundle size')
  results.coldStart = await measureColdStart(settings)
  results.targets.push(...results.coldStart.targets)
  print(coldStartSection(results.coldStart))
}

results.durationSeconds = Math.round((performance.now() - started) / 1000)
print(targetsSection(results.targets, settings.mode))

const resultsPath = resultsPathFor(settings.mode, cli.only.size === caseNames.length && cli.middy.length === middyMajors.length)
await writeResults(resultsPath, results)
progress(`done in ${results.durationSeconds} s; results in ${relative(repoRoot, resultsPath)}`)

/** Only a complete full run may replace the committed bench/results.json; anything else goes to scratch space. */
function resultsPathFor(mode: 'full' | 'quick', complete: boolean): string {
  if (mode === 'full' && complete) return join(repoRoot, 'bench', 'results.json')
  return join(scratchDir, `results.${mode}${complete ? '' : '.partial'}.json`)
}
