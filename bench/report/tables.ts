import type { ColdStartResult } from '../cases/cold-start.js'
import type { BundleSizes } from '../cold-start/bundle.js'
import type { HooksResult } from '../cases/hooks.js'
import type { HostileMeasurement, HostileResult } from '../cases/hostile.js'
import type { OverheadResult } from '../cases/overhead.js'
import type { ScalingResult } from '../cases/scaling.js'
import type { MachineInfo } from '../machine.js'
import { formatBytes, formatCount, formatMs, formatNs, formatRatio, markdownTable } from './format.js'
import type { TargetVerdict } from '../target.js'

/** The printed report: one Markdown section per case, the same text docs/performance.md quotes. */

export function machineSection(machine: MachineInfo, mode: string): string {
  return [
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform} ${machine.arch}`,
    `- Node ${machine.node} (V8 ${machine.v8}), load average ${machine.loadAverage} at start, ${machine.date}, mode: ${mode}`,
  ].join('\n')
}

export function overheadSection(result: OverheadResult): string {
  const majors = [...new Set(result.rows.map((row) => row.middy))]
  const tables = majors.flatMap((major) => {
    const rows = result.rows
      .filter((row) => row.middy === major)
      .map((row) => [
        row.kind === 'mix' ? `mix: ${row.stream}` : row.stream,
        formatNs(row.invocationNs['no-op']),
        formatNs(row.floorNs),
        formatNs(row.logicNs['lambda-cors']),
        formatNs(row.logicNs['http-cors']),
        formatNs(row.logicNs.limit),
        formatRatio(row.ratioToHttpCors),
        formatRatio(row.ratioToLimit),
        formatRatio(row.limitToHttpCors),
        formatRatio(row.ratioToCopy),
      ])
    return [
      `@middy/core ${major}:`,
      markdownTable(
        ['request', 'no-op stack', 'hook floor', 'lambda-cors logic', 'http-cors logic', 'limit logic', 'vs http-cors', 'vs limit', 'limit vs http-cors', 'vs own copy'],
        rows,
      ),
    ]
  })
  const mixes = result.mixes.map(
    (mix) => `- ${mix.name}: ${mix.description} (${Object.entries(mix.weights).map(([kind, weight]) => `${weight}x ${kind}`).join(', ')})`,
  )
  return section(
    '1. Logic cost per request (middy + middleware + error handler, minus the same stack with a no-op middleware)',
    ...tables,
    'logic = stack - no-op stack, same round, median over rounds, per request. *no-op stack* is a whole invocation with the' +
      ' no-op middleware; *hook floor* is what middy spends calling its three hooks (no-op stack - bare stack). *vs http-cors* and' +
      ' *vs limit* are lambda-cors logic / their logic; *limit vs http-cors* is the limit\'s logic / http-cors\'s. *vs own copy* divides' +
      ' lambda-cors logic by that of a second lambda-cors stack timed the same way: the same code, so its distance from 1.00x is' +
      ' how far this run\'s measurement of one row can drift. A mix is one stream of interleaved kinds sent through one stack:',
    mixes.join('\n'),
  )
}

export function hooksSection(result: HooksResult): string {
  const rows = result.rows.map((row) => [
    row.kind,
    formatNs(row.hooksNs['lambda-cors']),
    formatNs(row.hooksNs['http-cors']),
    formatNs(row.hooksNs.limit),
    formatRatio(row.ratioToHttpCors),
    formatRatio(row.ratioToLimit),
    formatRatio(row.ratioToCopy),
  ])
  return section(
    '1b. The hooks alone (no middy: before, then after or onError, per invocation)',
    markdownTable(['request', 'lambda-cors', 'http-cors', 'limit', 'vs http-cors', 'vs limit', 'vs own copy'], rows),
    'Each middleware\'s hooks called directly, as middy calls them for one invocation, on fresh events and fresh handler' +
      ' results; nothing awaited (http-cors\'s hooks are async functions: the promises they return are counted). The same work' +
      ' as section 1 without the two whole invocations it subtracts, so rows move less from run to run.',
  )
}

export function scalingSection(result: ScalingResult): string {
  const rows = result.rows.map((row) => [
    row.mix,
    row.lookup,
    formatCount(row.size),
    formatNs(row.matcherNs),
    formatNs(row.middlewareNs['lambda-cors']),
    formatNs(row.middlewareNs['http-cors']),
  ])
  const growth = result.series.map((series) => [
    series.mix,
    series.lookup,
    formatRatio(series.matcherGrowth),
    formatRatio(series.middlewareGrowth['lambda-cors']),
    formatRatio(series.middlewareGrowth['http-cors']),
  ])
  const builds = result.builds.map((build) => [
    build.mix,
    formatCount(build.size),
    formatMs(build.matcherMs),
    formatMs(build.middlewareMs['lambda-cors']),
    formatMs(build.middlewareMs['http-cors']),
  ])
  return section(
    '2. Allowlist scaling',
    markdownTable(['list', 'lookup', 'origins', 'lambda-cors matcher / lookup', 'lambda-cors middleware', 'http-cors middleware'], rows),
    'Growth from 1 origin to the largest list (cost at largest / cost at 1):',
    markdownTable(['list', 'lookup', 'lambda-cors matcher', 'lambda-cors middleware', 'http-cors middleware'], growth),
    'Building from the list (once per cold start):',
    markdownTable(['list', 'origins', 'createOriginMatcher()', 'cors()', 'httpCors()'], builds),
  )
}

export function hostileSection(result: HostileResult): string {
  const answer = (measurement: HostileMeasurement): string =>
    `${measurement.response.status}, ${measurement.response.allowOrigin === null ? 'no ACAO' : 'ACAO set'}`
  const rows = result.rows.map((row) => [
    row.description,
    formatMs(row.results['lambda-cors'].medianMs),
    formatMs(row.results['lambda-cors'].worstP99Ms),
    answer(row.results['lambda-cors']),
    formatMs(row.results['http-cors'].medianMs),
    formatMs(row.results['http-cors'].worstP99Ms),
    answer(row.results['http-cors']),
  ])
  return section(
    '3. Hostile preflights (whole invocation)',
    markdownTable(
      ['input', 'lambda-cors median', 'lambda-cors p99', 'lambda-cors answer', 'http-cors median', 'http-cors p99', 'http-cors answer'],
      rows,
    ),
  )
}

export function coldStartSection(result: ColdStartResult): string {
  const size = (sizes: BundleSizes | undefined, key: keyof BundleSizes): string => (sizes === undefined ? '-' : formatBytes(sizes[key]))
  const rows = result.rows.map((row) => [
    row.delivery,
    row.contender,
    formatMs(row.nodeStartMs),
    formatMs(row.importMs),
    formatMs(row.buildMs),
    formatMs(row.firstRequestMs),
    formatMs(row.inProcessMs),
    formatMs(row.gcMs),
    row.youngAllocatedBytes === null ? '-' : formatBytes(row.youngAllocatedBytes),
    formatRatio(row.ratioToHttpCors),
    size(row.size, 'minified'),
    size(row.size, 'gzipped'),
    size(row.sizeWithoutMiddy, 'minified'),
    size(row.sizeWithoutMiddy, 'gzipped'),
  ])
  return section(
    `4. Cold start (fresh node process, median of ${Math.max(result.repetitions, 1)}) and bundle size`,
    markdownTable(
      [
        'delivery',
        'handler',
        'node start',
        'import',
        'build',
        'first request',
        'import+build+request',
        'of which GC',
        'young alloc',
        'vs http-cors',
        'bundle min',
        'bundle gzip',
        'min w/o middy',
        'gzip w/o middy',
      ],
      rows,
    ),
    '*vs http-cors* compares import+build+request with the http-cors handler delivered the same way. Bundles are minified,' +
      ' @middy/core included; "w/o middy" leaves it external (the CORS package and its dependencies alone). *lambda-cors + glob*' +
      ' adds one brace glob to the same allowlist. *lambda-cors without PSL* is a reference, not a deployable: the same package' +
      ' with the Public Suffix List emptied, to show what the list costs. *of which GC* is garbage collection that started inside' +
      ' import+build+request (median). *young alloc* is what import+build+request allocate in V8\'s young generation' +
      ` (one untimed run with a young generation too large to fill); ${formatBytes(result.youngFreeAtStartBytes)} of it was free` +
      ' when the clock started, and a handler that allocates more pays the first scavenge inside its window.',
  )
}

export function targetsSection(targets: readonly TargetVerdict[], mode: string): string {
  const rows = targets.map((target) => [
    target.description,
    target.unit === 'x' ? formatRatio(target.measured) : target.measured === null ? 'n/a' : formatMs(target.measured),
    target.unit === 'x' ? `<= ${target.threshold}x` : `< ${target.threshold} ms`,
    mode === 'quick' ? `(${target.met ? 'met' : 'missed'}; quick mode, not meaningful)` : target.met ? 'met' : 'MISSED',
    target.context ?? '',
  ])
  return section('Targets', markdownTable(['target', 'measured', 'threshold', 'verdict', 'same run'], rows))
}

function section(title: string, ...parts: string[]): string {
  return [`### ${title}`, ...parts].join('\n\n')
}
