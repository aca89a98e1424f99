#!/usr/bin/env node
/**
 * The compatibility matrix: the unit suite against @middy/core 4, 5, 6 and 7
 * on Node 20, 22 and 24.
 *
 *   node scripts/matrix.mjs [--node 20,22,24] [--middy 4,5,6,7] [--bail]
 *
 * Each cell runs `vitest run` (browser tests excluded, as in
 * vitest.config.ts) with that Node binary and with `@middy/core` resolved to
 * that major version (scripts/vitest.matrix.config.ts), so the tests and the
 * doc samples exercise it. Node 22 and 24 come from the npm registry
 * (`node@22`, `node@24`), installed once into .tmp/.
 *
 * A cell is skipped, by name, only when a package in it declares that it does
 * not support that Node (today: @middy/core 7 declares engines.node >=22, so
 * Node 20 x middy 7 is skipped). Exits non-zero when any cell fails.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeBinary, rangeAdmitsMajor, versionOf } from './lib/node-binaries.mjs'
import { ensureMiddy7, MIDDY7_PACKAGE } from './lib/middy7.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const option = (name, fallback) => args.find((arg, i) => args[i - 1] === `--${name}`) ?? args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback
const list = (text) => text.split(',').map((item) => Number(item.trim())).filter((n) => Number.isInteger(n) && n > 0)
const nodeMajors = list(option('node', '20,22,24'))
const middyMajors = list(option('middy', '4,5,6,7'))
const bail = args.includes('--bail')
/** Per cell; the suite takes seconds, so this only catches a hang. */
const CELL_TIMEOUT_MS = 10 * 60 * 1000

/**
 * Which installed package provides each @middy/core major: npm aliases in
 * devDependencies for 4 and 5, the devDependency itself for 6, and for 7 a
 * directory this script installs into (middy 7 declares Node >=22, so as a
 * devDependency it would make `npm ci` warn on Node 20).
 */
const MIDDY_PACKAGES = { 4: 'middy4', 5: 'middy5', 6: '@middy/core', 7: MIDDY7_PACKAGE }

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))
const vitestPackage = readJson(join(root, 'node_modules', 'vitest', 'package.json'))
const vitestBin = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const reports = join(root, '.tmp', 'matrix')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const started = Date.now()
const cells = []
if (middyMajors.includes(7)) ensureMiddy7()
for (const nodeMajor of nodeMajors) {
  let binary
  try {
    binary = nodeBinary(root, nodeMajor)
  } catch (error) {
    for (const middyMajor of middyMajors) cells.push({ nodeMajor, middyMajor, outcome: 'fail', detail: String(error) })
    continue
  }
  const nodeVersion = versionOf(binary)
  for (const middyMajor of middyMajors) {
    const name = `Node ${nodeVersion} x @middy/core ${middyMajor}`
    const middyPackage = MIDDY_PACKAGES[middyMajor]
    if (middyPackage === undefined) {
      cells.push({ name, outcome: 'fail', detail: `no installed package provides @middy/core ${middyMajor}` })
      continue
    }
    const middy = readJson(join(packageDir(middyPackage), 'package.json'))
    const refusals = [
      [`@middy/core ${middy.version}`, middy.engines?.node],
      [`vitest ${vitestPackage.version}`, vitestPackage.engines?.node],
    ].filter(([, range]) => !rangeAdmitsMajor(range, nodeMajor))
    if (refusals.length > 0) {
      const why = refusals.map(([what, range]) => `${what} declares engines.node "${range}"`).join('; ')
      cells.push({ name, outcome: 'skip', detail: why })
      console.log(`SKIP  ${name}: ${why}`)
      continue
    }

    const report = join(reports, `node${nodeMajor}-middy${middyMajor}.json`)
    console.log(`RUN   ${name} (${middyPackage}@${middy.version}) ...`)
    const t0 = Date.now()
    const run = spawnSync(binary, [
      vitestBin, 'run', '--config', 'scripts/vitest.matrix.config.ts',
      '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`,
    ], {
      cwd: root,
      encoding: 'utf8',
      timeout: CELL_TIMEOUT_MS,
      // Generated inputs run at full strength in `npm test`; a cell checks the
      // same properties on another Node and middy with fewer runs each.
      env: { FC_RUNS: '50', ...process.env, MIDDY_CORE: middyPackage, MATRIX_NODE: String(nodeMajor), FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    })
    const seconds = ((Date.now() - t0) / 1000).toFixed(1)
    const counts = readCounts(report)
    const ok = run.status === 0 && counts !== undefined && counts.failed === 0 && counts.passed > 0
    const detail = counts === undefined
      ? `no report (exit ${run.status}${run.error ? `, ${run.error.message}` : ''})`
      : `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${counts.files} files, ${seconds} s`
    cells.push({ name, outcome: ok ? 'pass' : 'fail', detail, counts })
    console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${detail}`)
    if (!ok) {
      console.log(tail(`${run.stdout ?? ''}${run.stderr ?? ''}`, 80))
      if (bail) break
    }
  }
}

const totalSeconds = ((Date.now() - started) / 1000).toFixed(0)
console.log(`\nmatrix (${totalSeconds} s):`)
for (const cell of cells) console.log(`  ${cell.outcome.toUpperCase().padEnd(4)}  ${cell.name ?? `Node ${cell.nodeMajor} x @middy/core ${cell.middyMajor}`}: ${cell.detail}`)
const passed = cells.filter((c) => c.outcome === 'pass').length
const failed = cells.filter((c) => c.outcome === 'fail').length
const skipped = cells.filter((c) => c.outcome === 'skip').length
console.log(`matrix: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)

/** An installed package's directory: an absolute path, or a name under the project's node_modules. */
function packageDir(name) {
  return name.startsWith('/') ? name : join(root, 'node_modules', name)
}

function readCounts(file) {
  try {
    const report = readJson(file)
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      files: report.numTotalTestSuites,
    }
  } catch {
    return undefined
  }
}

function tail(text, lines) {
  const all = text.trimEnd().split('\n')
  return all.slice(-lines).map((line) => `      ${line}`).join('\n')
}
