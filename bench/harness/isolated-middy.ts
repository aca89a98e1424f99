import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import type middyCore from '@middy/core'

export type Middy = typeof middyCore

const middyCoreUrl = pathToFileURL(createRequire(import.meta.url).resolve('@middy/core')).href

/**
 * A private copy of @middy/core for one stack.
 *
 * In Lambda a process runs one handler, so middy's inner loop only ever sees
 * that handler's middlewares. Sharing one middy module between the stacks of
 * a benchmark would make its call sites megamorphic and slow every contender
 * by an amount that depends on what else ran. Importing the module under a
 * distinct URL (query string) gives each stack its own module instance, with
 * its own functions and type feedback.
 */
export async function loadIsolatedMiddy(instance: string): Promise<Middy> {
  const module = (await import(`${middyCoreUrl}?instance=${encodeURIComponent(instance)}`)) as { default: Middy }
  return module.default
}
