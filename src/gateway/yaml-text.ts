/**
 * Writing the YAML of the generated snippets. The values are header names,
 * response types and mapping values the generator itself builds, so a small
 * writer is enough: every string is double-quoted (JSON escaping is valid in
 * YAML), which keeps `'...'` literals and special characters intact.
 */

/** A YAML value the generators write: a string, a tagged scalar, or a mapping. */
export type YamlNode = string | { readonly tag: string; readonly value: string } | { readonly [key: string]: YamlNode }

/** Keys that need no quotes: letters, digits and `._-`, not starting with a digit or indicator. */
const PLAIN_KEY = /^[A-Za-z][\w.-]*$/

/** A scalar that reads as the same string in YAML 1.1 and 1.2 without quotes. */
const PLAIN_VALUE = /^[A-Za-z][\w.:-]*$/
const AMBIGUOUS = /^(y|n|yes|no|on|off|true|false|null)$/i

function key(name: string): string {
  return PLAIN_KEY.test(name) ? name : JSON.stringify(name)
}

function scalar(value: string): string {
  return PLAIN_VALUE.test(value) && !AMBIGUOUS.test(value) && !value.includes(': ') ? value : JSON.stringify(value)
}

/** Whether a mapping or tagged scalar (never a plain string: the caller writes those first) is a tagged scalar. */
function isTagged(node: Exclude<YamlNode, string>): node is { readonly tag: string; readonly value: string } {
  return typeof node.tag === 'string' && typeof node.value === 'string' && Object.keys(node).length === 2
}

/** The block-style YAML of a mapping, indented by `indent` spaces. */
export function yamlMapping(mapping: { readonly [key: string]: YamlNode }, indent = 0): string {
  const pad = ' '.repeat(indent)
  let out = ''
  for (const [name, node] of Object.entries(mapping)) {
    if (typeof node === 'string') out += `${pad}${key(name)}: ${scalar(node)}\n`
    else if (isTagged(node)) out += `${pad}${key(name)}: ${node.tag} ${scalar(node.value)}\n`
    else out += `${pad}${key(name)}:\n${yamlMapping(node as { readonly [key: string]: YamlNode }, indent + 2)}`
  }
  return out
}
