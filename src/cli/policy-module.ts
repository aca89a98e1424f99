/**
 * Loading `--policy <module>`: the user's options as the module's default
 * export. JavaScript modules load with `import()`; TypeScript ones through
 * tsx when it is installed.
 */
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { CorsOptions } from '../policy/options.js'

function isOptions(value: unknown): value is CorsOptions {
  return typeof value === 'object' && value !== null && 'origins' in value
}

/** The default export of the module at `path` (relative to `cwd`), checked to look like CORS options. */
export async function loadPolicyModule(path: string, cwd: string): Promise<CorsOptions> {
  const file = resolve(cwd, path)
  const url = pathToFileURL(file).href
  let loaded: Record<string, unknown>
  if (/\.[cm]?tsx?$/.test(file)) {
    let tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>>
    try {
      // Optional: only present where the user installed tsx.
      ;({ tsImport } = (await import('tsx/esm/api')) as unknown as { tsImport: typeof tsImport })
    } catch {
      throw new Error(`${path} is TypeScript: install tsx (npm i -D tsx) or pass the compiled .js module`)
    }
    loaded = await tsImport(url, import.meta.url)
  } else {
    loaded = (await import(url)) as Record<string, unknown>
  }
  // CommonJS modules and tsx can wrap the default export once more.
  let candidate: unknown = loaded.default
  if (!isOptions(candidate) && typeof candidate === 'object' && candidate !== null && 'default' in candidate) {
    candidate = (candidate as { default: unknown }).default
  }
  if (!isOptions(candidate)) throw new Error(`${path} has no default export with CORS options (an object with \`origins\`)`)
  return candidate
}
