/**
 * The lint's YAML reader: positioned nodes with their YAML types and short-form
 * tags, aliases read as what they point to, and the helpers the readers use
 * (`get`, `entry`, `at`, `text`, `isSet`, `refTarget`).
 */
import { describe, expect, it } from 'vitest'
import { at, entriesOf, entry, get, isSet, itemsOf, readTemplate, refTarget, TemplateReadError, text, type TreeNode } from '../../src/gateway/lint/yaml-tree.js'

/** The value under `key` at the top of `yaml`. */
function valueOf(yaml: string, key = 'v'): TreeNode | undefined {
  return get(readTemplate(yaml), key)
}

describe('readTemplate', () => {
  it('keeps each scalar with its YAML type, its tag and where it starts', () => {
    const root = readTemplate("name: api\ntimeout: 29\nprivate: true\ncors:\nquoted: 'false'\nref: !Ref Api\n")
    expect(root).toEqual({
      kind: 'map', at: { line: 1, column: 1 }, tag: undefined, entries: [
        { key: 'name', at: { line: 1, column: 1 }, value: { kind: 'scalar', at: { line: 1, column: 7 }, tag: undefined, value: 'api' } },
        { key: 'timeout', at: { line: 2, column: 1 }, value: { kind: 'scalar', at: { line: 2, column: 10 }, tag: undefined, value: 29 } },
        { key: 'private', at: { line: 3, column: 1 }, value: { kind: 'scalar', at: { line: 3, column: 10 }, tag: undefined, value: true } },
        { key: 'cors', at: { line: 4, column: 1 }, value: { kind: 'scalar', at: { line: 4, column: 6 }, tag: undefined, value: null } },
        { key: 'quoted', at: { line: 5, column: 1 }, value: { kind: 'scalar', at: { line: 5, column: 9 }, tag: undefined, value: 'false' } },
        // A tagged node starts after its tag.
        { key: 'ref', at: { line: 6, column: 1 }, value: { kind: 'scalar', at: { line: 6, column: 11 }, tag: '!Ref', value: 'Api' } },
      ],
    })
  })

  it('positions sequences, their items and nested mappings', () => {
    const events = at(readTemplate('functions:\n  api:\n    events:\n      - http: GET /a\n      - !If [c, a, b]\n'), 'functions', 'api', 'events')
    expect(events?.kind).toBe('seq')
    if (events?.kind !== 'seq') return
    expect(events.at).toEqual({ line: 4, column: 7 })
    expect(events.items.map((item) => [item.kind, item.tag, item.at])).toEqual([
      ['map', undefined, { line: 4, column: 9 }],
      ['seq', '!If', { line: 5, column: 13 }],
    ])
  })

  it('a key written without a value (`? key`) has a null value at the key', () => {
    expect(entry(readTemplate('a: 1\n? cors\n'), 'cors')).toEqual({ key: 'cors', at: { line: 2, column: 3 }, value: { kind: 'scalar', at: { line: 2, column: 3 }, tag: undefined, value: null } })
  })

  it('reads an alias as the node its anchor names, in every place it is used', () => {
    const root = readTemplate('custom:\n  auth: &auth\n    name: jwt\n  cors: &on true\nfunctions:\n  a:\n    authorizer: *auth\n    cors: *on\n  b:\n    authorizer: *auth\n')
    const anchored = at(root, 'custom', 'auth')
    expect(at(root, 'functions', 'a', 'authorizer')).toEqual(anchored)
    expect(text(at(root, 'functions', 'b', 'authorizer', 'name'))).toBe('jwt')
    expect(at(root, 'functions', 'a', 'cors')).toMatchObject({ kind: 'scalar', value: true })
    // Where it is used, the entry is at its own key.
    expect(entry(at(root, 'functions', 'a'), 'authorizer')?.at).toEqual({ line: 7, column: 5 })
  })

  it('a merge key (`<<: *defaults`) lends the aliased mapping\'s entries, after the mapping\'s own, which win', () => {
    const root = readTemplate('defaults: &defaults\n  cors: true\n  method: get\nhttp:\n  <<: *defaults\n  method: post\n  path: /items\n')
    const http = get(root, 'http')
    expect(entriesOf(http).map((e) => [e.key, (e.value as { value?: unknown }).value])).toEqual([
      ['method', 'post'],
      ['path', '/items'],
      ['cors', true],
    ])
    // A lent entry keeps where it is written, under the anchor.
    expect(entry(http, 'cors')?.at).toEqual({ line: 2, column: 3 })
  })

  it('a merge key over a list of aliases: the first mapping listed wins; a quoted "<<" is an ordinary key; a merge of a non-mapping, or of nothing, lends nothing', () => {
    const root = readTemplate('a: &a { x: 1, y: 1 }\nb: &b { y: 2, z: 2 }\nboth:\n  <<: [*a, *b]\nquoted:\n  "<<": *a\nscalar:\n  <<: 5\n  w: 0\nmixed:\n  <<: [5, *b]\nempty:\n  <<:\n  w: 0\nbare:\n  ? <<\n  w: 0\n')
    expect(entriesOf(get(root, 'both')).map((e) => [e.key, (e.value as { value?: unknown }).value])).toEqual([['x', 1], ['y', 1], ['z', 2]])
    expect(entriesOf(get(root, 'quoted')).map((e) => e.key)).toEqual(['<<'])
    expect(entriesOf(get(root, 'scalar')).map((e) => e.key)).toEqual(['w'])
    expect(entriesOf(get(root, 'mixed')).map((e) => e.key)).toEqual(['y', 'z'])
    expect(entriesOf(get(root, 'empty')).map((e) => e.key)).toEqual(['w'])
    expect(entriesOf(get(root, 'bare')).map((e) => e.key)).toEqual(['w'])
  })

  it('an alias to an undefined anchor, or into the node that holds it, reads as null', () => {
    expect(valueOf('v: *nowhere\n')).toEqual({ kind: 'scalar', at: { line: 1, column: 4 }, tag: undefined, value: null })
    const loop = valueOf('v: &loop [a, *loop]\n')
    expect(loop?.kind === 'seq' ? loop.items.map((item) => [item.kind, (item as { value?: unknown }).value]) : loop).toEqual([['scalar', 'a'], ['scalar', null]])
  })

  it('converts an anchor once however often it is aliased, so aliases of aliases stay small (no "billion laughs")', () => {
    const lines = ['l0: &l0 [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i <= 5; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`)
    const root = readTemplate(`${lines.join('\n')}\nResources: {}\n`)
    const top = at(root, 'l5')
    const items = top?.kind === 'seq' ? top.items : []
    expect(items).toHaveLength(10)
    for (const item of items) expect(item).toBe(at(root, 'l4'))
    expect(get(root, 'Resources')?.kind).toBe('map')
  })

  it('refuses what is not YAML, with the parser\'s first message line and where it is', () => {
    const read = (yaml: string) => {
      try {
        readTemplate(yaml)
      } catch (error) {
        return error
      }
      return undefined
    }
    const duplicate = read('Resources:\n  A: 1\n  A: 2\n')
    expect(duplicate).toBeInstanceOf(TemplateReadError)
    expect(duplicate).toMatchObject({ name: 'TemplateReadError', message: 'not valid YAML: Map keys must be unique', at: { line: 3, column: 3 } })
    const unclosed = read('functions: [')
    expect(unclosed).toMatchObject({ name: 'TemplateReadError', at: { line: 1, column: 13 } })
    expect((unclosed as Error).message).toMatch(/^not valid YAML: [^\n]+$/)
  })

  it('refuses a file that is not a mapping; an empty file has no position', () => {
    expect(() => readTemplate('')).toThrow(new TemplateReadError('the file is not a YAML mapping (a template or serverless.yml)', undefined))
    for (const empty of ['', '# nothing yet\n']) {
      try {
        readTemplate(empty)
        expect.unreachable()
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateReadError)
        expect((error as TemplateReadError).at).toBeUndefined()
      }
    }
    expect(() => readTemplate('- a\n')).toThrow(/not a YAML mapping/)
    try {
      readTemplate('\n\n- a\n')
      expect.unreachable()
    } catch (error) {
      expect((error as TemplateReadError).at).toEqual({ line: 3, column: 1 })
    }
  })
})

describe('reading nodes', () => {
  it('get, entry and at find exact keys in mappings only', () => {
    const root = readTemplate('provider:\n  httpApi:\n    cors: true\n  Cors: false\nlist: [a]\n')
    expect(text(at(root, 'provider', 'httpApi', 'cors'))).toBe('true')
    expect(entry(get(root, 'provider'), 'Cors')?.at).toEqual({ line: 4, column: 3 })
    expect(at(root, 'provider', 'cors')).toBeUndefined()
    expect(get(get(root, 'list'), 'a')).toBeUndefined()
    expect(entry(undefined, 'a')).toBeUndefined()
    expect(at(root)).toBe(root)
  })

  it('entriesOf and itemsOf list a mapping\'s entries and a sequence\'s items, and nothing of anything else', () => {
    const root = readTemplate('functions:\n  a: {}\n  b: {}\nevents:\n  - http: GET /a\n  - sqs: q\nname: x\nempty:\n')
    expect(entriesOf(get(root, 'functions')).map((e) => e.key)).toEqual(['a', 'b'])
    expect(itemsOf(get(root, 'events')).map((item) => item.at.line)).toEqual([5, 6])
    for (const key of ['events', 'name', 'empty', 'missing']) expect(entriesOf(get(root, key))).toEqual([])
    for (const key of ['functions', 'name', 'empty', 'missing']) expect(itemsOf(get(root, key))).toEqual([])
  })

  it.each([
    ['v: GET /items', 'GET /items'],
    ['v: 29', '29'],
    ['v: false', 'false'],
    ['v:', undefined],
    ['v: ~', undefined],
    ['v: !Ref Api', undefined],
    ['v: !Sub "${Api}"', undefined],
    ['v: { Ref: Api }', undefined],
    ['v: [a]', undefined],
  ])('text(%j) is %j: plain scalars only', (yaml, expected) => {
    expect(text(valueOf(yaml))).toBe(expected)
  })

  it.each([
    ['v: true', true],
    ['v: { origins: ["*"] }', true],
    ['v: []', true],
    ['v: yes', true],
    ['v: 0', true],
    ['v: false', false],
    ["v: 'false'", false],
    ['v:', false],
    ['v: null', false],
    ["v: ''", false],
    ['w: true', false],
  ])('isSet(%j) is %s: present and not switched off', (yaml, expected) => {
    expect(isSet(valueOf(yaml))).toBe(expected)
  })

  it.each([
    ['v: !Ref Api', 'Api'],
    ['v: { Ref: Api }', 'Api'],
    ['v:\n  Ref: Api', 'Api'],
    ['v: !Ref', ''],
    ['v: Api', undefined],
    ['v: !GetAtt Api.RootResourceId', undefined],
    ['v: !ImportValue shared-api-id', undefined],
    ['v: { "Fn::ImportValue": shared-api-id }', undefined],
    ['w: !Ref Api', undefined],
  ])('refTarget(%j) is %j', (yaml, expected) => {
    expect(refTarget(valueOf(yaml))).toBe(expected)
  })
})
