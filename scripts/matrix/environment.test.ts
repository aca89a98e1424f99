import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import middy from '@middy/core'
import { expect, test } from 'vitest'

// Only meaningful inside a matrix cell (scripts/matrix.mjs sets both variables).
const wantedNode = process.env.MATRIX_NODE
const middyCore = process.env.MIDDY_CORE ?? '@middy/core'
// An absolute path for @middy/core 7, which the matrix installs into .tmp/middy7.
const packageDir = middyCore.startsWith('/') ? middyCore : join(process.cwd(), 'node_modules', middyCore)
const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string }

test.skipIf(wantedNode === undefined)(`this cell runs Node ${wantedNode} and ${middyCore} (@middy/core ${installed.version})`, async () => {
  expect(process.versions.node.split('.')[0]).toBe(wantedNode)
  expect(installed.name).toBe('@middy/core')
  // The module every test gets for '@middy/core' is the one this cell asked for.
  const direct = (await import(/* @vite-ignore */ middyCore)) as { default: unknown }
  expect(middy).toBe(direct.default)
})
