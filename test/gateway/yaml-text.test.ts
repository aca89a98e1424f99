/**
 * yamlMapping, the YAML writer of the generated snippets: plain scalars where
 * YAML reads them back as the same string, double quotes elsewhere, `!Tag
 * value` for a tagged scalar, and any other mapping as a nested block, even
 * when its keys happen to be `tag` and `value`.
 */
import { describe, expect, it } from 'vitest'
import { at, readTemplate, text } from '../../src/gateway/lint/yaml-tree.js'
import { yamlMapping, type YamlNode } from '../../src/gateway/yaml-text.js'

describe('yamlMapping', () => {
  it('writes a tagged scalar as a short-form tag, which the template reader takes back as one', () => {
    const written = yamlMapping({ Properties: { RestApiId: { tag: '!Ref', value: 'RestApiId' } } })
    expect(written).toBe('Properties:\n  RestApiId: !Ref RestApiId\n')
    expect(at(readTemplate(written), 'Properties', 'RestApiId')).toMatchObject({ kind: 'scalar', tag: '!Ref', value: 'RestApiId' })
  })

  it.each<[string, Record<string, YamlNode>, string]>([
    ['a third key beside tag and value', { tag: '!Ref', value: 'Api', note: 'x' }, 'Node:\n  tag: "!Ref"\n  value: Api\n  note: x\n'],
    ['a value that is a mapping', { tag: '!Ref', value: { Ref: 'Api' } }, 'Node:\n  tag: "!Ref"\n  value:\n    Ref: Api\n'],
    ['a tag that is a mapping', { tag: { Name: 'Api' }, value: 'x' }, 'Node:\n  tag:\n    Name: Api\n  value: x\n'],
    ['value without tag', { value: 'x', note: 'z' }, 'Node:\n  value: x\n  note: z\n'],
  ])('a mapping with %s is a mapping, not a tagged scalar', (_case, node, expected) => {
    const written = yamlMapping({ Node: node })
    expect(written).toBe(expected)
    const read = at(readTemplate(written), 'Node')
    expect(read?.kind).toBe('map')
    for (const key of Object.keys(node)) expect(at(read, key)).toBeDefined()
    expect(text(at(read, 'value'))).toBe(typeof node.value === 'string' ? node.value : undefined)
  })
})
