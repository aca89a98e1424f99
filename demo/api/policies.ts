import type { CorsOptions, CorsRefusal } from '../../src/index.js'
import { noteRefusal } from '../gateway/request-log.js'
import { hosts } from '../origins.js'

/** Hands each refusal to the request log, so the page and the suite can say why. */
function logRefusal(refusal: CorsRefusal): void {
  noteRefusal({ reason: refusal.reason, origin: refusal.origin, record: JSON.stringify(refusal) })
}

const shared = {
  // PATCH is left out on purpose: a scenario asks for it and must be refused.
  methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
  allowedHeaders: ['Content-Type', 'Authorization', 'X-Custom'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
  logger: logRefusal,
} satisfies Partial<CorsOptions>

export type PolicyName = 'credentials' | 'no-credentials'
export const policyNames: PolicyName[] = ['credentials', 'no-credentials']

/**
 * The policies behind the demo API, one per mount, for the page port the
 * demo listens on. `credentials` is what an app with a session cookie would
 * use; `no-credentials` is the same without cookies, and it lists the apex
 * domain so that a scenario can show "only when listed".
 */
export function demoPolicies(pagePort: number): Record<PolicyName, CorsOptions> {
  return {
    credentials: {
      ...shared,
      origins: [`http://${hosts.app}:${pagePort}`, `http://*.${hosts.apex}:${pagePort}`, 'http://localhost:*'],
      credentials: true,
    },
    'no-credentials': {
      ...shared,
      origins: [`http://${hosts.apex}:${pagePort}`, `http://*.${hosts.apex}:${pagePort}`, 'http://localhost:*'],
      credentials: false,
    },
  }
}
