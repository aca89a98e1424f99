import type middyCore from '@middy/core'
import { pathToFileURL } from 'node:url'

export type Middy = typeof middyCore

/**
 * The @middy/core majors the in-process cases run on: the devDependency (6)
 * and 7, which `npm run bench` installs into .tmp/middy7 first
 * (scripts/lib/middy7.mjs: it declares Node >=22, so it is no devDependency).
 */
export type MiddyMajor = 6 | 7
export const middyMajors: readonly MiddyMajor[] = [6, 7]

// import.meta.resolve: middy 7 exports only an `import` condition.
const middyCoreUrl: Record<MiddyMajor, string> = {
  6: import.meta.resolve('@middy/core'),
  7: pathToFileURL(new URL('../../.tmp/middy7/node_modules/@middy/core/index.js', import.meta.url).pathname).href,
}

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
export async function loadIsolatedMiddy(instance: string, major: MiddyMajor = 6): Promise<Middy> {
  const module = await importIsolated<{ default: Middy }>(middyCoreUrl[major], instance)
  return module.default
}

/**
 * A private instance of the module at `url` (its own functions, so its own
 * type feedback), for the same reason as middy's: in Lambda a middleware's
 * code only ever sees one handler's events and responses. The module's own
 * imports are shared.
 */
export async function importIsolated<T>(url: string, instance: string): Promise<T> {
  return (await import(`${url}?instance=${encodeURIComponent(instance)}`)) as T
}
