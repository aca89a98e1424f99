/**
 * Allowlists that differ per stage: the production origins from an
 * environment variable, and the local dev servers only in the stages that
 * are named as development stages.
 */
import { parseOriginPattern } from './origin/pattern.js'
import { ProblemList } from './policy/problems.js'
import { splitList } from './policy/list-in-a-string.js'

/** Where {@link originsFromEnv} reads variables: `process.env` unless given. */
export interface OriginsFromEnvOptions {
  /** The variables to read from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>
}

/** Syntax only: whether credentials make an entry unsafe is decided by `cors()`, which knows. */
const SYNTAX_ONLY = { credentials: false, dangerouslyAllowNullOrigin: false, dangerouslyAllowInsecureOriginsWithCredentials: false }

/**
 * Reads an allowlist from the environment variable `name`: origins separated
 * by commas and/or whitespace (`https://app.example.com, https://*.preview.example.com`),
 * empty elements ignored. Every entry is checked now, and all problems are
 * reported at once, each under the variable's name (`CORS_ORIGINS[1]`).
 *
 * @throws CorsConfigError when the variable is unset or empty (an
 * empty allowlist is never a safe default), or when an entry is not an
 * origin pattern.
 *
 * @example
 * cors({ origins: originsFromEnv('CORS_ORIGINS'), credentials: true })
 */
export function originsFromEnv(name: string, options: OriginsFromEnvOptions = {}): readonly string[] {
  const problems = new ProblemList()
  const env = options.env ?? globalThis.process?.env ?? {}
  const value = env[name]
  const example = `${name}=https://app.example.com,https://admin.example.com`
  if (value === undefined) {
    problems.add(name, value, `the environment variable ${name} is not set.`,
      `set it to the allowed origins, separated by commas, for example ${example} (in the function's environment, e.g. provider.environment in serverless.yml).`)
  } else if (splitList(value).length === 0) {
    problems.add(name, value, `the environment variable ${name} is set but holds no origin.`,
      `set it to the allowed origins, separated by commas, for example ${example}.`)
  }
  problems.throwIfAny()
  const origins = splitList(value as string)
  origins.forEach((origin, i) => parseOriginPattern(origin, `${name}[${i}]`, SYNTAX_ONLY, problems))
  problems.throwIfAny()
  return Object.freeze(origins)
}

/** When {@link localhostOrigins} allows the local dev servers. */
export interface LocalhostOriginsOptions {
  /** The stage this code runs in, e.g. `process.env.STAGE`. Unset means "not a dev stage". */
  readonly stage: string | undefined
  /** The stages that are development stages, e.g. `['dev', 'local']`. Every other stage gets no localhost. */
  readonly devStages: readonly string[]
}

/** Loopback dev servers on any port: Vite, Next, CRA and friends. */
const LOCALHOST_PATTERNS: readonly string[] = Object.freeze([
  'http://localhost:*', 'https://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*',
])

/**
 * The local dev server origins (`http://localhost:*`, `https://localhost:*`,
 * `http://127.0.0.1:*`, `http://[::1]:*`) when `stage` is one of
 * `devStages`, and none otherwise. It fails closed: a stage that is unset,
 * misspelt or new gets no localhost, so a production deployment never
 * allows it by accident.
 *
 * @throws CorsConfigError when `devStages` is empty or names a
 * production-looking stage.
 *
 * @example
 * origins: [...originsFromEnv('CORS_ORIGINS'), ...localhostOrigins({ stage: process.env.STAGE, devStages: ['dev'] })]
 */
export function localhostOrigins(options: LocalhostOriginsOptions): readonly string[] {
  const problems = new ProblemList()
  const devStages: unknown = options?.devStages
  if (!Array.isArray(devStages) || devStages.length === 0 || !devStages.every((stage) => typeof stage === 'string' && stage !== '')) {
    problems.add('devStages', devStages, 'devStages must list the names of the development stages.', "write devStages: ['dev'].")
  } else {
    for (const stage of devStages as string[]) {
      if (/^prod/i.test(stage)) {
        problems.add('devStages', devStages, `"${stage}" looks like a production stage, where localhost must not be allowed.`,
          `remove "${stage}" from devStages.`)
      }
    }
  }
  problems.throwIfAny()
  // devStages holds only non-empty strings, so no other value of stage is found in it.
  return (devStages as readonly unknown[]).includes(options.stage) ? LOCALHOST_PATTERNS : []
}
