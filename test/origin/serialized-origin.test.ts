import { describe, expect, it } from 'vitest'
import { MAX_ORIGIN_LENGTH, parseSerializedOrigin } from '../../src/origin/serialized-origin.js'

describe('parseSerializedOrigin: what a browser sends', () => {
  it.each([
    ['https://app.example.com', 'https', 'app.example.com', ''],
    ['http://localhost:3000', 'http', 'localhost', '3000'],
    ['https://example.com:8443', 'https', 'example.com', '8443'],
    ['capacitor://localhost', 'capacitor', 'localhost', ''],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'chrome-extension', 'abcdefghijklmnopabcdefghijklmnop', ''],
    ['http://127.0.0.1:8080', 'http', '127.0.0.1', '8080'],
    ['http://[::1]:3000', 'http', '[::1]', '3000'],
    ['https://xn--bcher-kva.example', 'https', 'xn--bcher-kva.example', ''],
    ['http://localhost:1', 'http', 'localhost', '1'],
    ['http://localhost:65535', 'http', 'localhost', '65535'],
    ['web+app://a_b.example', 'web+app', 'a_b.example', ''],
  ])('%s -> scheme %s, host %s, port %s', (origin, scheme, host, port) => {
    expect(parseSerializedOrigin(origin)).toEqual({ scheme, host, port })
  })
})

describe('parseSerializedOrigin: what a browser never sends', () => {
  it.each([
    ['null', 'null'],
    ['empty', ''],
    ['no scheme', 'app.example.com'],
    ['upper-case scheme', 'HTTPS://app.example.com'],
    ['upper-case host', 'https://API.example.com'],
    ['trailing slash', 'https://app.example.com/'],
    ['path', 'https://app.example.com/path'],
    ['query', 'https://app.example.com?x=1'],
    ['fragment', 'https://app.example.com#x'],
    ['userinfo', 'https://user@app.example.com'],
    ['userinfo with password', 'https://user:pw@app.example.com'],
    ['leading space', ' https://app.example.com'],
    ['trailing space', 'https://app.example.com '],
    ['trailing newline', 'https://app.example.com\n'],
    ['tab inside', 'https://app.\texample.com'],
    ['port 0', 'http://localhost:0'],
    ['port 65536', 'http://localhost:65536'],
    ['port 99999', 'http://localhost:99999'],
    ['port with leading zero', 'http://localhost:03000'],
    ['port 00', 'http://localhost:00'],
    ['empty port', 'http://localhost:'],
    ['non-numeric port', 'http://localhost:abc'],
    ['six-digit port', 'http://localhost:100000'],
    ['trailing dot', 'https://example.com.'],
    ['empty label', 'https://a..example.com'],
    ['leading dot', 'https://.example.com'],
    ['empty host', 'https://'],
    ['single slash', 'https:/app.example.com'],
    ['Unicode host', 'https://bücher.example'],
    ['percent-encoded host', 'https://app%2eexample.com'],
    ['backslash', 'https://app.example.com\\'],
    ['scheme starting with a digit', '1http://app.example.com'],
    ['NUL byte', 'https://app.example.com\u0000'],
  ])('%s: %j', (_, origin) => {
    expect(parseSerializedOrigin(origin)).toBeUndefined()
  })

  it('refuses anything longer than the bound, however well-formed', () => {
    const host = `${'a'.repeat(60)}.`.repeat(6) + 'com'
    const origin = `https://${host}`
    expect(origin.length).toBeGreaterThan(MAX_ORIGIN_LENGTH)
    expect(parseSerializedOrigin(origin)).toBeUndefined()
  })

  it('accepts a well-formed origin exactly at the bound', () => {
    const prefix = 'https://'
    const host = 'a'.repeat(MAX_ORIGIN_LENGTH - prefix.length)
    expect(parseSerializedOrigin(prefix + host)).toEqual({ scheme: 'https', host, port: '' })
  })

  it('refuses a 1 MiB value', () => {
    expect(parseSerializedOrigin(`https://${'a'.repeat(1024 * 1024)}.com`)).toBeUndefined()
  })
})
