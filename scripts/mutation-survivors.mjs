#!/usr/bin/env node
// Lists the surviving and uncovered mutants of the last `npm run test:mutation`
// (.tmp/mutation/mutation.json), one line each: file:line:column mutator, original -> replacement.
import { readFileSync } from 'node:fs'

const report = JSON.parse(readFileSync(process.argv[2] ?? '.tmp/mutation/mutation.json', 'utf8'))
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const lines = source.split('\n')
  for (const m of mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue
    const { start, end } = m.location
    const original = start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : `${lines[start.line - 1].slice(start.column - 1)} ...`
    console.log(`${file}:${start.line}:${start.column} ${m.status} ${m.mutatorName}: ${original.trim().slice(0, 90)} -> ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 60)}`)
  }
}
