/**
 * A strict parser for the small subset of YAML the guides use (serverless.yml
 * and SAM templates), so the tests can check their structure without a YAML
 * dependency.
 *
 * Accepted: block mappings and block sequences (a sequence may sit at its
 * key's indentation), plain, single-quoted and double-quoted scalars, scalar
 * values with a local tag (`!Ref Api`, kept as `{ '!Ref': 'Api' }`), and
 * comments. Everything else is refused with the line number rather than
 * guessed at: tabs, flow collections, anchors and aliases, block scalars,
 * multi-line scalars, documents markers, duplicate keys, and plain scalars
 * whose type differs between YAML 1.1 and 1.2 (yes, no, on, off, 0777...).
 * Because the subset is unambiguous, a text this accepts means the same to
 * any YAML parser.
 */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue }

/** A YAML mapping. */
export type YamlObject = { [key: string]: YamlValue }

interface Line {
  readonly number: number
  readonly indent: number
  readonly text: string
}

export class YamlSubsetError extends Error {}

export function parseYamlSubset(source: string): YamlValue {
  const lines: Line[] = []
  source.split('\n').forEach((raw, i) => {
    if (/^\s*\t/.test(raw) || /^[ ]*\t/.test(raw)) throw new YamlSubsetError(`line ${i + 1}: tab in indentation`)
    const text = stripComment(raw, i + 1).trimEnd()
    if (text.trim() === '') return
    if (/^(---|\.\.\.)(\s|$)/.test(text)) throw new YamlSubsetError(`line ${i + 1}: document markers are outside the subset`)
    lines.push({ number: i + 1, indent: text.length - text.trimStart().length, text: text.trimStart() })
  })
  if (lines.length === 0) return null
  const parser = new Parser(lines)
  const value = parser.block((lines[0] as Line).indent)
  if (parser.position < lines.length) {
    const line = lines[parser.position] as Line
    throw new YamlSubsetError(`line ${line.number}: unexpected indentation`)
  }
  return value
}

class Parser {
  position = 0
  constructor(private readonly lines: readonly Line[]) {}

  private peek(): Line | undefined {
    return this.lines[this.position]
  }

  block(indent: number): YamlValue {
    const line = this.peek()
    if (line === undefined) return null
    if (isSequenceItem(line.text)) return this.sequence(indent)
    if (splitKey(line.text, line.number) !== undefined) return this.mapping(indent)
    throw new YamlSubsetError(`line ${line.number}: expected a mapping or a sequence`)
  }

  private mapping(indent: number, first?: Line): { [key: string]: YamlValue } {
    const result: { [key: string]: YamlValue } = {}
    let pending = first
    for (;;) {
      const line = pending ?? this.peek()
      if (line === undefined || line.indent < indent) break
      if (line.indent > indent) throw new YamlSubsetError(`line ${line.number}: unexpected indentation`)
      if (pending === undefined) this.position++
      pending = undefined
      const split = splitKey(line.text, line.number)
      if (split === undefined) throw new YamlSubsetError(`line ${line.number}: expected "key: value"`)
      const [key, rest] = split
      if (Object.hasOwn(result, key)) throw new YamlSubsetError(`line ${line.number}: duplicate key ${key}`)
      result[key] = rest === '' ? this.nested(indent, line.number) : this.inlineValue(rest, line.number)
    }
    return result
  }

  private sequence(indent: number): YamlValue[] {
    const result: YamlValue[] = []
    for (;;) {
      const line = this.peek()
      if (line === undefined || line.indent < indent || !isSequenceItem(line.text)) break
      if (line.indent > indent) throw new YamlSubsetError(`line ${line.number}: unexpected indentation`)
      this.position++
      const rest = line.text.slice(1).trimStart()
      const itemIndent = indent + (line.text.length - rest.length)
      if (rest === '') {
        result.push(this.nested(indent, line.number))
      } else if (splitKey(rest, line.number) !== undefined && !isQuotedScalar(rest)) {
        // "- key: value" opens a mapping whose keys line up after the dash.
        result.push(this.mapping(itemIndent, { number: line.number, indent: itemIndent, text: rest }))
      } else {
        result.push(this.inlineValue(rest, line.number))
      }
    }
    return result
  }

  /** The value of a "key:" or "-" with nothing after it: a deeper block, a same-indent sequence under a key, or null. */
  private nested(indent: number, lineNumber: number): YamlValue {
    const next = this.peek()
    if (next === undefined) return null
    if (next.indent > indent) return this.block(next.indent)
    if (next.indent === indent && isSequenceItem(next.text) && !this.insideSequence(indent, lineNumber)) return this.sequence(indent)
    return null
  }

  /** Whether the key on `lineNumber` is itself a sequence item's first key at `indent` (then a same-indent "-" is a sibling item). */
  private insideSequence(indent: number, lineNumber: number): boolean {
    const owner = this.lines.find((line) => line.number === lineNumber)
    return owner !== undefined && owner.indent === indent && isSequenceItem(owner.text)
  }

  private inlineValue(text: string, lineNumber: number): YamlValue {
    // A deeper line after this one is refused by the caller (no multi-line scalars).
    const tag = /^!([A-Za-z][\w:.-]*)\s+(.+)$/.exec(text)
    if (tag !== null) return { [`!${tag[1]}`]: scalar(tag[2] as string, lineNumber) }
    return scalar(text, lineNumber)
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ')
}

function isQuotedScalar(text: string): boolean {
  return (text.startsWith('"') || text.startsWith("'")) && splitKey(text, 0) === undefined
}

/** `key: rest` split at the first ": " (or a final ":") outside quotes. */
function splitKey(text: string, lineNumber: number): [string, string] | undefined {
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote !== undefined) {
      if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++
        else quote = undefined
      } else if (c === '\\' && quote === '"') i++
      continue
    }
    if ((c === '"' || c === "'") && i === 0) { quote = c; continue }
    if (c === ':' && (i === text.length - 1 || text[i + 1] === ' ')) {
      const rawKey = text.slice(0, i).trim()
      if (rawKey === '') return undefined
      const key = scalar(rawKey, lineNumber)
      if (typeof key !== 'string') throw new YamlSubsetError(`line ${lineNumber}: keys must be strings (${rawKey})`)
      return [key, text.slice(i + 1).trim()]
    }
  }
  return undefined
}

/** Removes a comment: "#" at the start or after a space, outside quotes. */
function stripComment(line: string, lineNumber: number): string {
  let quote: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quote !== undefined) {
      if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") i++
        else quote = undefined
      } else if (c === '\\' && quote === '"') i++
      continue
    }
    // A quote opens a scalar only where a scalar starts: a line's start, after "- ", ": " or a tag.
    if ((c === '"' || c === "'") && /^\s*(-\s+)*(![^\s]+\s+)?$|:\s+(![^\s]+\s+)?$/.test(line.slice(0, i))) { quote = c; continue }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1] as string))) return line.slice(0, i)
  }
  if (quote !== undefined) throw new YamlSubsetError(`line ${lineNumber}: unclosed quote`)
  return line
}

const AMBIGUOUS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|0[0-7]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|\d+:\d+(:\d+)*|\d{4}-\d\d?-\d\d?([Tt ].*)?)$/

function scalar(text: string, lineNumber: number): YamlValue {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new YamlSubsetError(`line ${lineNumber}: a double-quoted scalar must end on its line`)
    const inner = text.slice(1, -1)
    if (/(^|[^\\])(\\\\)*"/.test(inner)) throw new YamlSubsetError(`line ${lineNumber}: text after a closing quote`)
    if (/\\[^"\\/nt]/.test(inner.replace(/\\\\/g, ''))) throw new YamlSubsetError(`line ${lineNumber}: escapes other than \\" \\\\ \\/ \\n \\t are outside the subset`)
    return inner.replace(/\\(["\\/nt])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c))
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError(`line ${lineNumber}: a single-quoted scalar must end on its line`)
    const inner = text.slice(1, -1)
    if (/(^|[^'])'(?!')/.test(inner.replace(/''/g, ''))) throw new YamlSubsetError(`line ${lineNumber}: text after a closing quote`)
    return inner.replace(/''/g, "'")
  }
  if (/^[[\]{}&*!|>%@`,?]/.test(text) || /^[-:]( |$)/.test(text)) {
    throw new YamlSubsetError(`line ${lineNumber}: ${JSON.stringify(text)} starts with a YAML indicator outside the subset (flow collections, anchors, aliases, block scalars); quote it`)
  }
  if (/: |\s#/.test(text)) throw new YamlSubsetError(`line ${lineNumber}: ${JSON.stringify(text)} needs quotes`)
  if (AMBIGUOUS.test(text)) throw new YamlSubsetError(`line ${lineNumber}: ${JSON.stringify(text)} means different things in YAML 1.1 and 1.2; quote it`)
  if (/^(true|True|TRUE)$/.test(text)) return true
  if (/^(false|False|FALSE)$/.test(text)) return false
  if (/^(null|Null|NULL|~)$/.test(text)) return null
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(text)) return Number(text)
  if (/^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text)
  return text
}

/** Every path to a key named `key` (any case), anywhere in a YAML document. */
export function findKeys(value: YamlValue, key: string, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => findKeys(item, key, `${path}[${i}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k.toLowerCase() === key.toLowerCase() ? [`${path}.${k}`] : []),
    ...findKeys(v, key, `${path}.${k}`),
  ])
}
