/**
 * The page origins scenarios run from. Each is a role; the URL it has depends
 * on how the demo runs (see OriginPlan).
 */
export const originRoles = {
  app: 'the app, listed exactly',
  subdomain: 'one level under *.example.test',
  nestedSubdomain: 'two levels under *.example.test',
  apex: 'example.test itself',
  httpApp: 'the app over plain http',
  lookalikeSuffix: 'example.test as a prefix of evil.test',
  lookalikeGlued: 'example.test glued to a prefix',
  evil: 'an unrelated site',
  localhost: 'a dev server on localhost, any port',
} as const

export type OriginRole = keyof typeof originRoles

/** Where the API and each page origin live; null means "not available in this mode". */
export interface OriginPlan {
  api: string
  pages: Record<OriginRole, string | null>
}

/**
 * Hostnames mode: realistic .test names over HTTPS. Only a browser started
 * with `hostResolverRules(...)` reaches them; the suite does that.
 */
export function hostnamesPlan(httpPagePort: number): OriginPlan {
  return {
    api: 'https://api.example.test',
    pages: {
      app: 'https://app.example.test',
      subdomain: 'https://shop.example.test',
      nestedSubdomain: 'https://a.b.example.test',
      apex: 'https://example.test',
      httpApp: 'http://app.example.test',
      lookalikeSuffix: 'https://example.test.evil.test',
      lookalikeGlued: 'https://evilexample.test',
      evil: 'https://evil.test',
      localhost: `http://localhost:${httpPagePort}`,
    },
  }
}

/**
 * Chromium's `--host-resolver-rules` for hostnames mode: every .test name goes
 * to loopback, and the default ports 443/80 are remapped to the servers' real
 * ports so origins carry no port, exactly as in production. First match wins.
 */
export function hostResolverRules(ports: { api: number; httpsPage: number; httpPage: number }): string {
  return [
    `MAP api.example.test:443 127.0.0.1:${ports.api}`,
    `MAP *.test:443 127.0.0.1:${ports.httpsPage}`,
    `MAP *.test:80 127.0.0.1:${ports.httpPage}`,
  ].join(', ')
}

/**
 * Localhost mode, for `npm run demo` in any browser without set-up: the page
 * and the API share the site `localhost` (so the session cookie is first-party)
 * but differ in port, hence in origin; 127.0.0.1 serves as the foreign origin.
 * Scenarios that need other hostnames are marked unavailable.
 */
export function localhostPlan(ports: { api: number; page: number }): OriginPlan {
  return {
    api: `http://localhost:${ports.api}`,
    pages: {
      app: `http://localhost:${ports.page}`,
      subdomain: null,
      nestedSubdomain: null,
      apex: null,
      httpApp: null,
      lookalikeSuffix: null,
      lookalikeGlued: null,
      evil: `http://127.0.0.1:${ports.page}`,
      localhost: `http://localhost:${ports.page}`,
    },
  }
}
