/**
 * The page origins scenarios run from. Each is a role; its URL uses a
 * `*.localhost` name, which browsers resolve to loopback by themselves
 * (Chromium and Firefox do), so every scenario runs with no flags and no
 * hosts-file change. The pages share one port except `otherPort`.
 */
export const originRoles = {
  app: 'the app, listed exactly',
  subdomain: 'one level under *.example.localhost',
  nestedSubdomain: 'two levels under *.example.localhost',
  apex: 'example.localhost itself',
  otherPort: 'the app host on another port',
  lookalikeSuffix: 'example.localhost as a prefix of evil.localhost',
  lookalikeGlued: 'example.localhost glued to a prefix',
  evil: 'an unrelated site',
  localhost: 'a dev server on localhost, any port',
} as const

export type OriginRole = keyof typeof originRoles

/** Where the API and each page origin live. */
export interface OriginPlan {
  api: string
  pages: Record<OriginRole, string>
}

/** The hostname every role uses, without port: the policies list them. */
export const hosts = {
  api: 'api.example.localhost',
  app: 'app.example.localhost',
  subdomain: 'shop.example.localhost',
  nestedSubdomain: 'a.b.example.localhost',
  apex: 'example.localhost',
  otherPort: 'app.example.localhost',
  lookalikeSuffix: 'example.localhost.evil.localhost',
  lookalikeGlued: 'evilexample.localhost',
  evil: 'evil.localhost',
  localhost: 'localhost',
} as const

/**
 * The plan for the given ports. API and app are different origins on the
 * same site (example.localhost), so the session cookie is first-party.
 */
export function demoPlan(ports: { api: number; page: number; otherPage: number }): OriginPlan {
  const page = (role: Exclude<OriginRole, 'otherPort'>): string => `http://${hosts[role]}:${ports.page}`
  return {
    api: `http://${hosts.api}:${ports.api}`,
    pages: {
      app: page('app'),
      subdomain: page('subdomain'),
      nestedSubdomain: page('nestedSubdomain'),
      apex: page('apex'),
      otherPort: `http://${hosts.otherPort}:${ports.otherPage}`,
      lookalikeSuffix: page('lookalikeSuffix'),
      lookalikeGlued: page('lookalikeGlued'),
      evil: page('evil'),
      localhost: page('localhost'),
    },
  }
}
