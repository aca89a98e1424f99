import { describe, expect, it } from 'vitest'
import { compilePolicy, CorsConfigError, type CorsConfigProblem, type CorsOptions } from '../../src/index.js'
import { problemsOf as problemsOfRun } from '../support/problems.js'

const APP = 'https://app.example.com'

function problemsOf(options: unknown): readonly CorsConfigProblem[] {
  return problemsOfRun(() => compilePolicy(options as CorsOptions))
}

function onlyProblem(options: unknown): CorsConfigProblem {
  const problems = problemsOf(options)
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1)
  return problems[0] as CorsConfigProblem
}

/** Adds `extra` to a valid configuration. */
const withApp = (extra: Record<string, unknown>): unknown => ({ origins: [APP], ...extra })

describe('the options object', () => {
  it.each([null, undefined, 'https://app.example.com', 42, true])('refuses %j as options', (options) => {
    const problem = onlyProblem(options)
    expect(problem.option).toBe('options')
    expect(problem.reason).toContain('must be an object')
    expect(problem.fix).toContain("origins: ['https://app.example.com']")
  })
})

describe('unknown option keys', () => {
  it.each([
    ['origin', 'origins'],
    ['allowOrigins', 'origins'],
    ['allowedOrigins', 'origins'],
    ['allowOrigin', 'origins'],
    ['headers', 'allowedHeaders'],
    ['allowHeaders', 'allowedHeaders'],
    ['requestHeaders', 'allowedHeaders'],
    ['exposeHeaders', 'exposedHeaders'],
    ['exposedHeader', 'exposedHeaders'],
    ['responseHeaders', 'exposedHeaders'],
    ['allowMethods', 'methods'],
    ['requestMethods', 'methods'],
    ['allowCredentials', 'credentials'],
    ['maxAgeSeconds', 'maxAge'],
    ['allowPrivateNetwork', 'privateNetwork'],
  ])('%s: suggests %s', (key, renamed) => {
    const problem = onlyProblem(withApp({ [key]: 42 }))
    expect(problem.option).toBe(key)
    expect(problem.value).toBe('42')
    expect(problem.reason).toContain('not an option of lambda-cors')
    expect(problem.fix).toBe(`call it ${renamed}.`)
  })

  it.each(['foo', 'Origins', 'max_age', 'dangerouslyAllowEverything'])('%s: suggests removing it', (key) => {
    const problem = onlyProblem(withApp({ [key]: true }))
    expect(problem.option).toBe(key)
    expect(problem.fix).toContain('remove it; docs/options.md lists every option')
  })

  it.each(['constructor', 'toString'])('%s (an Object.prototype name): suggests removing it, not a function', (key) => {
    const problem = onlyProblem(withApp({ [key]: true }))
    expect(problem.option).toBe(key)
    expect(problem.fix).toContain('remove it')
    expect(problem.fix).not.toContain('function')
  })

  it('origin instead of origins: the rename, and nothing about the allowlist being missing twice', () => {
    const problems = problemsOf({ origin: APP })
    expect(problems[0]).toMatchObject({ option: 'origin', fix: 'call it origins.' })
    // the missing allowlist is one problem, not two
    expect(problems.filter((p) => p.option === 'origins')).toHaveLength(1)
  })
})

describe('origins', () => {
  it('is required: there is no default allowlist', () => {
    const problem = onlyProblem({})
    expect(problem.option).toBe('origins')
    expect(problem.value).toBe('undefined')
    expect(problem.reason).toContain('there is no default allowlist')
    expect(problem.fix).toContain("origins: ['https://app.example.com']")
  })

  it('refuses an empty list', () => {
    const problem = onlyProblem({ origins: [] })
    expect(problem.option).toBe('origins')
    expect(problem.value).toBe('[]')
    expect(problem.reason).toContain('an empty allowlist allows nothing')
  })

  it('refuses null and shows it as written', () => {
    const problem = onlyProblem({ origins: null })
    expect(problem.option).toBe('origins')
    expect(problem.value).toBe('null')
  })

  it('names each bad entry by its index', () => {
    const problems = problemsOf({ origins: [APP, 'https://a.example.com/', 'https://*.com'] })
    expect(problems.map((p) => p.option)).toEqual(['origins[1]', 'origins[2]'])
    expect(problems[0]?.fix).toContain('browsers send "https://a.example.com"')
  })

  it('refuses a non-pattern entry', () => {
    const problem = onlyProblem({ origins: [APP, 42] })
    expect(problem.option).toBe('origins[1]')
    expect(problem.value).toBe('42')
  })

  it('refuses null without the dangerous opt-in', () => {
    const problem = onlyProblem({ origins: ['null'] })
    expect(problem.option).toBe('origins[0]')
    expect(problem.reason).toContain("send 'Origin: null'")
    expect(problem.fix).toContain('dangerouslyAllowNullOrigin: true')
  })

  it("refuses '*' with other entries", () => {
    const problem = onlyProblem({ origins: ['*', APP] })
    expect(problem.option).toBe('origins')
    expect(problem.reason).toContain("'*' allows every origin")
  })
})

describe('with credentials: true', () => {
  it("refuses '*' origins", () => {
    const problem = onlyProblem({ origins: '*', credentials: true })
    expect(problem.option).toBe('origins')
    expect(problem.value).toBe('"*"')
    expect(problem.reason).toContain('with credentials')
    expect(problem.fix).toContain('list the origins')
  })

  it("refuses '*' as the only list entry", () => {
    expect(onlyProblem({ origins: ['*'], credentials: true }).option).toBe('origins[0]')
  })

  it('refuses plain-http, non-loopback origins', () => {
    const problem = onlyProblem({ origins: ['http://app.example.com'], credentials: true })
    expect(problem.option).toBe('origins[0]')
    expect(problem.reason).toContain('plain-http origin')
    expect(problem.fix).toContain('"https://app.example.com"')
    expect(problem.fix).toContain('dangerouslyAllowInsecureOriginsWithCredentials: true')
  })

  it('accepts loopback over http: localhost, 127.0.0.1 and [::1]', () => {
    expect(() => compilePolicy({ origins: ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:5173', 'http://localhost:*'], credentials: true })).not.toThrow()
  })

  it.each([
    ['methods', '*'],
    ['methods', ['*']],
    ['allowedHeaders', '*'],
    ['allowedHeaders', ['*']],
  ] as const)("refuses %s %j unless dangerouslyMirrorPreflightWithCredentials", (option, value) => {
    const problem = onlyProblem(withApp({ credentials: true, [option]: value }))
    expect(problem.option).toBe(option)
    expect(problem.value).toBe(JSON.stringify(value))
    expect(problem.reason).toContain("browsers read '*' as")
    expect(problem.fix).toContain('dangerouslyMirrorPreflightWithCredentials: true')
    expect(() => compilePolicy(withApp({ credentials: true, [option]: value, dangerouslyMirrorPreflightWithCredentials: true }) as CorsOptions)).not.toThrow()
  })

  it.each(['*', ['*']] as const)("refuses exposedHeaders %j, even with the mirror opt-in", (value) => {
    for (const mirror of [false, true]) {
      const problem = onlyProblem(withApp({ credentials: true, exposedHeaders: value, dangerouslyMirrorPreflightWithCredentials: mirror }))
      expect(problem.option).toBe('exposedHeaders')
      expect(problem.reason).toContain('nothing would be exposed')
      expect(problem.fix).not.toContain('dangerously')
    }
  })

  it("accepts '*' for methods, allowedHeaders and exposedHeaders without credentials", () => {
    expect(() => compilePolicy({ origins: [APP], methods: '*', allowedHeaders: '*', exposedHeaders: '*' })).not.toThrow()
  })

  it.each([
    ['methods', ['GET', '*'], 'methods[1]'],
    ['allowedHeaders', ['*', 'Content-Type'], 'allowedHeaders[0]'],
    ['exposedHeaders', ['X-Request-Id', '*'], 'exposedHeaders[1]'],
  ])("refuses '*' inside a longer %s list, with or without credentials", (option, list, path) => {
    for (const credentials of [false, true]) {
      const problem = onlyProblem(withApp({ [option]: list, credentials }))
      expect(problem.option).toBe(path)
      expect(problem.reason).toContain("'*' inside a list is ambiguous")
      expect(problem.fix).toContain(`write ${option}: '*' alone`)
    }
  })
})

describe('boolean options', () => {
  it.each([
    'credentials', 'privateNetwork', 'preflightContinue', 'dangerouslyAllowNullOrigin',
    'dangerouslyAllowInsecureOriginsWithCredentials', 'dangerouslyMirrorPreflightWithCredentials',
  ])('%s must be true or false', (option) => {
    for (const value of ['yes', 1, 0, null, {}]) {
      const problem = onlyProblem(withApp({ [option]: value }))
      expect(problem.option).toBe(option)
      expect(problem.reason).toBe(`${option} must be true or false.`)
    }
  })

  it("the fix for the string 'false' says false", () => {
    const problem = onlyProblem(withApp({ credentials: 'false' }))
    expect(problem.fix).toBe('write credentials: false.')
  })

  it("the fix for the string 'true' says true", () => {
    expect(onlyProblem(withApp({ credentials: 'true' })).fix).toBe('write credentials: true.')
  })
})

describe('methods', () => {
  it('must be a list', () => {
    const problem = onlyProblem(withApp({ methods: 'GET' }))
    expect(problem.option).toBe('methods')
    expect(problem.reason).toContain('list of method names')
  })

  it.each(['GE T', '', 'GET,POST', 'GET\n', 'PÖST', '(GET)', 'GET/1'])('refuses the non-token %j', (method) => {
    const problem = onlyProblem(withApp({ methods: ['GET', method] }))
    expect(problem.option).toBe('methods[1]')
    expect(problem.value).toBe(JSON.stringify(method))
    expect(problem.reason).toContain('HTTP token')
  })

  it.each([42, null, undefined, {}])('refuses the non-string %j', (method) => {
    expect(onlyProblem(withApp({ methods: [method] })).option).toBe('methods[0]')
  })

  it.each(['CONNECT', 'TRACE', 'TRACK', 'connect', 'trace', 'Track'])('refuses %s', (method) => {
    const problem = onlyProblem(withApp({ methods: [method] }))
    expect(problem.option).toBe('methods[0]')
    expect(problem.reason).toContain(`browsers never send ${method.toUpperCase()}`)
    expect(problem.fix).toBe('remove it.')
  })

  it("accepts token characters such as ! and '", () => {
    expect(() => compilePolicy({ origins: [APP], methods: ["X-!#$%&'*+.^_`|~1"] })).not.toThrow()
  })
})

describe('header names', () => {
  it.each(['allowedHeaders', 'exposedHeaders'])('%s must be a list', (option) => {
    const problem = onlyProblem(withApp({ [option]: 'X-Request-Id' }))
    expect(problem.option).toBe(option)
    expect(problem.reason).toContain('list of header names')
  })

  it.each(['X Custom', 'X-A:b', '', 'Ünicode', 'X-A\r\nSet-Cookie', 'X-"Quoted"', 'X-A,X-B'])('refuses the non-token %j', (name) => {
    for (const option of ['allowedHeaders', 'exposedHeaders']) {
      const problem = onlyProblem(withApp({ [option]: ['X-Ok', name] }))
      expect(problem.option).toBe(`${option}[1]`)
      expect(problem.reason).toContain('HTTP token')
    }
  })

  it.each([
    'Cookie', 'cookie', 'COOKIE', 'Cookie2', 'Host', 'Origin', 'Referer', 'Connection', 'Content-Length', 'Date', 'DNT', 'Expect',
    'Keep-Alive', 'TE', 'Trailer', 'Transfer-Encoding', 'Upgrade', 'Via', 'Accept-Charset', 'Accept-Encoding',
    'Access-Control-Request-Headers', 'Access-Control-Request-Method', 'Set-Cookie',
    'Sec-Fetch-Mode', 'sec-ch-ua', 'Sec-', 'Proxy-Authorization', 'proxy-anything', 'Proxy-',
  ])('refuses the forbidden request header %s in allowedHeaders', (name) => {
    const problem = onlyProblem(withApp({ allowedHeaders: [name] }))
    expect(problem.option).toBe('allowedHeaders[0]')
    expect(problem.value).toBe(JSON.stringify(name))
    expect(problem.reason).toContain('forbidden request-header')
    expect(problem.fix).toBe('remove it.')
  })

  it.each(['Security-Token', 'Proxyish', 'X-Sec-Token', 'Hostname', 'X-Origin', 'Cookie-Consent'])('accepts %s (not forbidden, only similar)', (name) => {
    expect(() => compilePolicy({ origins: [APP], allowedHeaders: [name] })).not.toThrow()
  })

  it.each(['Set-Cookie', 'set-cookie', 'SET-COOKIE', 'Set-Cookie2'])('refuses exposing %s', (name) => {
    const problem = onlyProblem(withApp({ exposedHeaders: [name] }))
    expect(problem.option).toBe('exposedHeaders[0]')
    expect(problem.reason).toContain('never let script read Set-Cookie')
  })
})

describe('maxAge', () => {
  it.each([-2, 86401, 1e9, 1.5, -0.5, Number.NaN, Number.POSITIVE_INFINITY, '600', null])('refuses %s', (maxAge) => {
    const problem = onlyProblem(withApp({ maxAge }))
    expect(problem.option).toBe('maxAge')
    expect(problem.reason).toContain('from -1 to 86400')
    expect(problem.reason).toContain('Chromium caps at 7200 and Safari at 600')
    expect(problem.fix).toContain('maxAge: 600')
  })

  it.each([-1, 0, 600, 86400])('accepts %s', (maxAge) => {
    expect(() => compilePolicy({ origins: [APP], maxAge })).not.toThrow()
  })
})

describe('optionsSuccessStatus', () => {
  it.each([199, 300, 404, 500, 0, 204.5, '204', null])('refuses %s', (status) => {
    const problem = onlyProblem(withApp({ optionsSuccessStatus: status }))
    expect(problem.option).toBe('optionsSuccessStatus')
    expect(problem.reason).toContain('2xx')
    expect(problem.fix).toContain('optionsSuccessStatus: 204')
  })
})

describe('logger', () => {
  it.each(['console', {}, true, null])('refuses the non-function %j', (logger) => {
    const problem = onlyProblem(withApp({ logger }))
    expect(problem.option).toBe('logger')
    expect(problem.reason).toContain('must be a function')
  })
})

describe('every problem at once', () => {
  it('one configuration with fourteen mistakes gives fourteen problems', () => {
    const problems = problemsOf({
      origin: APP,
      origins: ['https://a.example.com/', 'null', 'http://b.example.com', '*'],
      credentials: true,
      methods: ['GET', 'TRACE', 'GE T'],
      allowedHeaders: ['Cookie', 'X Y', 'Content-Type'],
      exposedHeaders: '*',
      maxAge: 100000,
      optionsSuccessStatus: 404,
      privateNetwork: 'yes',
      logger: 'console',
    })
    expect(problems.map((p) => p.option).sort()).toEqual([
      'allowedHeaders[0]', 'allowedHeaders[1]', 'exposedHeaders', 'logger', 'maxAge', 'methods[1]', 'methods[2]', 'optionsSuccessStatus',
      'origin', 'origins[0]', 'origins[1]', 'origins[2]', 'origins[3]', 'privateNetwork',
    ])
    for (const problem of problems) {
      expect(problem.reason.length, problem.option).toBeGreaterThan(10)
      expect(problem.fix.length, problem.option).toBeGreaterThan(5)
    }
  })

  it('the error says how many and lists each', () => {
    let error: unknown
    try {
      compilePolicy({ origins: [APP], maxAge: -5, optionsSuccessStatus: 100, methods: ['TRACE'] })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(CorsConfigError)
    expect(error).toBeInstanceOf(Error)
    const { message, problems } = error as CorsConfigError
    expect(problems).toHaveLength(3)
    expect(message).toContain('3 problems')
    for (const option of ['maxAge', 'optionsSuccessStatus', 'methods[0]']) expect(message).toContain(option)
  })

  it('a valid configuration with every option throws nothing', () => {
    expect(() => compilePolicy({
      origins: [APP, 'https://*.example.org', 'http://localhost:*', /^https:\/\/x\.example\.io$/, () => true],
      credentials: true,
      methods: ['GET', 'POST', 'PATCH', 'PURGE'],
      allowedHeaders: ['Content-Type', 'Authorization'],
      exposedHeaders: ['X-Request-Id'],
      maxAge: 7200,
      cacheControl: 'public, max-age=600',
      privateNetwork: true,
      optionsSuccessStatus: 200,
      preflightContinue: true,
      logger: () => {},
      dangerouslyAllowNullOrigin: false,
      dangerouslyAllowInsecureOriginsWithCredentials: false,
      dangerouslyMirrorPreflightWithCredentials: false,
    })).not.toThrow()
  })
})
