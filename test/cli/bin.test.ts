import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { missingAuthenticationToken, corsActual } from '../support/gateway-answers.js'
import { startAnsweringServer, type AnsweringServer } from './support/answering-server.js'

// The command as a user runs it: its own process, real stdout and exit code.

const MAIN = new URL('../../src/cli/main.ts', import.meta.url)

function runProcess(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN.pathname, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr })
    })
  })
}

describe('the lambda-cors bin in a child process', () => {
  let server: AnsweringServer
  beforeAll(async () => {
    server = await startAnsweringServer(false)
    server.answer((request) => (request.method === 'OPTIONS' ? missingAuthenticationToken() : corsActual('https://app.example.com')))
  })
  afterAll(async () => {
    await server.close()
  })

  it('keeps its shebang, so the built dist/cli/main.js runs as a command', () => {
    expect(readFileSync(MAIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('exits 1 and prints the report for a blocked request, 0 for an allowed one', { timeout: 60_000 }, async () => {
    const blocked = await runProcess(['check', `${server.origin}/prod/orders`, '--origin', 'https://app.example.com', '--method', 'DELETE'], { NO_COLOR: '1' })
    expect(blocked).toMatchObject({ code: 1, stderr: '' })
    expect(blocked.stdout).toContain('preflight-not-routed')
    const allowed = await runProcess(['check', `${server.origin}/prod/orders`, '--origin', 'https://app.example.com'])
    expect(allowed.code).toBe(0)
    expect(allowed.stdout).toContain('ALLOWED')
  })
})
