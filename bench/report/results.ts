import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { ColdStartResult } from '../cases/cold-start.js'
import type { HooksResult } from '../cases/hooks.js'
import type { HostileResult } from '../cases/hostile.js'
import type { OverheadResult } from '../cases/overhead.js'
import type { ScalingResult } from '../cases/scaling.js'
import type { MachineInfo } from '../machine.js'
import type { Settings } from '../settings.js'
import type { TargetVerdict } from '../target.js'


/** The shape of bench/results.json. Times are medians; units are in the field names. */
export interface BenchResults {
  schema: 1
  mode: Settings['mode']
  machine: MachineInfo
  settings: Settings
  durationSeconds: number
  overhead?: OverheadResult
  hooks?: HooksResult
  scaling?: ScalingResult
  hostile?: HostileResult
  coldStart?: ColdStartResult
  targets: TargetVerdict[]
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`)
}
