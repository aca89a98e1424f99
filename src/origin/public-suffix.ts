/**
 * Public suffixes: names under which strangers can obtain their own names
 * (`co.uk`, `github.io`, `*.ck`), by the rules of the Public Suffix List.
 *
 * Used only at configuration time, and only for wildcard patterns: the list
 * is one string literal (public-suffix-data.ts) that is split into a set the
 * first time a wildcard pattern is checked, so an allowlist without
 * wildcards, and every request, never pays for it.
 */
import { PUBLIC_SUFFIX_RULES } from './public-suffix-data.js'

/**
 * Suffixes the Public Suffix List does not cover, and why. Every name at or
 * under each of them counts as a public suffix.
 * - `amazonaws.com`, `on.aws`: AWS hands out names under every service domain
 *   to all customers (execute-api, lambda-url, s3-website, elb, ...), and the
 *   PSL lists only some regions and services (`us-east-1.elb.amazonaws.com`
 *   is not in it). The generated data leaves out the list's rules under
 *   them, which these cover.
 */
export const SHARED_TREES: readonly string[] = ['amazonaws.com', 'on.aws']

/**
 * Single names the PSL does not list although anyone can get a subdomain
 * there (a free blog at `name.wordpress.com`).
 */
const SHARED_NAMES: readonly string[] = ['wordpress.com']

let rules: ReadonlySet<string> | undefined

/** The PSL rules as a set of `co.uk`, `*.ck`, `!www.ck`, built on first need. */
function ruleSet(): ReadonlySet<string> {
  if (rules !== undefined) return rules
  const set = new Set<string>(SHARED_NAMES)
  // The empty strings before the first group and after the last add only the
  // rule '.', which no look-up asks for (each has a label on both sides of a dot).
  for (const group of PUBLIC_SUFFIX_RULES.split(' ')) {
    const colon = group.indexOf(':')
    const parent = group.slice(0, colon)
    for (const first of group.slice(colon + 1).split(',')) set.add(`${first}.${parent}`)
  }
  return (rules = set)
}

/** Look-ups answered by searching the one string before the set is worth building. */
let searchesLeft = 256

/**
 * The PSL rules, as a set would answer. The first few hundred look-ups
 * search the one string (each parent has one group, ` parent:first,first `),
 * a few microseconds each, so that a cold start with a handful of wildcard
 * patterns never pays for splitting ~8,500 rules into a set (milliseconds);
 * an allowlist with many wildcards builds the set once. The literal is
 * searched as it is: every group already has a space on each side, and a
 * string built from it would be copied whole on the first search.
 */
const RULES = {
  has(rule: string): boolean {
    // The set is built only once the searches are used up (ruleSet caches it).
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the search below and the set answer alike for every rule (test/origin/public-suffix.test.ts holds both to tldts); this only picks the faster one
    if (searchesLeft <= 0) return ruleSet().has(rule)
    // Stryker disable next-line UpdateOperator: equivalent, it only decides when the set replaces the search, which answer alike
    searchesLeft--
    if (SHARED_NAMES.includes(rule)) return true
    // Every rule looked up has a dot: publicSuffixOf asks for two labels or more.
    const dot = rule.indexOf('.')
    const group = PUBLIC_SUFFIX_RULES.indexOf(` ${rule.slice(dot + 1)}:`)
    if (group === -1) return false
    const start = group + rule.length - dot + 1
    const end = PUBLIC_SUFFIX_RULES.indexOf(' ', start)
    return `,${PUBLIC_SUFFIX_RULES.slice(start, end)},`.includes(`,${rule.slice(0, dot)},`)
  },
}

/**
 * The public suffix of a host name (lower-case ASCII, no empty label), by
 * the PSL algorithm: an exception rule (`!www.ck`) wins and gives its own
 * name minus the first label; otherwise the longest matching rule, where `*`
 * stands for one label; otherwise the last label (the implicit `*` rule).
 * Our own additions (see SHARED_TREES) make every name under them a suffix.
 */
export function publicSuffixOf(host: string): string {
  for (const tree of SHARED_TREES) {
    if (host === tree || host.endsWith(`.${tree}`)) return host
  }
  const set = RULES
  const labels = host.split('.')
  // Exceptions first: they override every other rule.
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: equivalent, further rounds only look up '!' alone or '!' and the last label ('!com'), and every exception rule has two labels or more
  for (let i = 0; i < labels.length - 1; i++) {
    if (set.has(`!${labels.slice(i).join('.')}`)) return labels.slice(i + 1).join('.')
  }
  // Longest rule first: the leftmost starting label that matches.
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: equivalent, further rounds only look up names ending in a dot ('com.', '*.'), and no rule ends in one
  for (let i = 0; i < labels.length - 1; i++) {
    const rest = labels.slice(i + 1).join('.')
    if (set.has(`${labels[i] as string}.${rest}`) || set.has(`*.${rest}`)) return labels.slice(i).join('.')
  }
  return labels[labels.length - 1] as string
}

/** True when strangers can register names directly under `name` (it is its own public suffix). */
export function isPublicSuffix(name: string): boolean {
  return publicSuffixOf(name) === name
}
