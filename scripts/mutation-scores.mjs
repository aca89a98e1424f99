#!/usr/bin/env node
// node scripts/mutation-scores.mjs [report]
//
// The per-file mutation scores recorded in the committed incremental report
// (reports/stryker-incremental.json by default), as the Markdown table of
// docs/testing.md. Score = (killed + timed out) / (killed + timed out +
// survived + not covered); ignored mutants (static, or marked equivalent)
// are left out. A file whose source has changed since its mutants were
// tested is marked: its score describes the earlier version. Totals are
// given for the runtime (what a deployed handler runs), for the tools
// (src/browser, src/doctor, src/gateway) and for both.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const report = JSON.parse(readFileSync(process.argv[2] ?? join(root, 'reports', 'stryker-incremental.json'), 'utf8'))

const TOOLS = /^src\/(browser|doctor|gateway)\//
const rows = []
const totals = { runtime: { killed: 0, survived: 0, noCoverage: 0 }, tools: { killed: 0, survived: 0, noCoverage: 0 } }
for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const count = (...statuses) => mutants.filter((mutant) => statuses.includes(mutant.status)).length
  const killed = count('Killed', 'Timeout')
  const survived = count('Survived')
  const noCoverage = count('NoCoverage')
  const scored = killed + survived + noCoverage
  if (scored === 0) continue
  const current = existsSync(join(root, file)) && readFileSync(join(root, file), 'utf8') === source
  if (current) {
    const total = totals[TOOLS.test(file) ? 'tools' : 'runtime']
    total.killed += killed
    total.survived += survived
    total.noCoverage += noCoverage
  }
  const score = `${((100 * killed) / scored).toFixed(1)}%`
  rows.push(`| \`${file}\` | ${scored} | ${killed} | ${survived} | ${noCoverage} | ${current ? score : `${score} (earlier version)`} |`)
}
const totalRow = (label, { killed, survived, noCoverage }) => {
  const scored = killed + survived + noCoverage
  const score = scored === 0 ? '-' : `${((100 * killed) / scored).toFixed(1)}%`
  return `| **${label}** | ${scored} | ${killed} | ${survived} | ${noCoverage} | **${score}** |`
}
const both = Object.fromEntries(['killed', 'survived', 'noCoverage'].map((key) => [key, totals.runtime[key] + totals.tools[key]]))
console.log('| file | mutants scored | killed | survived | not covered | score |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: |')
for (const row of rows) console.log(row)
console.log(totalRow('runtime, files tested at their current version', totals.runtime))
console.log(totalRow('tools, files tested at their current version', totals.tools))
console.log(totalRow('all files tested at their current version', both))
