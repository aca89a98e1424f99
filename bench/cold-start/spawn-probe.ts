import { spawn } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import type { ProbeReport } from './probe.js'

export interface ProbeRun extends ProbeReport {
  /** Wall time from spawn to exit, as the parent saw it (ms). */
  processMs: number
}

/**
 * Run the probe in a fresh `node` (the same binary, no NODE_OPTIONS, so no
 * loader like tsx is in the child; no flags unless `nodeFlags` are given, as
 * for the untimed run that counts allocations) against one bundle.
 */
export function runProbe(probePath: string, bundlePath: string, nodeFlags: readonly string[] = []): Promise<ProbeRun> {
  const env = { ...process.env }
  delete env['NODE_OPTIONS']
  return new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(process.execPath, [...nodeFlags, probePath, pathToFileURL(bundlePath).href], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const processMs = performance.now() - start
      if (code !== 0) return reject(new Error(`cold-start probe for ${bundlePath} exited ${code}: ${stderr}`))
      try {
        resolve({ ...(JSON.parse(stdout) as ProbeReport), processMs })
      } catch {
        reject(new Error(`cold-start probe for ${bundlePath} printed ${JSON.stringify(stdout)}`))
      }
    })
  })
}
