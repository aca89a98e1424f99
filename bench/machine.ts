import os from 'node:os'

/** Where and when the numbers were taken: they mean little without it. */
export interface MachineInfo {
  cpu: string
  cores: number
  memoryGiB: number
  platform: string
  arch: string
  node: string
  v8: string
  /** 1-minute load average when the run started: the machine is shared. */
  loadAverage: number
  date: string
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    arch: process.arch,
    node: process.version,
    v8: process.versions.v8,
    loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
    date: new Date().toISOString(),
  }
}
