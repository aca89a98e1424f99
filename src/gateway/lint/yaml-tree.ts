/**
 * Reading a template: YAML (or JSON) text in, a tree of positioned nodes out.
 *
 * The `yaml` package parses; CloudFormation's short-form tags (`!Ref`,
 * `!GetAtt`, `!Sub`...) are declared so that they are read, not warned
 * about, and each node keeps its tag. Only the lint imports this module, so
 * the library never loads the parser.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Scalar, type Tags } from 'yaml'

/** A 1-based line and column in the file. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** A node of the template, with where it starts. */
export type TreeNode = ScalarNode | MapNode | SeqNode

export interface ScalarNode {
  readonly kind: 'scalar'
  readonly at: Position
  /** A short-form tag such as `!Ref`, when written. */
  readonly tag: string | undefined
  readonly value: string | number | boolean | null
}

export interface MapEntry {
  readonly key: string
  /** Where the key starts: findings about an entry point at it. */
  readonly at: Position
  readonly value: TreeNode
}

export interface MapNode {
  readonly kind: 'map'
  readonly at: Position
  readonly tag: string | undefined
  readonly entries: readonly MapEntry[]
}

export interface SeqNode {
  readonly kind: 'seq'
  readonly at: Position
  readonly tag: string | undefined
  readonly items: readonly TreeNode[]
}

/** The template cannot be read: not YAML, or not a mapping. */
export class TemplateReadError extends Error {
  constructor(message: string, readonly at: Position | undefined) {
    super(message)
    this.name = 'TemplateReadError'
  }
}

/** CloudFormation's intrinsic functions and conditions that have a short form. */
const INTRINSICS = [
  'Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'And', 'Or', 'FindInMap', 'Base64',
  'Cidr', 'GetAZs', 'ImportValue', 'Condition', 'Transform', 'ToJsonString', 'Length', 'ForEach',
]

/** Each short-form tag on a scalar, a sequence and a mapping; the node is kept as it is. */
const CLOUDFORMATION_TAGS: Tags = INTRINSICS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: YamlNode) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: YamlNode) => value },
])

/** Parses a template into positioned nodes. Its top level must be a mapping. */
export function readTemplate(text: string): MapNode {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' })
  const position = (offset: number | undefined): Position => {
    const { line, col } = lineCounter.linePos(offset ?? 0)
    return { line, column: col }
  }
  const [error] = document.errors
  if (error !== undefined) throw new TemplateReadError(`not valid YAML: ${error.message.split('\n')[0] ?? error.code}`, position(error.pos[0]))
  // Every node the parser composes has a range; the fallback is for the type.
  // Stryker disable next-line OptionalChaining: equivalent, the parser sets range on every node it composes
  const start = (node: { range?: readonly number[] | null }): Position => position(node.range?.[0])
  // An alias is read as the node it points to, converted once (anchors can be
  // aliased many times); one that points into itself, or nowhere, is null.
  const converted = new Map<unknown, TreeNode>()
  const convert = (node: unknown): TreeNode => {
    if (isAlias(node)) {
      const target = node.resolve(document)
      return target === undefined ? { kind: 'scalar', at: start(node), tag: undefined, value: null } : convert(target)
    }
    const known = converted.get(node)
    if (known !== undefined) return known
    converted.set(node, { kind: 'scalar', at: start(node as YamlNode), tag: undefined, value: null })
    const tree = convertNode(node as YamlNode)
    converted.set(node, tree)
    return tree
  }
  const convertNode = (node: YamlNode): TreeNode => {
    if (isMap(node)) {
      const entries: MapEntry[] = []
      const mergedMaps: MapNode[] = []
      for (const pair of node.items) {
        const keyNode = pair.key
        // A merge key (`<<: *defaults`, or a list of aliases), as YAML 1.1 tools read it: the mappings it names lend their entries.
        if (isScalar(keyNode) && keyNode.value === '<<' && keyNode.type === 'PLAIN') {
          if (pair.value !== null) mergedMaps.push(...mergeSources(convert(pair.value)))
          continue
        }
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
        // The parser makes every key a node, an empty one (`: v`) a null scalar.
        const at = start(keyNode as YamlNode)
        entries.push({ key, at, value: pair.value === null ? { kind: 'scalar', at, tag: undefined, value: null } : convert(pair.value) })
      }
      // The mapping's own keys win over merged ones, and among merged mappings the first listed wins.
      const keys = new Set(entries.map((own) => own.key))
      for (const merged of mergedMaps) {
        for (const lent of merged.entries) {
          if (keys.has(lent.key)) continue
          keys.add(lent.key)
          entries.push(lent)
        }
      }
      return { kind: 'map', at: start(node), tag: node.tag, entries }
    }
    if (isSeq(node)) return { kind: 'seq', at: start(node), tag: node.tag, items: node.items.map(convert) }
    // A scalar: the core schema gives strings, numbers, booleans and null, and the short-form tags resolve to their text.
    return { kind: 'scalar', at: start(node), tag: node.tag, value: (node as Scalar).value as ScalarNode['value'] }
  }
  const root = document.contents === null ? undefined : convert(document.contents)
  if (root === undefined || root.kind !== 'map') throw new TemplateReadError('the file is not a YAML mapping (a template or serverless.yml)', root?.at)
  return root
}

/** The mappings a merge key names: one mapping, or each mapping of a list; anything else lends nothing. */
function mergeSources(value: TreeNode): MapNode[] {
  if (value.kind === 'map') return [value]
  return value.kind === 'seq' ? value.items.filter((item): item is MapNode => item.kind === 'map') : []
}

/** The value under `key` (exact), if the node is a mapping that has it. */
export function get(node: TreeNode | undefined, key: string): TreeNode | undefined {
  return node?.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined
}

/** The entry under `key` (exact), with the key's position. */
export function entry(node: TreeNode | undefined, key: string): MapEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined
}

/** A mapping's entries; none when the node is anything else. */
export function entriesOf(node: TreeNode | undefined): readonly MapEntry[] {
  return node?.kind === 'map' ? node.entries : []
}

/** A sequence's items; none when the node is anything else. */
export function itemsOf(node: TreeNode | undefined): readonly TreeNode[] {
  return node?.kind === 'seq' ? node.items : []
}

/** A path of keys from a node. */
export function at(node: TreeNode | undefined, ...keys: readonly string[]): TreeNode | undefined {
  return keys.reduce<TreeNode | undefined>((current, key) => get(current, key), node)
}

/** The node's scalar value as a string, when it is a plain (untagged) scalar. */
export function text(node: TreeNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.tag === undefined && node.value !== null ? String(node.value) : undefined
}

/** Whether a setting is present and not switched off (`false`, `null`, empty). */
export function isSet(node: TreeNode | undefined): boolean {
  if (node?.kind !== 'scalar') return node !== undefined
  return node.value !== false && node.value !== null && node.value !== '' && node.value !== 'false'
}

/** The logical id a `!Ref X` or `{ Ref: X }` names. */
export function refTarget(node: TreeNode | undefined): string | undefined {
  // A short-form tag's value is its text, `''` when empty: never null.
  if (node?.kind === 'scalar' && node.tag === '!Ref') return String(node.value)
  return text(get(node, 'Ref'))
}
