/**
 * Allowlists that arrive as one string: `process.env.CORS_ORIGINS` passed
 * straight to `origins`. A comma-separated list, or an empty string from an
 * unset variable, would otherwise be read as one malformed origin and get a
 * fix about ports or schemes; these checks name the real mistake.
 */
import type { ProblemList } from './problems.js'

/**
 * The entries of a list written in one string: split on commas and
 * whitespace, empty elements dropped. A comma inside braces belongs to a
 * brace pattern (`https://{app,admin}.example.com`), not to the list.
 */
export function splitList(value: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i <= value.length; i++) {
    const char = value[i]
    if (char === '{') depth++
    else if (char === '}' && depth > 0) depth--
    else if (char === undefined || (depth === 0 && (char === ',' || /\s/.test(char)))) {
      if (i > start) parts.push(value.slice(start, i))
      start = i + 1
    }
  }
  return parts
}

/** What splitList splits on. */
const LIST_SEPARATOR = /[\s,]/

/** `['a', 'b']`, as a user would write it in code. */
export function codeList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`
}

/**
 * Reports the string entries of an allowlist that are lists or empty, and
 * returns the allowlist without them (`undefined` when nothing is left), so
 * that the pattern parser does not add a second, misleading problem about
 * the same entry.
 */
export function withoutListsInStrings(allowlist: unknown, option: string, problems: ProblemList): unknown {
  if (typeof allowlist === 'string') return reportListInString(allowlist, option, true, problems) ? undefined : allowlist
  if (!Array.isArray(allowlist)) return allowlist
  const kept: unknown[] = []
  allowlist.forEach((entry: unknown, i) => {
    if (typeof entry === 'string' && reportListInString(entry, `${option}[${i}]`, false, problems)) return
    kept.push(entry)
  })
  // Everything reported: an "empty allowlist" problem would only repeat it.
  return kept.length === 0 && allowlist.length > 0 ? undefined : kept
}

/** Adds a problem and returns true when `value` is empty or holds several entries. */
function reportListInString(value: string, option: string, whole: boolean, problems: ProblemList): boolean {
  // The usual entry, one origin without separators, is settled by one search.
  // Stryker disable next-line ConditionalExpression: equivalent, the shortcut only saves splitting: a non-empty value without separators splits into one part, which returns false below
  if (value !== '' && !LIST_SEPARATOR.test(value)) return false
  const parts = splitList(value)
  if (parts.length === 0) {
    problems.add(option, value, 'an empty string is not an origin: when it comes from an environment variable, the variable is probably unset or empty.',
      "set the variable to the allowed origins, or read it with originsFromEnv('CORS_ORIGINS'), which names the variable that is missing.")
    return true
  }
  if (parts.length === 1) return false // one origin with stray spaces: the pattern parser says what to write
  problems.add(option, value, 'this is a list of origins in one string (separated by commas or spaces), but each entry must be one origin.',
    `split it into ${whole ? `a list: ${option}: ${codeList(parts)}` : `separate entries: ${codeList(parts).slice(1, -1)}`}; originsFromEnv('CORS_ORIGINS') reads and splits an environment variable.`)
  return true
}
